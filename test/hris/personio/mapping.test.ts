// Personio v1 and v2 → the threshold contract (and the node's absences output), against the local Personio server.
import { readAbsences, readBemInputs, readEmployees } from '../../../core/hris/personio';
import { readItem, type PersonioParams } from '../../../nodes/Personio/read';
import { absence, employee, smallTenant } from './data';
import { clientFor, HEALTH_WORDS } from './helpers';
import { PersonioServer } from './server';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };
let server: PersonioServer;

beforeAll(async () => {
	server = await new PersonioServer(smallTenant()).start();
});
afterAll(() => server.stop());
afterEach(() => expect(server.contractViolations.splice(0)).toEqual([]));

describe.each(['v1', 'v2'] as const)('Personio %s', (version) => {
	test('employees carry their work pattern', async () => {
		const { employees, problems } = await readEmployees(clientFor(server, version));
		expect(problems).toEqual([]);
		const anna = employees.find((e) => e.id === '1001')!;
		expect(anna.workdays).toEqual([1, 2, 3]);
		expect(anna.hoursPerWorkday).toEqual({ 1: 8, 2: 8, 3: 8 });
		expect(anna.weeklyHours).toBe(24);
		expect(anna.supervisorId).toBe('1000');
		const noSchedule = employees.find((e) => e.id === '1003')!;
		// from weekly hours: v1 knows no full-time hours (30 h over Mon–Fri); v2 does (30 of 40 → 4 days)
		expect(noSchedule.workdays).toEqual(version === 'v1' ? [1, 2, 3, 4, 5] : [1, 2, 3, 4]);
		expect(noSchedule.hoursPerWorkday['1']).toBe(version === 'v1' ? 6 : 7.5);
		expect(noSchedule.workPatternSource).toBe('weekly_hours');
	});

	test('BEM input: sickness only, clipped to the range, half days and hours kept', async () => {
		const { inputs, problems } = await readBemInputs(clientFor(server, version), { range: RANGE });
		expect(problems).toEqual([]);
		const byId = Object.fromEntries(inputs.map((i) => [i.employeeId, i]));
		expect(Object.keys(byId).sort()).toEqual(['1001', '1002', '1003']);
		expect(byId['1001'].workdays).toEqual([1, 2, 3]);
		expect(byId['1001'].absences.map(({ id: _id, ...a }) => a)).toEqual([
			// started 2025-11-10 (half day): clipped to the range start, which is no longer a half day
			{ start: '2025-11-23', end: '2025-12-05', kind: 'sick', startHalf: false, endHalf: false },
			{ start: '2026-03-02', end: '2026-03-04', kind: 'sick', startHalf: false, endHalf: true },
		]);
		// vacation and child sick days are not there; the hourly sick period is, with its hours
		expect(byId['1002'].absences.map(({ id: _id, ...a }) => a)).toEqual([
			{
				start: '2026-04-07',
				end: '2026-04-08',
				kind: 'sick',
				startHalf: false,
				endHalf: false,
				hours: 8,
			},
			{ start: '2026-06-01', end: '2026-07-31', kind: 'sick', startHalf: false, endHalf: false },
		]);
		// the Reha type (category other) is out by default; the spell straddling the range end is clipped
		expect(byId['1003'].absences.map((a) => [a.start, a.end])).toEqual([
			['2026-11-16', '2026-11-22'],
		]);
		expect(JSON.stringify(inputs)).not.toMatch(new RegExp(HEALTH_WORDS.join('|'), 'i'));
	});

	test('the kind mapping adds types by name, id or category', async () => {
		const { absences } = await readAbsences(clientFor(server, version), {
			range: RANGE,
			selection: {
				rules: [
					{ match: 'sick_leave', kind: 'sick' },
					{ match: 'reha', kind: 'rehab' },
				],
				includeUnmatched: false,
			},
		});
		expect(
			absences.filter((a) => a.kind === 'rehab').map((a) => [a.employeeId, a.start, a.end]),
		).toEqual([['1003', '2026-09-01', '2026-09-25']]);
		const all = await readAbsences(clientFor(server, version), {
			range: RANGE,
			selection: { rules: [], includeUnmatched: true },
		});
		expect(new Set(all.absences.map((a) => a.kind))).toEqual(
			new Set(['sick_leave', 'paid_vacation', 'child_care', 'other']),
		);
	});
});

