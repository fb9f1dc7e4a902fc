// Issue 16: a leaver's HRIS caches. Once the HRIS names their last day (Personio termination_date, kept
// with the cached work pattern), purgeExpired drops their cached work pattern and their AU periods (the
// same tenant's sources) LEAVER_CACHE_DAYS after it — nobody else's, on SQLite and PostgreSQL.
import { LEAVER_CACHE_DAYS } from '../../core/store/purge';
import type { BemStore, CachedAuPeriod, CachedWorkPattern } from '../../core';
import { postgresBackend, sqliteBackend, TEST_READER, type Backend } from './backends';

const TENANT = 'personio:0123456789abcdef';
const AU = `${TENANT}:au:v2:0011223344556677`;
const OTHER_TENANT_AU = 'personio:fedcba9876543210:au:v2:0011223344556677';

const pattern = (id: string, employedUntil?: string): CachedWorkPattern => ({
	employeeId: id,
	pattern: {
		weeklyHours: 40,
		workdays: [1, 2, 3, 4, 5],
		hoursPerWorkday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 },
		workPatternSource: 'work_schedule',
		employedSince: '2019-04-01',
		workPatterns: [],
		...(employedUntil ? { employedUntil } : {}),
	},
});
const period = (id: string, employeeId: string): CachedAuPeriod => ({
	source: 'v2 absence period',
	id,
	employeeId,
	kind: 'sick',
	start: '2026-09-01',
	end: '2026-09-04',
	startHalf: false,
	endHalf: false,
});

describe.each(['sqlite', 'postgres'] as const)('leavers’ HRIS caches: %s', (name) => {
	let backend: Backend;
	let store: BemStore;
	beforeAll(async () => {
		backend = name === 'sqlite' ? sqliteBackend() : await postgresBackend();
		store = await backend.open();
		await store.saveWorkPatterns(
			TENANT,
			'2026-10-01T05:00:00.000Z',
			[pattern('7001', '2026-10-15'), pattern('7002'), pattern('7003', '2027-03-31')],
			TEST_READER,
		);
		for (const [source, rows] of [
			[AU, [period('a-1', '7001'), period('a-2', '7001'), period('b-1', '7002')]],
			[OTHER_TENANT_AU, [period('c-1', '7001')]],
		] as const)
			await store.saveAuPeriods(
				source,
				'2026-10-01T05:00:00.000Z',
				{ full: true, upsert: [...rows], remove: [] },
				TEST_READER,
			);
	});
	afterAll(async () => {
		await store.close();
		await backend.teardown();
	});

	const state = async () => ({
		patterns: (await store.workPatterns(TENANT, TEST_READER)).patterns.map((p) => p.employeeId),
		au: (await store.auPeriods(AU, TEST_READER)).periods.map((p) => p.id),
		other: (await store.auPeriods(OTHER_TENANT_AU, TEST_READER)).periods.map((p) => p.id),
	});

	it(`keeps a leaver's rows for ${LEAVER_CACHE_DAYS} days after the last day, then purges them`, async () => {
		expect(LEAVER_CACHE_DAYS).toBe(30);
		await store.purgeExpired('2026-11-14');
		expect(await state()).toEqual({
			patterns: ['7001', '7002', '7003'],
			au: ['a-1', 'a-2', 'b-1'],
			other: ['c-1'],
		});
		expect(await store.purgeExpired('2026-11-15')).toEqual({ purged: 0 });
		// 7001's pattern and AU periods of this tenant; another tenant's 7001 is someone else
		expect(await state()).toEqual({ patterns: ['7002', '7003'], au: ['b-1'], other: ['c-1'] });
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	});

	it('a shorter or no grace is the caller’s choice; a bad one is refused by name', async () => {
		await expect(store.purgeExpired('2026-11-15', { leaverCacheDays: -1 })).rejects.toMatchObject({
			code: 'BEM_INVALID_INPUT',
			field: 'leaverCacheDays',
		});
		await store.purgeExpired('2026-11-15', { leaverCacheDays: 0 });
		expect((await state()).patterns).toEqual(['7002', '7003']); // 7003 leaves next year
	});
});
