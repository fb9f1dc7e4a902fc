// Issue 16: SuccessFactors' daily run through the BEM store's work-pattern cache. The first run reads
// EmpJob, WorkSchedule and EmpEmployment of everyone with AU; a daily run asks SuccessFactors which
// records changed ($filter on lastModifiedDateTime, typed Edm.DateTimeOffset as in SAP's metadata: the
// local server refuses a datetime'…' literal there, an unknown property or an unknown entity set) and
// reads only those employees — with the same BEM input an uncached read gives.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { openBemStore, workPatternCacheAs, type BemStore } from '../../../core';
import {
	FULL_REFRESH_DAYS,
	KindMapping,
	readSfBemInputs,
	sfClient,
	sfSourceKey,
	type SfAbsenceQuery,
} from '../../../core/hris/sap';
import { TEST_READER, TEST_ROLES } from '../../store/backends';
import { sfConnection } from './helpers';
import { makeKeyPair } from './keys';
import { sfTenant, withMalformed, type SfTenant } from './sfData';
import { SuccessFactorsServer } from './sfServer';

const KINDS = new KindMapping([
	{ code: 'SICK_DE', kind: 'sick' },
	{ code: 'HOSP_DE', kind: 'hospital' },
]);
const keys = makeKeyPair();
const DAY = 86_400_000;
const shift = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** the daily run at 06:00 in Berlin on `day`, over the twelve months up to it */
const runOn = (day: string, hour = 5) => ({
	now: new Date(`${day}T0${hour}:00:00Z`),
	range: { from: shift(day, -364), to: day },
});
const FIRST_DAY = '2026-11-22';

let server: SuccessFactorsServer;
let tenant: SfTenant;
let store: BemStore;
const stores: BemStore[] = [];

beforeEach(async () => {
	tenant = withMalformed(sfTenant(450, 3));
	tenant.employments = tenant.jobs
		.filter((j) => j.start === '2020-01-01')
		.map((j) => ({ userId: j.userId, start: '2020-01-01' }));
	server = await new SuccessFactorsServer(tenant, keys.certificatePem).start();
	const dir = mkdtempSync(join(tmpdir(), 'bem-sf-cache-'));
	store = await openBemStore({
		kind: 'sqlite',
		path: join(dir, 'bem.sqlite'),
		encryptionKey: 'test-only key, not a secret: 0123456789abcdef',
		roles: TEST_ROLES,
	});
	stores.push(store);
});
afterEach(async () => {
	await server.stop();
	await store.close();
});

const connection = () => sfConnection(server, keys);
const cache = () => ({
	store: workPatternCacheAs(store, TEST_READER),
	source: sfSourceKey(connection()),
});
const read = (run: ReturnType<typeof runOn>, cached = true) =>
	readSfBemInputs(sfClient(connection()), {
		range: run.range,
		kinds: KINDS,
		now: run.now,
		...(cached ? { workPatternCache: cache() } : {}),
	} satisfies SfAbsenceQuery);
/** successful requests per entity set since the last reset */
const counts = () => {
	const out: Record<string, number> = {};
	for (const r of server.log) {
		const set = r.path.replace('/odata/v2/', '');
		if (r.status !== 200 || set.startsWith('/')) continue;
		out[set] = (out[set] ?? 0) + 1;
	}
	return out;
};
const withAu = (run: ReturnType<typeof runOn>) =>
	new Set(
		tenant.times
			.filter(
				(t) =>
					t.approvalStatus === 'APPROVED' &&
					['SICK_DE', 'HOSP_DE'].includes(t.timeType) &&
					t.start! <= run.range.to &&
					t.end! >= run.range.from &&
					t.start! <= t.end!,
			)
			.map((t) => t.userId),
	).size;

test('first run: everyone with AU read, 100 per request; the daily run: three change queries and the one unknown user', async () => {
	const first = runOn(FIRST_DAY);
	const au = withAu(first);
	expect(au).toBeGreaterThan(300);
	const a = await read(first);
	expect(server.log.every((r) => r.status === 200)).toBe(true);
	const jobChunks = Math.ceil(au / 100);
	expect(counts()).toEqual({
		EmployeeTime: 1,
		EmpJob: jobChunks,
		WorkSchedule: 1,
		EmpEmployment: jobChunks,
	});
	expect(server.log.some((r) => /lastModified/.test(r.query.get('$filter') ?? ''))).toBe(false);
	const cached = await store.workPatterns(sfSourceKey(connection()), TEST_READER);
	// the unknown user (absence, no job) is not cached: it is asked again and reported again
	expect(cached.patterns).toHaveLength(au - 1);
	expect(JSON.stringify(cached)).not.toMatch(/Vorname|Bandscheibe|SICK/);

	server.log.length = 0;
	const b = await read(runOn(FIRST_DAY, 7));
	expect(b).toEqual(a);
	// three change queries, and the unknown user's EmpJob read again (no job: no EmpEmployment read)
	expect(counts()).toEqual({ EmployeeTime: 1, WorkSchedule: 1, EmpJob: 2, EmpEmployment: 1 });
	const changes = server.log.filter((r) => r.query.get('$select') === 'userId');
	expect(changes.map((r) => r.path)).toEqual(['/odata/v2/EmpJob', '/odata/v2/EmpEmployment']);
	expect(changes[0].query.get('$filter')).toBe(
		"lastModifiedDateTime gt datetimeoffset'2026-11-22T04:00:00Z' or (startDate gt datetime'2026-11-21T00:00:00' and startDate le datetime'2026-11-22T00:00:00')",
	);
	expect(changes[0].query.get('fromDate')).toBe(first.range.from);
	const schedules = server.log.filter((r) => r.path.endsWith('/WorkSchedule'));
	expect(schedules[0].query.get('$filter')).toBe(
		"lastModifiedDateTime gt datetimeoffset'2026-11-22T04:00:00Z'",
	);
	// the same as an uncached read
	expect(await read(runOn(FIRST_DAY, 7), false)).toEqual(a);
});