describe('malformed records', () => {
	let bad: PersonioServer;
	beforeAll(async () => {
		const tenant = smallTenant();
		tenant.employees.push(employee(1004));
		tenant.absences.push(
			absence(1004, 2345, null, '2026-02-03'),
			absence(1004, 2345, '2026-02-10', '2026-02-05'),
			absence(4711, 2345, '2026-03-10', '2026-03-12'),
			absence(1004, 2345, '2026-04-01', '2026-04-02'),
		);
		bad = await new PersonioServer(tenant).start();
	});
	afterAll(() => bad.stop());

	test.each(['v1', 'v2'] as const)(
		'%s: each is reported with Personio’s id, the rest still arrives',
		async (version) => {
			const { inputs, problems } = await readBemInputs(clientFor(bad, version), { range: RANGE });
			const ids = bad.tenant.absences
				.slice(-4)
				.map((a) => (version === 'v1' ? String(a.id) : a.uuid));
			expect(problems.map((p) => [p.recordId, p.field])).toEqual(
				expect.arrayContaining([
					[ids[0], version === 'v1' ? 'start_date' : 'starts_from'],
					[ids[1], version === 'v1' ? 'end_date' : 'ends_at'],
					[ids[2], 'employee'],
				]),
			);
			expect(problems).toHaveLength(3);
			expect(problems.find((p) => p.recordId === ids[1])!.problem).toMatch(/before the start/);
			expect(inputs.find((i) => i.employeeId === '1004')!.absences.map((a) => a.id)).toEqual([
				ids[3],
			]);
			expect(bad.contractViolations).toEqual([]);
		},
	);
});

describe('the node’s absences output', () => {
	let named: PersonioServer;
	beforeAll(async () => {
		// a tenant names its own types: one reads like health detail
		const tenant = smallTenant();
		tenant.types = [
			...tenant.types,
			{
				id: 2349,
				uuid: 'c0ffee00-0000-4000-8000-000000002349',
				name: 'Krank – Therapie',
				category: 'sick_leave',
				unit: 'day',
			},
		];
		tenant.absences.push(absence(1002, 2349, '2026-08-03', '2026-08-07'));
		named = await new PersonioServer(tenant).start();
	});
	afterAll(() => named.stop());

	test.each(['v1', 'v2'] as const)(
		'%s: a type name that reads like health detail is withheld, the others stay',
		async (version) => {
			const params: PersonioParams = {
				resource: 'absence',
				output: 'absences',
				from: RANGE.from,
				to: RANGE.to,
				employeeIds: '',
				absenceTypes: 'all',
				kindRules: {},
				options: {},
			};
			const { records, problems } = await readItem(clientFor(named, version), params, RANGE.to);
			expect(problems).toEqual([]);
			const byType = (typeId: number) =>
				records.filter(
					(r) =>
						r.typeId ===
						String(
							version === 'v1' ? typeId : named.tenant.types.find((t) => t.id === typeId)!.uuid,
						),
				);
			expect(byType(2349).map((r) => [r.start, r.typeName, r.kind])).toEqual([
				['2026-08-03', null, 'sick'],
			]);
			expect(byType(1234).map((r) => r.typeName)).toEqual(['Urlaub']);
			expect(byType(2345).every((r) => r.typeName === 'Krankheit (AU)')).toBe(true);
			expect(JSON.stringify(records)).not.toMatch(/Therapie/);
			expect(named.contractViolations).toEqual([]);
		},
	);
});
