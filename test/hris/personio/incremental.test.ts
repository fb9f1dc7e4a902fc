// Issue 16: the optional incremental absence mode. The AU periods stay sealed in the BEM file
// (migration 10); a daily run asks Personio only for what changed (v1 updated_from, v2 updated_at.gte)
// and gives the threshold results a full read gives — over simulated days with a new, an edited and a
// deleted absence. Personio reports no deletion: the employees the threshold names are checked first,
// and the whole window is read again every ABSENCE_FULL_REFRESH_DAYS days.
import {
	auPeriodCacheAs,
	evaluateThresholdDetailed,
	type BemStore,
	type ThresholdInput,
	type ThresholdResult,
} from '../../../core';
import { ABSENCE_FULL_REFRESH_DAYS, readBemInputs } from '../../../core/hris/personio';
import { sqliteBackend, TEST_READER, type Backend } from '../../store/backends';
import { absence, realisticTenant, type MockTenant } from './data';
import { clientFor } from './helpers';
import { PersonioServer } from './server';

const FIRST = '2026-11-22';
const DAY = 86_400_000;
const shift = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const SICK = 2345;
const SICK_HOURLY = 2347;

const statusOn = (day: string) => (i: ThresholdInput) =>
	evaluateThresholdDetailed(i, { referenceDate: day }).result;
/** what the node's threshold output would name: Due and Approaching */
const suspectsOn = (day: string) => (inputs: ThresholdInput[]) =>
	inputs.filter((i) => statusOn(day)(i).status !== 'below').map((i) => i.employeeId);

describe.each(['v2', 'v1'] as const)('Personio %s: incremental absence mode', (version) => {
	let server: PersonioServer;
	let tenant: MockTenant;
	let backend: Backend;
	let store: BemStore;
	beforeAll(async () => {
		tenant = realisticTenant(300, FIRST);
		// hour-unit sick periods too: their per-day amounts are kept with them
		tenant.absences.push(
			absence(100_003, SICK_HOURLY, '2026-10-05', '2026-10-07', { minutesPerDay: 240 }),
			absence(100_004, SICK_HOURLY, '2025-11-20', '2025-11-26', { minutesPerDay: 480 }),
		);
		server = await new PersonioServer(tenant).start();
		backend = sqliteBackend();
		store = await backend.open();
	});
	afterAll(async () => {
		await store.close();
		await backend.teardown();
		await server.stop();
	});
	afterEach(() => expect(server.contractViolations.splice(0)).toEqual([]));

	/** the day's run both ways: the cached one first (its requests counted), then a full read */
	async function dayRun(day: string) {
		const range = { from: shift(day, -364), to: day };
		server.log.length = 0;
		const inc = await readBemInputs(clientFor(server, version), {
			range,
			absenceCache: {
				store: auPeriodCacheAs(store, TEST_READER),
				suspects: suspectsOn(day),
				now: new Date(`${day}T05:00:00Z`),
			},
		});
		const requests = server.log.length;
		server.log.length = 0;
		const full = await readBemInputs(clientFor(server, version), { range });
		const results = (inputs: ThresholdInput[]) =>
			new Map<string, ThresholdResult>(inputs.map((i) => [i.employeeId, statusOn(day)(i)]));
		return {
			inc: results(inc.inputs),
			full: results(full.inputs),
			requests,
			fullRequests: server.log.length,
		};
	}
	const statuses = (m: Map<string, ThresholdResult>) =>
		[...m].map(([id, r]) => `${id}:${r.status}`).sort();
	const sickOf = (id: number) =>
		tenant.absences.filter(
			(a) => a.employeeId === id && a.typeId === SICK && a.end! >= shift(FIRST, -360),
		);

	test('over simulated days: the same threshold results as a full read, with far fewer requests', async () => {
		// day 0: the first run reads the window in full and keeps it
		const d0 = await dayRun(FIRST);
		expect(d0.inc).toEqual(d0.full);
		expect([...d0.full.values()].filter((r) => r.status === 'due').length).toBeGreaterThan(5);

		// day 1: a new absence, an edited one (a spell made longer), an absence moved out of the window
		const day1 = shift(FIRST, 1);
		const changedAt = `${day1}T03:00:00Z`;
		const below = [...d0.full].find(([, r]) => r.status === 'below')![0];
		tenant.absences.push(
			absence(Number(below), SICK, shift(day1, -20), shift(day1, -2), { updatedAt: changedAt }),
		);
		const edited = sickOf(100_010)[0] ?? sickOf(100_011)[0];
		edited.end = shift(edited.end!, 10);
		edited.updatedAt = changedAt;
		const moved = sickOf(100_020)[0] ?? sickOf(100_021)[0];
		moved.start = '2024-01-08';
		moved.end = '2024-01-09';
		moved.updatedAt = changedAt;
		const d1 = await dayRun(day1);
		expect(d1.inc).toEqual(d1.full);
		expect(d1.full.get(below)!.status).not.toBe('below');
		expect(d1.requests).toBeLessThan(d1.fullRequests);

		// day 2: a deleted absence of someone Due only with it: checked before it counts
		const day2 = shift(FIRST, 2);
		const due = [...d1.full]
			.filter(([, r]) => r.status === 'due')
			.map(([id]) => Number(id))
			.find((id) => sickOf(id).length === 1)!;
		tenant.absences.splice(tenant.absences.indexOf(sickOf(due)[0]), 1);
		const d2 = await dayRun(day2);
		expect(d2.full.get(String(due))?.status ?? 'none').not.toBe('due');
		expect(d2.inc).toEqual(d2.full);

		// day 3: a deleted absence of someone Below: still Below (a deletion only lowers a count), the
		// counted days still include it until the weekly full read
		const day3 = shift(FIRST, 3);
		const stays = [...d2.full]
			.filter(([, r]) => r.status === 'below')
			.map(([id]) => Number(id))
			.find((id) => sickOf(id).length === 2)!;
		tenant.absences.splice(tenant.absences.indexOf(sickOf(stays)[1]), 1);
		const d3 = await dayRun(day3);
		expect(statuses(d3.inc)).toEqual(statuses(d3.full));
		const others = (m: Map<string, ThresholdResult>) =>
			new Map([...m].filter(([id]) => id !== String(stays)));
		expect(others(d3.inc)).toEqual(others(d3.full));
		expect(d3.inc.get(String(stays))!.countedWorkingDays).toBeGreaterThan(
			d3.full.get(String(stays))!.countedWorkingDays,
		);

		// a week after the first read: the whole window again, and the same results in every detail
		const d7 = await dayRun(shift(FIRST, ABSENCE_FULL_REFRESH_DAYS));
		expect(d7.inc).toEqual(d7.full);
		expect(d7.requests).toBeGreaterThanOrEqual(d7.fullRequests);
	});

	test('what the BEM file holds: sealed periods only, no date, kind or type in clear; every read logged', async () => {
		const rows = await backend.exec(
			'SELECT source, period_key, employee_id, sealed FROM bem_hris_au_periods',
		);
		expect(rows.length).toBeGreaterThan(100);
		const clear = JSON.stringify(rows.map((r) => [r.source, r.period_key, r.sealed]));
		expect(clear).not.toMatch(/\d{4}-\d\d-\d\d|sick|Krank|Diagnose/);
		const log = await store.accessLog(null, TEST_READER);
		expect(log.filter((e) => e.action === 'auPeriods').length).toBeGreaterThan(3);
		expect(log.filter((e) => e.action === 'saveAuPeriods').length).toBeGreaterThan(3);
	});
});
