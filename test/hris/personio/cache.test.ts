// Issue 16: work patterns cached in the BEM store between runs. The first run lists everyone from v1
// (100 per request) and keeps their patterns; the next asks v1 only for who changed since the last
// successful run (updated_since, one request) and gives the same BEM input; a schedule Personio
// overwrites without a date enters the history from the day the cache saw it.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { openBemStore, workPatternCacheAs, type BemStore } from '../../../core';
import { TEST_READER, TEST_ROLES } from '../../store/backends';
import { absenceSourceKey, readBemInputs } from '../../../core/hris/personio';
import { absence, employee, TYPES, type MockTenant } from './data';
import { clientFor } from './helpers';
import { PersonioServer } from './server';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };
const MO_WE = ['08:00', '08:00', '08:00', '00:00', '00:00', '00:00', '00:00'] as const;

let server: PersonioServer;
let store: BemStore;
const stores: BemStore[] = [];
async function freshStore(): Promise<BemStore> {
	const dir = mkdtempSync(join(tmpdir(), 'bem-cache-'));
	const opened = await openBemStore({
		kind: 'sqlite',
		path: join(dir, 'bem.sqlite'),
		encryptionKey: 'test-only key, not a secret: 0123456789abcdef',
		roles: TEST_ROLES,
	});
	stores.push(opened);
	return opened;
}
beforeAll(async () => {
	const tenant: MockTenant = {
		types: TYPES,
		employees: Array.from({ length: 230 }, (_, i) =>
			employee(5000 + i, { hireDate: '2020-01-01' }),
		),
		absences: Array.from({ length: 230 }, (_, i) =>
			absence(5000 + i, 2345, '2026-03-02', '2026-03-06'),
		),
	};
	server = await new PersonioServer(tenant).start();
});
beforeEach(async () => {
	store = await freshStore();
});
afterAll(async () => {
	for (const s of stores) await s.close();
	await server.stop();
});
afterEach(() => expect(server.contractViolations.splice(0)).toEqual([]));

const listings = () => server.requests('/v1/company/employees');

test.each(['v1', 'v2'] as const)(
	'%s: the first run lists everyone, the next asks only who changed, with the same result',
	async (version) => {
		server.log.length = 0;
		const query = { range: RANGE, workPatternCache: workPatternCacheAs(store, TEST_READER) };
		const first = await readBemInputs(clientFor(server, version), query);
		expect(listings().map((r) => r.query.get('offset'))).toEqual(['0', '100', '200']);
		expect(listings().every((r) => !r.query.has('updated_since'))).toBe(true);
		const cached = await store.workPatterns(clientFor(server, version).v1().sourceKey, TEST_READER);
		expect(cached.patterns).toHaveLength(230);
		// contract data only: nothing of a name or an e-mail address is kept
		expect(JSON.stringify(cached)).not.toMatch(/Vorname|Nachname|@example/);

		server.log.length = 0;
		const daily = await readBemInputs(clientFor(server, version), query);
		expect(listings()).toHaveLength(1);
		expect(listings()[0].query.get('updated_since')).toMatch(
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/,
		);
		expect(daily).toEqual(first);
	},
);

test('a switch to part time Personio dates nowhere enters the history from the day the cache saw it', async () => {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	const daysBefore = (n: number) =>
		new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
	const range = { from: daysBefore(364), to: today };
	const anna = server.tenant.employees[0];
	server.tenant.absences.push(absence(anna.id, 2345, daysBefore(30), daysBefore(28)));
	const query = { range, workPatternCache: workPatternCacheAs(store, TEST_READER) };
	const client = () => clientFor(server, 'v1');
	const before = await readBemInputs(client(), query);
	expect(before.inputs.find((i) => i.employeeId === String(anna.id))!.workPatterns).toBeUndefined();
	anna.schedule = [...MO_WE];
	anna.weeklyHours = 24;
	anna.updatedAt = new Date().toISOString();
	server.log.length = 0;
	const { inputs } = await readBemInputs(client(), query);
	expect(listings()).toHaveLength(1);
	const input = inputs.find((i) => i.employeeId === String(anna.id))!;
	expect(input.workdays).toEqual([1, 2, 3]);
	expect(input.workPatterns).toEqual([
		{
			from: '2020-01-01',
			workdays: [1, 2, 3, 4, 5],
			hoursPerWorkday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 },
		},
		{ from: today, workdays: [1, 2, 3], hoursPerWorkday: { 1: 8, 2: 8, 3: 8 } },
	]);
	// the others are unchanged
	expect(inputs.find((i) => i.employeeId === '5001')!.workdays).toEqual([1, 2, 3, 4, 5]);
});

test('a leaver’s last day (termination_date) is kept with the pattern, and names the AU caches the purge drops', async () => {
	const leaver = server.tenant.employees[5];
	leaver.terminationDate = '2026-10-15';
	try {
		const client = clientFor(server, 'v2');
		await readBemInputs(client, {
			range: RANGE,
			workPatternCache: workPatternCacheAs(store, TEST_READER),
		});
		const listing = listings()[0];
		expect(listing.query.getAll('attributes[]')).toContain('termination_date');
		const cached = await store.workPatterns(client.v1().sourceKey, TEST_READER);
		const entry = cached.patterns.find((p) => p.employeeId === String(leaver.id))!;
		expect(entry.pattern.employedUntil).toBe('2026-10-15');
		expect(cached.patterns.filter((p) => p.pattern.employedUntil)).toHaveLength(1);
		// purgeExpired drops a leaver's AU periods of the sources named after the pattern cache's
		expect(absenceSourceKey(client, { range: RANGE }).startsWith(`${client.v1().sourceKey}:`)).toBe(
			true,
		);
	} finally {
		delete leaver.terminationDate;
	}
});
