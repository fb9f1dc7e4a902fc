// Item 11: weak store keys are refused with a clear error naming the field, before any file is made;
// the keys the demo, the bench and the tests use (random or long) open stores.
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';

import { openBemStore } from '../../core';

const dir = mkdtempSync(join(tmpdir(), 'bem-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('BEM store key strength', () => {
	it.each([
		['too short', 'short-key-12345', /at least 16 characters/],
		['one character repeated', 'a'.repeat(40), /too predictable/],
		['two characters alternating', 'ab'.repeat(20), /too predictable/],
		['a word repeated', 'passwordpassword', /too predictable/],
		['not text', 1234567890123456789, /at least 16 characters/],
	])('refuses a key that is %s', async (_what, key, message) => {
		const path = join(dir, `${randomBytes(4).toString('hex')}.sqlite`);
		await expect(
			openBemStore({ kind: 'sqlite', path, encryptionKey: key as string }),
		).rejects.toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'encryptionKey', message });
		expect(existsSync(path)).toBe(false);
	});

	it('accepts random keys as the demo makes them and the long test keys', async () => {
		for (const key of [
			randomBytes(24).toString('base64url'), // scripts/start.js, scripts/bench-n8n.js
			'bem-case-test-key-0123456789',
			'invitation-test-key-0123456789',
			'test-only-bem-store-key-0123456789',
		]) {
			const store = await openBemStore({
				kind: 'sqlite',
				path: join(dir, `${randomBytes(4).toString('hex')}.sqlite`),
				encryptionKey: key,
			});
			await store.close();
		}
	});
});
