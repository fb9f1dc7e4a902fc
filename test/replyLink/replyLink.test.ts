import { createReplyToken, replyLink, verifyReplyToken } from '../../core';

const SECRET = 'test-encryption-key-0123456789';

describe('signed reply links', () => {
	const token = createReplyToken({ caseId: 'case-42', validUntil: '2026-12-31' }, SECRET);

	it('verifies a genuine token until its last day', () => {
		expect(verifyReplyToken(token, SECRET, '2026-12-31')).toEqual({
			ok: true,
			claims: { caseId: 'case-42', validUntil: '2026-12-31' },
		});
	});
	it('refuses an expired token', () => {
		expect(verifyReplyToken(token, SECRET, '2027-01-01')).toEqual({ ok: false, reason: 'expired' });
	});
	it('refuses a token signed with another key, or with a changed case or date', () => {
		expect(verifyReplyToken(token, 'another-installation-key-xyz', '2026-12-01')).toEqual({
			ok: false,
			reason: 'forged',
		});
		const [v, , date, sig] = token.split('.');
		const otherCase = Buffer.from('case-43').toString('base64url');
		expect(verifyReplyToken([v, otherCase, date, sig].join('.'), SECRET, '2026-12-01')).toEqual({
			ok: false,
			reason: 'forged',
		});
		expect(
			verifyReplyToken(token.replace('2026-12-31', '2027-12-31'), SECRET, '2026-12-01'),
		).toEqual({ ok: false, reason: 'forged' });
	});
	it('refuses garbage', () => {
		for (const bad of ['', 'x', 'r1.a.b', undefined, 42, 'r2.a.2026-01-01.sig'])
			expect(verifyReplyToken(bad, SECRET, '2026-12-01').ok).toBe(false);
	});
	it('builds the link with the token as query parameter', () => {
		expect(replyLink('https://n8n.example.invalid/form/bem-reply', token)).toBe(
			`https://n8n.example.invalid/form/bem-reply?token=${token}`,
		);
	});
	it('needs a real secret', () => {
		expect(() => createReplyToken({ caseId: 'c', validUntil: '2026-12-31' }, 'short')).toThrow(
			'at least 16 characters',
		);
	});
});
