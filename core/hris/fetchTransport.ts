// An HttpTransport over Node's global fetch — for integrators using the core directly, scripts and tests.
// The nodes use this.helpers.httpRequest instead (nodes/shared/hrisTransport.ts). The signal bounds the
// whole exchange, body included (fetch aborts res.text() too).
import { withQuery, type HttpRequest, type HttpResponse, type HttpTransport } from './http';

export const fetchTransport: HttpTransport = async (
	request: HttpRequest,
): Promise<HttpResponse> => {
	const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
	let body: string | undefined;
	if (request.body instanceof URLSearchParams) {
		body = request.body.toString();
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (request.body !== undefined) {
		body = JSON.stringify(request.body);
		headers['content-type'] = 'application/json';
	}
	const res = await fetch(withQuery(request.url, request.qs), {
		method: request.method,
		headers,
		body,
		signal: request.signal ?? AbortSignal.timeout(request.timeoutMs ?? 60_000),
	});
	const text = await res.text();
	let parsed: unknown = text;
	if (text !== '' && /json/i.test(res.headers.get('content-type') ?? '')) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
	}
	const out: Record<string, string> = {};
	res.headers.forEach((value, name) => (out[name.toLowerCase()] = value));
	return { status: res.status, headers: out, body: parsed };
};
