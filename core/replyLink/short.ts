import { createCipheriv, createHmac, hkdfSync, timingSafeEqual } from 'crypto';

import { formatDay, parseDay } from '../calendar/days';
import type { ReplyLinkCheck, ReplyLinkClaims } from './index';

// The short reply token (s1): 44 characters of base64url, so the whole link fits on one printed line
// and in a small QR code. 33 bytes: a version byte, then the case id (a UUID, 16 bytes), the letter's
// event seq (2 bytes) and the last valid day (2 bytes, days since 2000-01-01), encrypted, then a 96-bit
// tag. Deterministic authenticated encryption (SIV): the tag is an HMAC over version and plaintext and
// the AES-256-CTR counter starts from it, so the token names no case to its reader and any changed
// bit is refused. Keys derive from the BEM store's encryption key, apart from the long tokens' key.

const VERSION = 0x51; // 's1'
const LENGTH = 33;
const TAG = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EPOCH = parseDay('2000-01-01');
const MAX = 0xffff;

export const SHORT_TOKEN = /^[A-Za-z0-9_-]{44}$/;

function keys(secret: string): { enc: Buffer; mac: Buffer } {
	const derive = (info: string) =>
		Buffer.from(hkdfSync('sha256', secret, 'n8n-nodes-bem', info, 32));
	return { enc: derive('reply-link-short-v1-enc'), mac: derive('reply-link-short-v1-mac') };
}

const tagOf = (mac: Buffer, plain: Buffer) =>
	createHmac('sha256', mac)
		.update(Buffer.from([VERSION]))
		.update(plain)
		.digest()
		.subarray(0, TAG);

function ctr(enc: Buffer, tag: Buffer, data: Buffer): Buffer {
	const iv = Buffer.concat([tag, Buffer.alloc(16 - TAG)]);
	const cipher = createCipheriv('aes-256-ctr', enc, iv);
	return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Whether these claims fit a short token: a UUID case id, a letter seq and a day in range. */
export function fitsShortToken(claims: ReplyLinkClaims): boolean {
	const days = parseDay(claims.validUntil) - EPOCH;
	const seq = claims.letterSeq;
	return (
		UUID.test(claims.caseId) &&
		seq !== undefined &&
		Number.isSafeInteger(seq) &&
		seq > 0 &&
		seq <= MAX &&
		days >= 0 &&
		days <= MAX
	);
}

export function createShortToken(claims: ReplyLinkClaims, secret: string): string {
	if (!fitsShortToken(claims))
		throw new Error(
			'a short reply token needs a UUID case id, a letter seq up to 65535 and a day from 2000 to 2179',
		);
	const plain = Buffer.alloc(20);
	Buffer.from(claims.caseId.replace(/-/g, ''), 'hex').copy(plain, 0);
	plain.writeUInt16BE(claims.letterSeq!, 16);
	plain.writeUInt16BE(parseDay(claims.validUntil) - EPOCH, 18);
	const k = keys(secret);
	const tag = tagOf(k.mac, plain);
	return Buffer.concat([Buffer.from([VERSION]), ctr(k.enc, tag, plain), tag]).toString('base64url');
}

export function verifyShortToken(token: string, secret: string, on: string): ReplyLinkCheck {
	const bytes = Buffer.from(token, 'base64url');
	if (bytes.length !== LENGTH || bytes[0] !== VERSION) return { ok: false, reason: 'malformed' };
	const k = keys(secret);
	const tag = bytes.subarray(LENGTH - TAG);
	const plain = ctr(k.enc, tag, bytes.subarray(1, LENGTH - TAG));
	if (!timingSafeEqual(tag, tagOf(k.mac, plain))) return { ok: false, reason: 'forged' };
	const hex = plain.subarray(0, 16).toString('hex');
	const caseId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	const letterSeq = plain.readUInt16BE(16);
	const until = EPOCH + plain.readUInt16BE(18);
	if (letterSeq === 0) return { ok: false, reason: 'malformed' };
	if (parseDay(on) > until) return { ok: false, reason: 'expired' };
	return { ok: true, claims: { caseId, letterSeq, validUntil: formatDay(until) } };
}
