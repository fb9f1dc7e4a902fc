// The resume link of a waiting n8n execution, as n8n builds it ($execution.resumeUrl):
// `<base URL>/webhook-waiting/<execution id>`, optionally with `?signature=<token>`. The reply form
// calls only such a link, and only one the BEM file recorded with the letter: the path is matched
// segment by segment after parsing, so `..`, `%2e%2e`, backslashes or another path into n8n
// (`/rest/...`) never pass.

const SEGMENT = '[A-Za-z0-9_~-][A-Za-z0-9._~-]*';
const PATH = new RegExp(`^(/${SEGMENT})*/webhook-waiting/[A-Za-z0-9_-]+$`);
const SIGNATURE = /^[A-Za-z0-9._~+/=-]+$/;

export type ResumeUrlCheck = { ok: true } | { ok: false; problem: string };

export function checkResumeUrl(value: unknown): ResumeUrlCheck {
	if (typeof value !== 'string') return { ok: false, problem: 'is not text' };
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { ok: false, problem: 'is not a URL' };
	}
	// the parser would quietly drop tabs, fold `..` or fix slashes: only a link that is already canonical
	if (url.href !== value) return { ok: false, problem: 'is not a canonical URL' };
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { ok: false, problem: 'is not http(s)' };
	if (url.username || url.password) return { ok: false, problem: 'carries credentials' };
	if (url.hash) return { ok: false, problem: 'has a fragment' };
	if (!PATH.test(url.pathname))
		return {
			ok: false,
			problem: "is not n8n's resume link (<base>/webhook-waiting/<execution id>)",
		};
	for (const [key, v] of url.searchParams)
		if (key !== 'signature' || !SIGNATURE.test(v))
			return { ok: false, problem: "has a query other than n8n's signature" };
	return { ok: true };
}
