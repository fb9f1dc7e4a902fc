// The case reference (migration 9): BEM-<year of opening>-<number in that year>, shown on letters and
// HR mails while the UUID stays the id (racing opens: race.test.ts). A v5 store (written before the reference existed) is numbered in the order its cases were opened and
// its audit chains still verify.
import { join } from 'path';

import { MIGRATION_VERSIONS, type BemStore } from '../../core';
import { DEFAULT_PRINCIPAL } from '../../core/store/roles';
import { FIXTURE_KEY } from '../fixtures/store-v1/content';
import v5Ids from '../fixtures/store-v5-ref/ids.json';
import { fixtureBackend, postgresBackend, sqliteBackend, type Backend } from './backends';

const FIXTURES = join(__dirname, '..', 'fixtures');
const who = { actor: 'test:hr', purpose: 'reference test' };

describe.each([
	['sqlite', async () => sqliteBackend()],
	['postgres', postgresBackend],
] as const)('case reference: %s', (_name, makeBackend) => {
	let backend: Backend;
	let s: BemStore;
	beforeEach(async () => {
		backend = await makeBackend();
		s = await backend.open();
	});
	afterEach(async () => {
		await s.close();
		await backend.teardown();
	});
	const open = (employeeId: string, on: string) =>
		s.openCase({ employeeId, reachedOn: on, reason: 'continuous', on, actor: 'test' });

	it('numbers cases per year of opening, BEM-YYYY-NNNN; the id stays a UUID', async () => {
		const a = (await open('EMP-R-1', '2026-03-01')).case;
		const b = (await open('EMP-R-2', '2026-12-31')).case;
		const c = (await open('EMP-R-3', '2027-01-02')).case;
		expect([a.reference, b.reference, c.reference]).toEqual([
			'BEM-2026-0001',
			'BEM-2026-0002',
			'BEM-2027-0001',
		]);
		expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
		// every read shows it; a repeated open (the employee's open case) answers with the same
		expect(await s.getCase(b.id, who)).toMatchObject({ id: b.id, reference: 'BEM-2026-0002' });
		expect((await open('EMP-R-2', '2026-12-31')).case.reference).toBe('BEM-2026-0002');
		const moved = await s.recordEvent(a.id, {
			type: 'invitation_sent',
			on: '2026-03-02',
			actor: 'test',
			idempotencyKey: 'k',
		});
		expect(moved.reference).toBe('BEM-2026-0001');
		expect(
			(
				await s.recordEvent(a.id, {
					type: 'invitation_sent',
					on: '2026-03-02',
					actor: 'test',
					idempotencyKey: 'k',
				})
			).reference,
		).toBe('BEM-2026-0001');
		expect((await s.findCases({}, who)).map((x) => x.reference)).toEqual([
			'BEM-2026-0001',
			'BEM-2026-0002',
			'BEM-2027-0001',
		]);
		// an open the one-open-case rule refuses takes no number: the next one is consecutive
		const d = (await open('EMP-R-4', '2027-02-01')).case;
		expect(d.reference).toBe('BEM-2027-0002');
		expect(await s.verifyAudit()).toMatchObject({ ok: true, checked: 4 });
	});

	it('refuses a second case with the same reference (unique in the database)', async () => {
		const a = (await open('EMP-U-1', '2026-03-01')).case;
		const b = (await open('EMP-U-2', '2026-03-01')).case;
		await expect(
			backend.exec(`UPDATE bem_cases SET ref_number = 1 WHERE id = '${b.id}'`),
		).rejects.toThrow(/unique|duplicate/i);
		expect((await s.getCase(a.id, who))?.reference).toBe('BEM-2026-0001');
	});
});

describe.each([
	['sqlite', 'store-v5-ref/v5.sqlite'],
	['postgres', 'store-v5-ref/v5.postgres.sql'],
] as const)('case reference: a v5 store upgraded (%s)', (name, file) => {
	let backend: Backend;
	const id = v5Ids[name];
	beforeEach(async () => {
		backend = await fixtureBackend(name, join(FIXTURES, file));
	});
	afterEach(async () => backend.teardown());

	it('numbers the existing cases in the order they were opened; the chains still verify', async () => {
		const versions = async () =>
			(await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version')).map((r) =>
				Number(r.version),
			);
		expect(await versions()).toEqual([1, 2, 3, 4, 5]);
		const store = await backend.open({ encryptionKey: FIXTURE_KEY, roles: undefined });
		const reader = { actor: DEFAULT_PRINCIPAL, purpose: 'reference test' };
		try {
			expect(await versions()).toEqual(MIGRATION_VERSIONS);
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 4 });
			const ref = async (caseId: string) => (await store.getCase(caseId, reader))?.reference;
			// the 2020 case was written last, but opened first in its year
			expect(await ref(id.old)).toBe('BEM-2020-0001');
			expect(await ref(id.accepted)).toBe('BEM-2025-0001');
			expect(await ref(id.declined)).toBe('BEM-2025-0002');
			expect(await ref(id.stillOpen)).toBe('BEM-2025-0003');
			// a key's stored result (written before the reference) answers with the reference
			expect(
				await store.recordEvent(id.accepted, {
					type: 'reply_accepted',
					on: '2025-01-10',
					actor: DEFAULT_PRINCIPAL,
					idempotencyKey: 'reply-1',
				}),
			).toMatchObject({ state: 'accepted', reference: 'BEM-2025-0001' });
			// new cases count on from the backfill
			const next = await store.openCase({
				employeeId: 'EMP-NEW',
				reachedOn: '2025-04-01',
				reason: 'continuous',
				on: '2025-04-01',
				actor: DEFAULT_PRINCIPAL,
			});
			expect(next.case.reference).toBe('BEM-2025-0004');
			expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 5 });
		} finally {
			await store.close();
		}
		const again = await backend.open({ encryptionKey: FIXTURE_KEY, roles: undefined });
		expect(await again.verifyAudit()).toMatchObject({ ok: true, checked: 5 });
		await again.close();
	});
});
