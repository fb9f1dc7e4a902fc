// Hostile resume links (issue 13, item 3): only n8n's own `<base>/webhook-waiting/<id>` shape passes,
// checked after parsing, so encoded dots, folded `..`, other paths into n8n, credentials or foreign
// queries never do. The reply form calls only a link that passed here when the letter was recorded.
import { checkResumeUrl } from '../../core/replyLink';

describe('checkResumeUrl', () => {
	it.each([
		'http://localhost:5678/webhook-waiting/501',
		'https://n8n.example.com/webhook-waiting/12345',
		'https://example.com/n8n/webhook-waiting/12?signature=abc.DEF-12_3',
		'http://localhost:5678/webhook-waiting/exec-1',
	])("accepts n8n's resume link %s", (url) => {
		expect(checkResumeUrl(url)).toEqual({ ok: true });
	});

	it.each([
		'http://localhost:5678/webhook-waiting/%2e%2e/rest/owner/setup',
		'http://localhost:5678/webhook-waiting/%2E%2E/%2E%2E/rest/login',
		'http://localhost:5678/webhook-waiting/..%2frest',
		'http://localhost:5678/webhook-waiting/1/../../rest/owner/setup',
		'http://localhost:5678/webhook-waiting/../rest/owner/setup',
		'http://localhost:5678/webhook-waiting/1/..',
		'http://localhost:5678/webhook-waiting\\..\\rest',
		'http://localhost:5678/rest/owner/setup',
		'http://localhost:5678/webhook-waiting/',
		'http://localhost:5678/webhook-waiting/1/2',
		'http://localhost:5678/webhook/abc',
		'http://localhost:5678/webhook-waiting/1?next=/rest',
		'http://localhost:5678/webhook-waiting/1?signature=a&x=1',
		'http://localhost:5678/webhook-waiting/1#x',
		'http://admin:pw@localhost:5678/webhook-waiting/1',
		'http://localhost:5678/./webhook-waiting/1',
		'http://localhost:5678/webhook-waiting/1\t',
		'file:///webhook-waiting/1',
		'javascript:alert(1)//webhook-waiting/1',
		'ftp://localhost/webhook-waiting/1',
		'/webhook-waiting/1',
		'',
	])('refuses %s', (url) => {
		expect(checkResumeUrl(url).ok).toBe(false);
	});

	it('refuses what is not text', () => {
		for (const v of [undefined, null, 1, {}, ['http://localhost:5678/webhook-waiting/1']])
			expect(checkResumeUrl(v)).toEqual({ ok: false, problem: 'is not text' });
	});
});
