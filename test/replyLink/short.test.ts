// The short reply token (core/replyLink/short.ts): 44 characters, self-checking, naming no case to its
// reader; the long tokens of letters already sent still verify.
import { createReplyToken, replyLink, replyToken, verifyReplyToken } from '../../core';

const SECRET = 'test-encryption-key-0123456789';
const CASE = '7f3a9c2e-1b4d-4e8f-9a0b-5c6d7e8f9a0b';
const claims = { caseId: CASE, letterSeq: 2, validUntil: '2027-01-11' };

describe('short reply tokens', () => {
	const token = replyToken(claims, SECRET);

	it('is 44 characters of base64url; the whole link stays under 100 characters', () => {
		expect(token).toMatch(/^[A-Za-z0-9_-]{44}$/);
		const link = replyLink('https://n8n.muster-gmbh.de/form/bem-reply', token);
		expect(link).toBe(`https://n8n.muster-gmbh.de/form/bem-reply?token=${token}`);
		expect(link.length).toBeLessThan(100);
	});

	it('verifies until its last day and names case, letter and day', () => {
		expect(verifyReplyToken(token, SECRET, '2027-01-11')).toEqual({ ok: true, claims });
		expect(verifyReplyToken(token, SECRET, '2027-01-12')).toEqual({
			ok: false,
			reason: 'expired',
		});
	});

	it('shows no case id to its reader', () => {
		const bytes = Buffer.from(token, 'base64url').toString('hex');
		expect(bytes).not.toContain(CASE.replace(/-/g, '').slice(0, 8));
		expect(token).not.toContain(Buffer.from(CASE).toString('base64url').slice(0, 8));
	});

	it('refuses every altered character, another key and garbage of its length', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		for (let i = 0; i < token.length; i++) {
			const other = alphabet[(alphabet.indexOf(token[i]) + 1) % alphabet.length];
			const altered = token.slice(0, i) + other + token.slice(i + 1);
			expect(verifyReplyToken(altered, SECRET, '2027-01-01').ok).toBe(false);
		}
		expect(verifyReplyToken(token, 'another-installation-key-xyz', '2027-01-01')).toEqual({
			ok: false,
			reason: 'forged',
		});
		expect(verifyReplyToken('A'.repeat(44), SECRET, '2027-01-01').ok).toBe(false);
	});

	it('is the same for the same claims (a re-rendered letter prints the same link)', () => {
		expect(replyToken(claims, SECRET)).toBe(token);
		expect(replyToken({ ...claims, letterSeq: 3 }, SECRET)).not.toBe(token);
	});

	it('falls back to the long token where the claims do not fit, and the long tokens still verify', () => {
		const long = replyToken({ caseId: 'case-42', letterSeq: 2, validUntil: '2027-01-11' }, SECRET);
		expect(long).toMatch(/^r2\./);
		expect(verifyReplyToken(long, SECRET, '2027-01-01')).toMatchObject({ ok: true });
		// letters sent before the short token: r1 and r2 links of UUID cases
		for (const old of [
			createReplyToken({ caseId: CASE, validUntil: '2027-01-11' }, SECRET),
			createReplyToken(claims, SECRET),
		])
			expect(verifyReplyToken(old, SECRET, '2027-01-01')).toMatchObject({
				ok: true,
				claims: { caseId: CASE },
			});
		expect(() => replyToken(claims, 'short')).toThrow(/at least 16 characters/);
	});
});
