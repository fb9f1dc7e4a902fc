import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';

import { BemStoreError } from './errors';
import { checkKeyStrength, deriveKey } from './keys';

// Free text (notes, measure descriptions, letters) is sealed with AES-256-GCM under a key derived from
// the credential's encryption key. The case id is the additional authenticated data, so a ciphertext
// moved to another case fails to open; a letter's parts also bind the letter id and the part (version 2),
// so they cannot be swapped between letters of one case either.
// Layout: version byte | 12-byte IV | 16-byte tag | ciphertext. Version 1 (AAD = case id) still opens.

const VERSION = 1;
const VERSION_BOUND = 2;

/** what a letter's part is bound to, beyond its case */
export const letterPart = (letterId: string, part: 'subject' | 'body' | 'html' | 'pdf') =>
	`letter:${letterId}:${part}`;

const aad = (caseId: string, bound?: string) =>
	Buffer.from(bound === undefined ? caseId : JSON.stringify([caseId, bound]), 'utf8');

export class FreeTextCipher {
	private readonly key: Buffer;

	constructor(secret: string) {
		this.key = deriveKey(checkKeyStrength(secret), 'bem-store-free-text-v1');
	}

	sealBytes(plain: Buffer, caseId: string, bound?: string): Buffer {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.key, iv);
		cipher.setAAD(aad(caseId, bound));
		const body = Buffer.concat([cipher.update(plain), cipher.final()]);
		const version = bound === undefined ? VERSION : VERSION_BOUND;
		return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
	}

	/** `bound`: what a version-2 ciphertext must be bound to; a version-1 one (written before) opens by case */
	openBytes(sealed: Buffer, caseId: string, bound?: string): Buffer {
		const version = sealed[0];
		if (sealed.length < 29 || (version !== VERSION && version !== VERSION_BOUND))
			throw new BemStoreError('BEM_INVALID_INPUT', 'Encrypted field has an unknown format');
		const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
		decipher.setAAD(aad(caseId, version === VERSION_BOUND ? (bound ?? '') : undefined));
		decipher.setAuthTag(sealed.subarray(13, 29));
		try {
			return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
		} catch {
			throw new BemStoreError(
				'BEM_INVALID_INPUT',
				'Encrypted field cannot be opened: wrong encryption key, or the row was altered',
			);
		}
	}

	seal(text: string, caseId: string, bound?: string): string {
		return this.sealBytes(Buffer.from(text, 'utf8'), caseId, bound).toString('base64');
	}

	/** whether this key opens the ciphertext (the key check of a store created before key check values) */
	opens(sealed: string, caseId: string): boolean {
		try {
			this.open(sealed, caseId);
			return true;
		} catch {
			return false;
		}
	}

	open(sealed: string, caseId: string, bound?: string): string {
		return this.openBytes(Buffer.from(sealed, 'base64'), caseId, bound).toString('utf8');
	}
}
