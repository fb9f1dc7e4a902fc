// A store written by the schema-v1 code (test/fixtures/store-v1, made before any later migration)
// upgrades in place on both backends: every case, note and letter reads back, its audit chain still
// verifies, new writes chain on, and a wrong key is refused before anything is written.
import { join } from 'path';

import { MIGRATION_VERSIONS, type BemStore } from '../../core';
import { fixtureBackend, type Backend } from './backends';
import { FIXTURE_KEY, FIXTURE_NOTE, FIXTURE_PDF } from '../fixtures/store-v1/content';
import ids from '../fixtures/store-v1/ids.json';

const FIXTURES = join(__dirname, '..', 'fixtures', 'store-v1');
const who = { actor: 'test:hr', purpose: 'migration test' };

describe.each([
	['sqlite', 'v1.sqlite'],
	['postgres', 'v1.postgres.sql'],
] as const)('BEM store migration from v1: %s', (name, file) => {
	let backend: Backend;
	const id = ids[name];
	const versions = async () =>
		(await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version')).map((r) =>
			Number(r.version),
		);
	beforeEach(async () => {
		backend = await fixtureBackend(name, join(FIXTURES, file));
	});
	afterEach(async () => backend.teardown());

	it('upgrades in place: cases, notes, letters and the audit chains stay valid, new writes chain on', async () => {
		expect(await versions()).toEqual([1]);
		const store: BemStore = await backend.open({ encryptionKey: FIXTURE_KEY });
		try {
			expect(await versions()).toEqual(MIGRATION_VERSIONS);
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 4 });
			expect(await store.getCase(id.declined, who)).toMatchObject({
				state: 'closed',
				outcome: 'declined',
			});
			const trail = await store.auditTrail(id.accepted, who);
			expect(trail.map((e) => e.type)).toEqual([
				'case_opened',
				'invitation_sent',
				'note_added',
				'reply_accepted',
			]);
			expect(trail[2].data).toEqual({ note: FIXTURE_NOTE, channel: 'phone' });
			const [letter] = await store.letters(id.accepted, who);
			expect(letter).toMatchObject({ subject: 'Einladung FIX-SUBJ', text: 'Brief FIX-TEXT' });
			expect(letter.pdf?.equals(FIXTURE_PDF)).toBe(true);
			// the same idempotency key still answers with the stored result
			expect(
				await store.recordEvent(id.accepted, {
					type: 'reply_accepted',
					on: '2025-01-10',
					actor: 'x',
					idempotencyKey: 'reply-1',
				}),
			).toMatchObject({ state: 'accepted', version: 4 });
			await store.recordEvent(id.accepted, {
				type: 'consent_given',
				on: '2025-01-12',
				actor: 'x',
				data: { note: 'after the migration' },
			});
			await store.recordEvent(id.stillOpen, {
				type: 'invitation_sent',
				on: '2025-03-04',
				actor: 'x',
			});
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 4 });
			expect(await store.purgeExpired('2025-06-01')).toEqual({ purged: 1 });
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 3 });
		} finally {
			await store.close();
		}
		const again = await backend.open({ encryptionKey: FIXTURE_KEY });
		expect(await again.verifyAudit()).toMatchObject({ ok: true });
		await again.close();
	});

	it("anchors the v1 heads: a v1 case's row edited after the migration is found", async () => {
		const store = await backend.open({ encryptionKey: FIXTURE_KEY });
		try {
			await backend.exec(
				name === 'postgres'
					? 'ALTER TABLE bem_cases DISABLE TRIGGER USER'
					: 'DROP TRIGGER bem_cases_no_delete',
			);
			await backend.exec(
				`UPDATE bem_cases SET response = 'accepted', outcome = NULL, state = 'accepted' WHERE id = '${id.declined}'`,
			);
			expect(await store.verifyAudit()).toMatchObject({
				ok: false,
				broken: [{ caseId: id.declined, reason: expect.stringMatching(/derived state altered/) }],
			});
		} finally {
			await store.close();
		}
	});

	it('refuses a key that does not open the existing ciphertext, and writes nothing', async () => {
		const before = await backend.dump();
		await expect(
			backend.open({ encryptionKey: 'another strong key, Not the store one 42' }),
		).rejects.toMatchObject({ code: 'BEM_WRONG_KEY', field: 'encryptionKey' });
		expect(await versions()).toEqual([1]);
		if (name === 'postgres') expect(await backend.dump()).toBe(before);
	});
});
