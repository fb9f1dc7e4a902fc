import { createHmac, hkdfSync } from 'crypto';

import { BemStoreError } from './errors';

// The store key (the credential's encryption key) and what is derived from it: one sub-key per use,
// so the free-text cipher, the audit MAC and the key check never share a key.

export const MIN_KEY_LENGTH = 16;
const MIN_DISTINCT = 8;
/** Shannon estimate over the key's own characters; a random 16-character key scores about 56–64 */
const MIN_ENTROPY_BITS = 48;

function entropyBits(secret: string): { distinct: number; bits: number } {
	const counts = new Map<string, number>();
	for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
	const n = [...secret].length;
	let perChar = 0;
	for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
	return { distinct: counts.size, bits: perChar * n };
}

/** Refuses a missing, short or predictable key (repeats, few distinct characters), naming the rule. */
export function checkKeyStrength(secret: unknown): string {
	const refuse = (why: string) =>
		new BemStoreError('BEM_INVALID_INPUT', `The BEM store encryption key ${why}`, 'encryptionKey');
	if (typeof secret !== 'string' || secret.length < MIN_KEY_LENGTH)
		throw refuse(`must be at least ${MIN_KEY_LENGTH} characters`);
	const { distinct, bits } = entropyBits(secret);
	if (distinct < MIN_DISTINCT || bits < MIN_ENTROPY_BITS)
		throw refuse(
			`is too predictable (${distinct} distinct characters, about ${Math.floor(bits)} bits; at least ${MIN_DISTINCT} and ${MIN_ENTROPY_BITS} needed): use a random key, e.g. openssl rand -base64 32`,
		);
	return secret;
}

export function deriveKey(secret: string, purpose: string): Buffer {
	return Buffer.from(hkdfSync('sha256', secret, 'n8n-nodes-bem', purpose, 32));
}

/** A value that shows whether a key is the store's key without revealing it (stored at creation). */
export function keyCheckValue(secret: string): string {
	return createHmac('sha256', deriveKey(secret, 'bem-store-key-check-v1'))
		.update('n8n-nodes-bem key check')
		.digest('hex');
}
