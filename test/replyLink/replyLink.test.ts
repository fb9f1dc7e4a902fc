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

describe('reply links for one letter (r2)', () => {
	const token = createReplyToken(
		{ caseId: 'case-42', letterSeq: 3, validUntil: '2026-12-31' },
		SECRET,
	);

	it('names the letter it answers', () => {
		expect(token).toMatch(/^r2\./);
		expect(verifyReplyToken(token, SECRET, '2026-12-01')).toEqual({
			ok: true,
			claims: { caseId: 'case-42', letterSeq: 3, validUntil: '2026-12-31' },
		});
	});
	it('a changed letter breaks the signature', () => {
		const parts = token.split('.');
		parts[2] = '5';
		expect(verifyReplyToken(parts.join('.'), SECRET, '2026-12-01')).toEqual({
			ok: false,
			reason: 'forged',
		});
		// an r2 token shortened to r1's shape is not an r1 token of the same case
		const [, c, , date, sig] = token.split('.');
		expect(verifyReplyToken(['r1', c, date, sig].join('.'), SECRET, '2026-12-01').ok).toBe(false);
	});
	it('refuses a letter that is not a positive whole number', () => {
		for (const letterSeq of [0, -1, 1.5, Number.NaN])
			expect(() =>
				createReplyToken({ caseId: 'c', letterSeq, validUntil: '2026-12-31' }, SECRET),
			).toThrow('letterSeq');
	});
});
