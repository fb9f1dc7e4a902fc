import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';

import { BemStoreError } from './errors';
import { checkKeyStrength, deriveKey } from './keys';

// Free text (notes, measure descriptions, letters) is sealed with AES-256-GCM under a key derived from
// the credential's encryption key. The case id is the additional authenticated data, so a ciphertext
// moved to another case fails to open. Layout: version byte 1 | 12-byte IV | 16-byte tag | ciphertext.

const VERSION = 1;

export class FreeTextCipher {
	private readonly key: Buffer;

	constructor(secret: string) {
		this.key = deriveKey(checkKeyStrength(secret), 'bem-store-free-text-v1');
	}

	sealBytes(plain: Buffer, caseId: string): Buffer {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.key, iv);
		cipher.setAAD(Buffer.from(caseId, 'utf8'));
		const body = Buffer.concat([cipher.update(plain), cipher.final()]);
		return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
	}

	openBytes(sealed: Buffer, caseId: string): Buffer {
		if (sealed.length < 29 || sealed[0] !== VERSION)
			throw new BemStoreError('BEM_INVALID_INPUT', 'Encrypted field has an unknown format');
		const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
		decipher.setAAD(Buffer.from(caseId, 'utf8'));
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

	seal(text: string, caseId: string): string {
		return this.sealBytes(Buffer.from(text, 'utf8'), caseId).toString('base64');
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

	open(sealed: string, caseId: string): string {
		return this.openBytes(Buffer.from(sealed, 'base64'), caseId).toString('utf8');
	}
}
