// Stores written by older code upgrade in place on both backends: the schema-v1 fixtures
// (test/fixtures/store-v1, made before any later migration) and the schema-3 fixtures
// (test/fixtures/store-v3, written by the keyed-audit code before roles). Every case, note and letter
// reads back, its audit chain still verifies, new writes chain on, a wrong key is refused before anything
// is written, and migration 4 makes the credential's default principal ('n8n') the store-wide
// bem_officer, so no installed user loses access while the old actors hold no role.
import { join } from 'path';

import { MIGRATION_VERSIONS, type BemStore } from '../../core';
import { fixtureBackend, type Backend } from './backends';
import { FIXTURE_KEY, FIXTURE_NOTE, FIXTURE_PDF } from '../fixtures/store-v1/content';
import { DEFAULT_PRINCIPAL } from '../../core/store/roles';
import v1Ids from '../fixtures/store-v1/ids.json';
import v3Ids from '../fixtures/store-v3/ids.json';

const FIXTURES = join(__dirname, '..', 'fixtures');
const who = { actor: DEFAULT_PRINCIPAL, purpose: 'migration test' };
const x = DEFAULT_PRINCIPAL;

describe.each([
	[1, 'sqlite', 'store-v1/v1.sqlite', v1Ids],
	[1, 'postgres', 'store-v1/v1.postgres.sql', v1Ids],
	[3, 'sqlite', 'store-v3/v3.sqlite', v3Ids],
	[3, 'postgres', 'store-v3/v3.postgres.sql', v3Ids],
] as const)('BEM store migration from v%s: %s', (from, name, file, ids) => {
	let backend: Backend;
	const id = ids[name];
	const fromVersions = Array.from({ length: from }, (_, i) => i + 1);
	// no roles at open: what an installed n8n has after the upgrade
	const openStore = (extra: object = {}) =>
		backend.open({ encryptionKey: FIXTURE_KEY, roles: undefined, ...extra });
	const versions = async () =>
		(await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version')).map((r) =>
			Number(r.version),
		);
	beforeEach(async () => {
		backend = await fixtureBackend(name, join(FIXTURES, file));
	});
	afterEach(async () => backend.teardown());

	it('upgrades in place: cases, notes, letters and the audit chains stay valid, new writes chain on', async () => {
		expect(await versions()).toEqual(fromVersions);
		const store: BemStore = await openStore();
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
					actor: x,
					idempotencyKey: 'reply-1',
				}),
			).toMatchObject({ state: 'accepted', version: 4 });
			await store.recordEvent(id.accepted, {
				type: 'consent_given',
				on: '2025-01-12',
				actor: x,
				data: { note: 'after the migration', scopes: ['bem', 'data_processing'], participants: [] },
			});
			await store.recordEvent(id.stillOpen, {
				type: 'invitation_sent',
				on: '2025-03-04',
				actor: x,
			});
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 4 });
			expect(await store.purgeExpired('2025-06-01')).toEqual({ purged: 1 });
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 3 });
		} finally {
			await store.close();
		}
		const again = await openStore();
		expect(await again.verifyAudit()).toMatchObject({ ok: true });
		await again.close();
	});

	it('gives the default principal store-wide bem_officer, logged; the old actors hold no role and are refused, logged', async () => {
		const store = await openStore();
		try {
			expect(await store.roles({}, who)).toEqual([
				{ principal: DEFAULT_PRINCIPAL, role: 'bem_officer', caseId: null },
			]);
			const grants = await store.accessLog(null, who);
			expect(grants[0]).toMatchObject({
				caseId: null,
				actor: 'migration 4',
				action: 'grantRole',
				outcome: 'allowed',
				purpose: `grant bem_officer to ${DEFAULT_PRINCIPAL}`,
			});
			const old = { actor: 'fixture:hr', purpose: 'reading as before the upgrade' };
			await expect(store.getCase(id.accepted, old)).rejects.toMatchObject({
				code: 'BEM_ACCESS_DENIED',
			});
			expect((await store.accessLog(id.accepted, who)).at(-1)).toMatchObject({
				actor: 'fixture:hr',
				action: 'getCase',
				outcome: 'denied',
			});
			// the rows logged before the upgrade read back as allowed and still verify
			expect((await store.accessLog(id.accepted, who))[0]).toMatchObject({
				actor: 'fixture:hr',
				action: 'getCase',
				outcome: 'allowed',
			});
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 4 });
		} finally {
			await store.close();
		}
		// opening again grants nothing twice
		const again = await openStore();
		expect(await again.roles({}, who)).toHaveLength(1);
		expect((await again.accessLog(null, who)).filter((l) => l.action === 'grantRole')).toHaveLength(
			1,
		);
		await again.close();
	});

	it("anchors the v1 heads: a v1 case's row edited after the migration is found", async () => {
		const store = await openStore();
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
			openStore({ encryptionKey: 'another strong key, Not the store one 42' }),
		).rejects.toMatchObject({ code: 'BEM_WRONG_KEY', field: 'encryptionKey' });
		expect(await versions()).toEqual(fromVersions);
		if (name === 'postgres') expect(await backend.dump()).toBe(before);
	});
});