test('the next days: a changed job, a slice taking effect and the moving window give what an uncached read gives', async () => {
	await read(runOn(FIRST_DAY));
	const someone = tenant.jobs.find((j) => j.userId === '100101')!;
	someone.end = '2026-11-22';
	someone.modified = '2026-11-22T12:00:00Z';
	// entered months ago, in force from 23 November
	tenant.jobs.push({ ...someone, start: '2026-11-23', end: '9999-12-31', daysPerWeek: 2 });
	tenant.jobs[tenant.jobs.length - 1].modified = '2026-06-01T10:00:00Z';
	const nextDay = runOn(shift(FIRST_DAY, 1));
	server.log.length = 0;
	const daily = await read(nextDay);
	// the changes (3), then one read of the changed user, a user whose first AU is on the new day, the unknown one
	expect(counts()).toEqual({ EmployeeTime: 1, WorkSchedule: 2, EmpJob: 2, EmpEmployment: 2 });
	const reread = server.log.filter(
		(r) => r.path.endsWith('/EmpJob') && r.query.get('$select') !== 'userId',
	);
	expect(reread[0].query.get('$filter')).toBe("userId in '100101','100213','999999'");
	expect(tenant.times.filter((t) => t.userId === '100213').map((t) => t.start)).toContain(
		nextDay.range.to,
	);
	expect(daily).toEqual(await read(nextDay, false));
	const input = daily.inputs.find((i) => i.employeeId === '100101')!;
	expect(input.workdays).toEqual([1, 2]);
	// a week later the window has moved on: still what an uncached read says
	const later = runOn(shift(FIRST_DAY, 6));
	expect(await read(later)).toEqual(await read(later, false));
});

test('a changed work schedule: everyone with AU is read again', async () => {
	await read(runOn(FIRST_DAY));
	tenant.schedules[0].modified = '2026-11-22T20:00:00Z';
	tenant.schedules[0].hoursPerDay = 7;
	server.log.length = 0;
	const nextDay = runOn(shift(FIRST_DAY, 1));
	const daily = await read(nextDay);
	expect(counts().EmpJob).toBe(Math.ceil(withAu(nextDay) / 100));
	expect(server.log.filter((r) => r.query.get('$select') === 'userId')).toEqual([]);
	expect(daily).toEqual(await read(nextDay, false));
});

test(`every ${FULL_REFRESH_DAYS} days everyone is read again (a deleted job record changes no lastModifiedDateTime)`, async () => {
	await read(runOn(FIRST_DAY));
	server.log.length = 0;
	await read(runOn(shift(FIRST_DAY, FULL_REFRESH_DAYS - 1)));
	expect(counts().EmpJob).toBe(2);
	server.log.length = 0;
	const due = runOn(shift(FIRST_DAY, FULL_REFRESH_DAYS));
	await read(due);
	expect(counts().EmpJob).toBe(Math.ceil(withAu(due) / 100));
});

test('a range that does not end today is read directly and leaves the cache alone', async () => {
	const backdated = { ...runOn(FIRST_DAY), now: new Date('2026-12-01T05:00:00Z') };
	const r = await read(backdated);
	expect(r).toEqual(await read(backdated, false));
	const state = await store.workPatterns(sfSourceKey(connection()), TEST_READER);
	expect(state).toEqual({ syncedAt: null, patterns: [] });
});

test('a failed read saves nothing: the next run starts from the cache as it was', async () => {
	await read(runOn(FIRST_DAY));
	const before = await store.workPatterns(sfSourceKey(connection()), TEST_READER);
	server.faults = [{ path: '/EmpEmployment', status: 500, count: 100 }];
	await expect(
		readSfBemInputs(sfClient(sfConnection(server, keys, { retry: { maxTotalMs: 50 } })), {
			...runOn(shift(FIRST_DAY, 1)),
			kinds: KINDS,
			workPatternCache: cache(),
		}),
	).rejects.toThrow(/EmpEmployment/);
	expect(await store.workPatterns(sfSourceKey(connection()), TEST_READER)).toEqual(before);
});

afterAll(async () => {
	for (const s of stores) await s.close().catch(() => {});
});
