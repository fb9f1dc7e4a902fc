import { createHmac, hkdfSync, timingSafeEqual } from 'crypto';

import { formatDay, parseDay } from '../calendar/days';
import { createShortToken, fitsShortToken, SHORT_TOKEN, verifyShortToken } from './short';

// Signed, expiring reply links for invitation letters: the employee (or HR) opens the reply form with
// a token that names the case and the last day it is valid. The signature is an HMAC-SHA256 under a
// key derived from the BEM store's encryption key, so only this installation can mint links and a
// changed case id, letter or date breaks it. The token carries no personal data: a case id, the number
// of the letter's event in the case's trail, and a date.

export interface ReplyLinkClaims {
	caseId: string;
	/**
	 * the letter this link answers: its event's seq in the case's trail (tokens since r2). Absent in r1
	 * tokens, which answer the case's first letter only.
	 */
	letterSeq?: number;
	/** last day (Europe/Berlin) on which the link is accepted, 'YYYY-MM-DD' */
	validUntil: string;
}

export type ReplyLinkCheck =
	| { ok: true; claims: ReplyLinkClaims }
	| { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** r1: case.validUntil; r2: case.letterSeq.validUntil */
const VERSION = { withoutLetter: 'r1', withLetter: 'r2' } as const;

function signingKey(secret: string): Buffer {
	if (typeof secret !== 'string' || secret.length < 16)
		throw new Error(
			'The reply-link secret must be at least 16 characters (the BEM store encryption key)',
		);
	return Buffer.from(hkdfSync('sha256', secret, 'n8n-nodes-bem', 'reply-link-v1', 32));
}

function sign(secret: string, payload: string): string {
	return createHmac('sha256', signingKey(secret)).update(payload).digest('base64url');
}

export function createReplyToken(claims: ReplyLinkClaims, secret: string): string {
	if (!claims.caseId || /[.\s]/.test(claims.caseId))
		throw new Error('caseId must be a non-empty id without dots or spaces');
	if (Number.isNaN(parseDay(claims.validUntil)))
		throw new Error("validUntil is not a date 'YYYY-MM-DD'");
	const { letterSeq } = claims;
	if (letterSeq !== undefined && !(Number.isSafeInteger(letterSeq) && letterSeq > 0))
		throw new Error('letterSeq must be a positive whole number (the letter event of the case)');
	const encodedCase = Buffer.from(claims.caseId, 'utf8').toString('base64url');
	const payload =
		letterSeq === undefined
			? `${VERSION.withoutLetter}.${encodedCase}.${claims.validUntil}`
			: `${VERSION.withLetter}.${encodedCase}.${letterSeq}.${claims.validUntil}`;
	return `${payload}.${sign(secret, payload)}`;
}

/**
 * The token a letter prints: the short one (44 characters, short.ts) where the claims fit it (a UUID
 * case id and the letter's seq, as the store gives them), else the long signed one.
 */
export function replyToken(claims: ReplyLinkClaims, secret: string): string {
	signingKey(secret); // the same check of the secret for both kinds
	return fitsShortToken(claims)
		? createShortToken(claims, secret)
		: createReplyToken(claims, secret);
}

/** Checks a token on the business date `on`: a forged or altered token and an expired one are refused.
 * Both kinds verify: the short one and the long one of letters sent before it. */
export function verifyReplyToken(token: unknown, secret: string, on: string): ReplyLinkCheck {
	if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
	if (SHORT_TOKEN.test(token.trim())) {
		signingKey(secret);
		return verifyShortToken(token.trim(), secret, on);
	}
	const parts = token.trim().split('.');
	const withLetter = parts[0] === VERSION.withLetter;
	if (parts.length !== (withLetter ? 5 : 4) || !(withLetter || parts[0] === VERSION.withoutLetter))
		return { ok: false, reason: 'malformed' };
	const signature = parts.pop() as string;
	const expected = Buffer.from(sign(secret, parts.join('.')));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected))
		return { ok: false, reason: 'forged' };
	const [, encodedCase] = parts;
	const validUntil = parts[parts.length - 1];
	const letterSeq = withLetter ? Number(parts[2]) : undefined;
	const until = parseDay(validUntil);
	if (Number.isNaN(until) || (withLetter && !(Number.isSafeInteger(letterSeq) && letterSeq! > 0)))
		return { ok: false, reason: 'malformed' };
	if (parseDay(on) > until) return { ok: false, reason: 'expired' };
	const claims: ReplyLinkClaims = {
		caseId: Buffer.from(encodedCase, 'base64url').toString('utf8'),
		validUntil: formatDay(until),
	};
	if (letterSeq !== undefined) claims.letterSeq = letterSeq;
	return { ok: true, claims };
}

/** The link the letter prints: the reply form's URL with the token as query parameter. */
export function replyLink(formUrl: string, token: string): string {
	const url = new URL(formUrl);
	url.searchParams.set('token', token);
	return url.toString();
}

export { checkResumeUrl, type ResumeUrlCheck } from './resume';
export { replyRound, type ReplyRound, type TrailEvent } from './round';
