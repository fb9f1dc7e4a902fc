// Migration 5, the HRIS work-pattern cache, on both backends: a store at schema v1 gets the tables in
// place; changed employees are upserted with the source's last successful read, per source; only the
// contract shape is accepted (no names, no free text), and a refused row writes nothing.
import { join } from 'path';

import { BemStoreError, type BemStore, type CachedWorkPattern } from '../../core';
import {
	fixtureBackend,
	postgresBackend,
	sqliteBackend,
	TEST_READER,
	type Backend,
} from './backends';
import { FIXTURE_KEY } from '../fixtures/store-v1/content';

const FIXTURES = join(__dirname, '..', 'fixtures', 'store-v1');
const SOURCE = 'personio:0123456789abcdef';

const pattern = (id: string, workdays: number[], since = '2019-04-01'): CachedWorkPattern => ({
	employeeId: id,
	pattern: {
		weeklyHours: workdays.length * 8,
		workdays,
		hoursPerWorkday: Object.fromEntries(workdays.map((d) => [String(d), 8])),
		workPatternSource: 'work_schedule',
		employedSince: since,
		workPatterns: [{ from: '2026-06-01', workdays }],
	},
});

describe.each([
	['sqlite', 'v1.sqlite'],
	['postgres', 'v1.postgres.sql'],
] as const)('work-pattern cache (migration 5): %s', (name, file) => {
	it('a v1 store gets the cache tables in place, empty', async () => {
		const backend = await fixtureBackend(name, join(FIXTURES, file));
		try {
			const store = await backend.open({ encryptionKey: FIXTURE_KEY });
			expect(
				await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version'),
			).toContainEqual({
				version: 5,
			});
			expect(await store.workPatterns(SOURCE, TEST_READER)).toEqual({
				syncedAt: null,
				patterns: [],
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

		it('upserts the changed employees and the last read, per source, in many rows at once', async () => {
			const many = Array.from({ length: 450 }, (_, i) =>
				pattern(String(10_000 + i), [1, 2, 3, 4, 5]),
			);
			await store.saveWorkPatterns(SOURCE, '2026-06-01T04:00:00.000Z', many, TEST_READER);
			await store.saveWorkPatterns(
				SOURCE,
				'2026-06-02T04:00:00.000Z',
				[pattern('10001', [1, 2, 3])],
				TEST_READER,
			);
			const state = await store.workPatterns(SOURCE, TEST_READER);
			expect(state.syncedAt).toBe('2026-06-02T04:00:00.000Z');
			expect(state.patterns).toHaveLength(450);
			expect(state.patterns.find((p) => p.employeeId === '10001')).toEqual(
				pattern('10001', [1, 2, 3]),
			);
			expect(state.patterns.find((p) => p.employeeId === '10002')).toEqual(
				pattern('10002', [1, 2, 3, 4, 5]),
			);
			expect(await store.workPatterns('personio:another', TEST_READER)).toEqual({
				syncedAt: null,
				patterns: [],
			});
		});

		it('drops the employees it is told to forget, in the same write, and only in that source', async () => {
			const ids = Array.from({ length: 250 }, (_, i) => String(20_000 + i));
			await store.saveWorkPatterns(
				'sf:forget',
				'2026-06-01T04:00:00.000Z',
				ids.map((id) => pattern(id, [1, 2, 3, 4, 5])),
				TEST_READER,
			);
			await store.saveWorkPatterns(
				'personio:forget',
				'2026-06-01T04:00:00.000Z',
				[pattern('20000', [1])],
				TEST_READER,
			);
			await store.saveWorkPatterns(
				'sf:forget',
				'2026-06-02T04:00:00.000Z',
				[pattern('20001', [1, 2])],
				TEST_READER,
				ids.slice(2, 240),
			);
			const state = await store.workPatterns('sf:forget', TEST_READER);
			expect(state.patterns.map((p) => p.employeeId)).toEqual([
				'20000',
				'20001',
				...ids.slice(240),
			]);
			expect(state.patterns[1]).toEqual(pattern('20001', [1, 2]));
			expect((await store.workPatterns('personio:forget', TEST_READER)).patterns).toHaveLength(1);
			await expect(
				store.saveWorkPatterns('sf:forget', '2026-06-03T04:00:00.000Z', [], TEST_READER, [
					'Max Mustermann',
				]),
			).rejects.toMatchObject({ code: 'BEM_INVALID_INPUT' });
			expect((await store.workPatterns('sf:forget', TEST_READER)).syncedAt).toBe(
				'2026-06-02T04:00:00.000Z',
			);
		});

		it('is the process’s and the officers’: another principal is refused, the refusal logged, nothing written', async () => {
			await store.grantRole({
				principal: 'cache:admin',
				role: 'hr_admin',
				by: 'test',
				on: '2026-06-01',
			});
			for (const actor of ['cache:nobody', 'cache:admin']) {
				const who = { actor, purpose: 'cache probe' };
				// one after the other: the log's order is the calls' order
				await expect(store.workPatterns(SOURCE, who)).rejects.toMatchObject({
					code: 'BEM_ACCESS_DENIED',
				});
				await expect(
					store.saveWorkPatterns(SOURCE, '2026-06-09T04:00:00.000Z', [pattern('30001', [1])], who),
				).rejects.toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			}
			const denied = (await store.accessLog(null, TEST_READER)).filter(
				(r) => r.outcome === 'denied' && r.actor.startsWith('cache:'),
			);
			expect(denied.map((r) => [r.actor, r.action])).toEqual([
				['cache:nobody', 'workPatterns'],
				['cache:nobody', 'saveWorkPatterns'],
				['cache:admin', 'workPatterns'],
				['cache:admin', 'saveWorkPatterns'],
			]);
			const state = await store.workPatterns(SOURCE, TEST_READER);
			expect(state.patterns.find((p) => p.employeeId === '30001')).toBeUndefined();
		});

		it('refuses anything but the contract shape, naming the field, and writes nothing', async () => {
			const named = { ...pattern('20001', [1]), firstName: 'Anna' } as unknown as CachedWorkPattern;
			const sick = pattern('20002', [1]);
			(sick.pattern as unknown as Record<string, unknown>).note = 'Bandscheibe';
			for (const bad of [named, sick]) {
				const error = await store
					.saveWorkPatterns(
						SOURCE,
						'2026-06-03T04:00:00.000Z',
						[pattern('20000', [1]), bad],
						TEST_READER,
					)
					.catch((e: unknown) => e);
				expect(error).toBeInstanceOf(BemStoreError);
				expect((error as Error).message).toMatch(/^patterns\[1\]/);
				expect((error as Error).message).not.toMatch(/Anna|Bandscheibe/);
			}
			const state = await store.workPatterns(SOURCE, TEST_READER);
			expect(state.syncedAt).toBe('2026-06-02T04:00:00.000Z');
			expect(state.patterns.some((p) => p.employeeId === '20000')).toBe(false);
		});
	});
});
