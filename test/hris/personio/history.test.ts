// Issue 12, from the HRIS: Personio's work-pattern history and hire date in the BEM input (threshold
// contract v2 `workPatterns`, `employedSince`), against the local Personio server. The case: full time
// until May, three days a week from 1 June 2026, sick on ten Tuesdays and Thursdays in spring.
import { readBemInputs } from '../../../core/hris/personio';
import { absence, employee, TYPES, type MockTenant } from './data';
import { clientFor } from './helpers';
import { PersonioServer } from './server';
import { SPRING_TUE_THU as SPRING, SWITCH_RANGE as RANGE } from '../switchCase';

const MO_WE = ['08:00', '08:00', '08:00', '00:00', '00:00', '00:00', '00:00'] as const;

let server: PersonioServer;
beforeAll(async () => {
	const tenant: MockTenant = {
		types: TYPES,
		employees: [
			// v2: the switch recorded as a new employment (newest first, as Personio lists them)
			employee(2001, {
				office: { id: 131015, name: 'Köln' },
				weeklyHours: 24,
				schedule: [...MO_WE],
				hireDate: '2019-04-01',
				scheduleValidFrom: '2026-06-01',
				employments: [
					{ start: '2026-06-01', end: null, weeklyHours: 24, status: 'ACTIVE' },
					{ start: '2019-04-01', end: '2026-05-31', weeklyHours: 40, status: 'INACTIVE' },
				],
			}),
			// hired in the window; v2 employment without a start date
			employee(2002, {
				hireDate: '2026-02-01',
				employments: [{ start: null, end: null, weeklyHours: 40, status: 'ACTIVE' }],
			}),
		],
		absences: [
			...SPRING.map((d) => absence(2001, 2345, d, d)),
			absence(2002, 2345, '2026-03-03', '2026-03-04'),
		],
	};
	server = await new PersonioServer(tenant).start();
});
afterAll(() => server.stop());
afterEach(() => expect(server.contractViolations.splice(0)).toEqual([]));

test('v2: one pattern entry per employment, the hire date through a contiguous switch', async () => {
	// the employment history is v2's: asked for by name (the default reads v1's cheaper listing)
	const { inputs, problems } = await readBemInputs(clientFor(server, 'v2'), {
		range: RANGE,
		workPatternSource: 'employments',
	});
	const p2001 = inputs.find((i) => i.employeeId === '2001')!;
	expect(p2001.workPatterns).toEqual([
		{
			from: '2019-04-01',
			workdays: [1, 2, 3, 4, 5],
			hoursPerWorkday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 },
		},
		{ from: '2026-06-01', workdays: [1, 2, 3], hoursPerWorkday: { 1: 8, 2: 8, 3: 8 } },
	]);
	// a part-time switch recorded as a new employment is no new hire: spring AU still counts
	expect(p2001.employedSince).toBe('2019-04-01');
	expect(p2001.absences.map((a) => a.start)).toEqual(SPRING);
	// the office for the case's Bundesland: v2's employment names it by id
	expect(p2001.location).toBe('131015');
	// no start date on the employment: no history, no hire date, and a Problems item says what is assumed
	const p2002 = inputs.find((i) => i.employeeId === '2002')!;
	expect(p2002.workPatterns).toBeUndefined();
	expect(p2002.employedSince).toBeUndefined();
	expect(p2002.location).toBeUndefined();
	expect(problems).toEqual([
		{
			recordId: '2002',
			source: 'v2 employment',
			employeeId: '2002',
			field: 'employment_start_date',
			problem:
				"Personio names no date from which the work pattern applies on 2026-03-03: the pattern valid at each absence's start is taken to be the one Personio reports now",
		},
	]);
});

test('v1: hire_date → employedSince; a schedule valid only from June leaves spring undated (a Problems item)', async () => {
	const { inputs, problems } = await readBemInputs(clientFor(server, 'v1'), { range: RANGE });
	const p2001 = inputs.find((i) => i.employeeId === '2001')!;
	expect(p2001.employedSince).toBe('2019-04-01');
	expect(p2001.workdays).toEqual([1, 2, 3]);
	expect(p2001.workPatterns).toBeUndefined(); // v1 knows only today's schedule
	expect(p2001.location).toBe('Köln'); // v1 names the office
	expect(inputs.find((i) => i.employeeId === '2002')!.employedSince).toBe('2026-02-01');
	expect(problems).toEqual([
		{
			recordId: '2001',
			source: 'v1 employee',
			employeeId: '2001',
			field: 'work_schedule.valid_from',
			problem:
				"Personio names no date from which the work pattern applies on 2026-03-03: the pattern valid at each absence's start is taken to be the one Personio reports now",
		},
	]);
	// hire_date was asked for by name (the v1 contract check runs after each test)
	const listing = server.requests('/v1/company/employees').at(-1)!;
	expect(listing.query.getAll('attributes[]')).toContain('hire_date');
});

test('v2 by default: work patterns and hire dates from v1’s listing — no persons listing, no employments', async () => {
	server.log.length = 0;
	const { inputs, problems } = await readBemInputs(clientFor(server, 'v2'), { range: RANGE });
	expect(server.requests('/v2/persons')).toEqual([]);
	expect(server.requests('/v1/company/employees').map((r) => r.query.get('offset'))).toEqual(['0']);
	// the absences still come from v2, only the sick types'
	const sickTypes = TYPES.filter((t) => t.category === 'sick_leave').map((t) => t.uuid);
	expect(server.requests('/v2/absence-periods').map((r) => r.query.get('absence_type.id'))).toEqual(
		sickTypes,
	);
	// v1 tells today's schedule and the hire date, and says which absences it cannot date back to
	const p2001 = inputs.find((i) => i.employeeId === '2001')!;
	expect(p2001).toMatchObject({ workdays: [1, 2, 3], employedSince: '2019-04-01' });
	expect(p2001.absences.map((a) => a.start)).toEqual(SPRING);
	expect(inputs.find((i) => i.employeeId === '2002')!.employedSince).toBe('2026-02-01');
	expect(problems.map((p) => [p.employeeId, p.field])).toEqual([
		['2001', 'work_schedule.valid_from'],
	]);
});

test('v2 without v1 access: the employments of the persons with absences, one call each', async () => {
	server.log.length = 0;
	server.faults.push({ status: 403, count: 1, path: '/v1/company/employees' });
	const { inputs } = await readBemInputs(clientFor(server, 'v2'), { range: RANGE });
	expect(
		server
			.requests('/v2/persons')
			.map((r) => r.path)
			.sort(),
	).toEqual(['/v2/persons/2001/employments', '/v2/persons/2002/employments']);
	expect(inputs.find((i) => i.employeeId === '2001')!.workPatterns).toHaveLength(2);
});
