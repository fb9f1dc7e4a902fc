// Migration 10, the incremental absence mode's AU period cache, on both backends: an older store gets
// the table in place with its audit chains intact; periods are sealed (no date, kind or hours in the
// database in clear), bound to their source, employee and record; store-wide process and officers only,
// every read, write and refusal logged; only the period shape is accepted, named by field, never echoed.
import { join } from 'path';

import { BemStoreError, type BemStore, type CachedAuPeriod } from '../../core';
import {
	fixtureBackend,
	postgresBackend,
	sqliteBackend,
	TEST_READER,
	type Backend,
} from './backends';
import { FIXTURE_KEY } from '../fixtures/store-v1/content';

const FIXTURES = join(__dirname, '..', 'fixtures', 'store-v1');
const SOURCE = 'personio:0123456789abcdef:v2:aa';

const period = (id: string, employeeId: string, start = '2026-03-02'): CachedAuPeriod => ({
	source: 'v2 absence period',
	id,
	employeeId,
	kind: 'sick',
	start,
	end: '2026-03-13',
	startHalf: false,
	endHalf: true,
	perDay: [{ date: start, amount: 4, unit: 'hour' }],
});
const key = (id: string) => `v2 absence period/${id}`;

describe.each([
	['sqlite', 'v1.sqlite'],
	['postgres', 'v1.postgres.sql'],
] as const)('AU period cache (migration 10): %s', (name, file) => {
	it('a v1 store gets the table in place, empty, its audit chains intact', async () => {
		const backend = await fixtureBackend(name, join(FIXTURES, file));
		try {
			const store = await backend.open({ encryptionKey: FIXTURE_KEY });
			expect(
				await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version'),
			).toContainEqual({ version: 10 });
			expect(await store.auPeriods(SOURCE, TEST_READER)).toEqual({
				syncedAt: null,
				fullAt: null,
				periods: [],
			});
			expect(await store.verifyAudit()).toMatchObject({ ok: true });
			await store.close();
		} finally {
			await backend.teardown();
		}
	});

	describe('reads and writes', () => {
		let backend: Backend;
		let store: BemStore;
		beforeAll(async () => {
			backend = name === 'sqlite' ? sqliteBackend() : await postgresBackend();
			store = await backend.open();
		});
		afterAll(async () => {
			await store.close();
			await backend.teardown();
		});

		it('a full read replaces, a daily one merges and removes; the reads are dated; all sealed', async () => {
			const many = Array.from({ length: 450 }, (_, i) =>
				period(`0000${1000 + i}-aaaa`, String(40_000 + (i % 90))),
			);
			await store.saveAuPeriods(
				SOURCE,
				'2026-11-22T05:00:00.000Z',
				{ full: true, upsert: many, remove: [] },
				TEST_READER,
			);
			await store.saveAuPeriods(
				SOURCE,
				'2026-11-23T05:00:00.000Z',
				{
					full: false,
					upsert: [period('00001001-aaaa', '40001', '2026-03-03'), period('new-1', '40002')],
					remove: [key('00001002-aaaa'), key('not-there')],
				},
				TEST_READER,
			);
			const state = await store.auPeriods(SOURCE, TEST_READER);
			expect(state.syncedAt).toBe('2026-11-23T05:00:00.000Z');
			expect(state.fullAt).toBe('2026-11-22T05:00:00.000Z');
			expect(state.periods).toHaveLength(450);
			expect(state.periods.find((p) => p.id === '00001001-aaaa')).toEqual(
				period('00001001-aaaa', '40001', '2026-03-03'),
			);
			expect(state.periods.find((p) => p.id === '00001002-aaaa')).toBeUndefined();
			// a full read replaces everything of its source, and no other source
			await store.saveAuPeriods(
				'other:source',
				'2026-11-23T05:00:00.000Z',
				{ full: true, upsert: [period('x-1', '40003')], remove: [] },
				TEST_READER,
			);
			await store.saveAuPeriods(
				SOURCE,
				'2026-11-29T05:00:00.000Z',
				{ full: true, upsert: [period('only-1', '40004')], remove: [] },
				TEST_READER,
			);
			expect((await store.auPeriods(SOURCE, TEST_READER)).periods.map((p) => p.id)).toEqual([
				'only-1',
			]);
			expect((await store.auPeriods('other:source', TEST_READER)).periods).toHaveLength(1);
			const rows = await backend.exec('SELECT sealed FROM bem_hris_au_periods');
			expect(JSON.stringify(rows)).not.toMatch(/2026-03|sick|"amount"/);
			const log = (await store.accessLog(null, TEST_READER)).filter((r) => r.actor === 'test');
			expect(log.filter((r) => r.action === 'saveAuPeriods')).toHaveLength(4);
			expect(log.filter((r) => r.action === 'auPeriods').length).toBeGreaterThanOrEqual(3);
			expect(await store.verifyAudit()).toMatchObject({ ok: true });
		});

		it('a sealed period moved to another employee or record no longer opens', async () => {
			await store.saveAuPeriods(
				'move:test',
				'2026-11-22T05:00:00.000Z',
				{ full: true, upsert: [period('m-1', '50001'), period('m-2', '50002')], remove: [] },
				TEST_READER,
			);
			await backend.exec(
				"UPDATE bem_hris_au_periods SET employee_id = '50002' WHERE source = 'move:test' AND period_key = 'v2 absence period/m-1'",
			);
			await expect(store.auPeriods('move:test', TEST_READER)).rejects.toThrow(/cannot be opened/);
		});

		it('is the process’s and the officers’: another principal is refused, the refusal logged', async () => {
			await store.grantRole({
				principal: 'au:admin',
				role: 'hr_admin',
				by: 'test',
				on: '2026-06-01',
			});
			for (const actor of ['au:nobody', 'au:admin']) {
				const who = { actor, purpose: 'cache probe' };
				await expect(store.auPeriods(SOURCE, who)).rejects.toMatchObject({
					code: 'BEM_ACCESS_DENIED',
				});
				await expect(
					store.saveAuPeriods(
						SOURCE,
						'2026-12-01T05:00:00.000Z',
						{ full: true, upsert: [], remove: [] },
						who,
					),
				).rejects.toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			}
			const denied = (await store.accessLog(null, TEST_READER)).filter(
				(r) => r.outcome === 'denied' && r.actor.startsWith('au:'),
			);
			expect(denied.map((r) => [r.actor, r.action])).toEqual([
				['au:nobody', 'auPeriods'],
				['au:nobody', 'saveAuPeriods'],
				['au:admin', 'auPeriods'],
				['au:admin', 'saveAuPeriods'],
			]);
			expect((await store.auPeriods(SOURCE, TEST_READER)).periods).toHaveLength(1);
		});

		it('refuses anything but the period shape, naming the field, never its value, and writes nothing', async () => {
			const noted = { ...period('n-1', '40005'), comment: 'Diagnose: Bandscheibe' };
			const named = { ...period('n-2', '40005'), employeeId: 'Anna Schmidt' };
			for (const bad of [noted, named] as unknown as CachedAuPeriod[]) {
				const error = await store
					.saveAuPeriods(
						SOURCE,
						'2026-12-02T05:00:00.000Z',
						{ full: false, upsert: [period('ok-1', '40006'), bad], remove: [] },
						TEST_READER,
					)
					.catch((e: unknown) => e);
				expect(error).toBeInstanceOf(BemStoreError);
				expect((error as BemStoreError).message).toMatch(/upsert\[1\]/);
				expect((error as BemStoreError).message).not.toMatch(/Bandscheibe|Anna/);
			}
			const state = await store.auPeriods(SOURCE, TEST_READER);
			expect(state.periods.map((p) => p.id)).toEqual(['only-1']);
			expect(state.syncedAt).toBe('2026-11-29T05:00:00.000Z');
		});
	});
});
