// Issue 12, the workflow-equivalence proof per HRIS: Manual Trigger → connector (BEM input) → BEM
// Threshold, no Code node, run by n8n-core against each local server serving the switch case
// (switchCase.ts). The workflow's result equals core's engine on the same records written down
// directly, and the contract's hand-worked values; it differs from the result on today's pattern alone,
// so a connector that dropped the history would fail here.
import { evaluateThreshold, type ThresholdResult } from '../../core';
import { runWorkflow, type RunResult } from '../harness/run';
import { chainWorkflow, type ChainNode } from '../harness/workflow';
import { absence, employee, TYPES, type MockTenant } from './personio/data';
import { personioBemInputNode, personioCredential } from './personio/helpers';
import { PersonioServer } from './personio/server';
import { sfCredential } from './sap/helpers';
import { hcmBasicCredential, SapGatewayServer, type HcmAbsenceRow } from './sap/hcmServer';
import { makeKeyPair } from './sap/keys';
import type { SfTenant, SfTime } from './sap/sfData';
import { SuccessFactorsServer } from './sap/sfServer';
import {
	CONTROL_EARLIER_EMPLOYMENT as EARLIER,
	CONTROL_REHIRED,
	FIRST_PART_TIME_DAY,
	LAST_FULL_TIME_DAY,
	SWITCH_EXPECTED,
	SWITCH_RANGE as RANGE,
	SWITCH_SPELLS,
	SWITCHER_HIRED,
	switchInputs,
	withoutHistory,
	workingDaysOf,
} from './switchCase';

const FIELDS = ['employeeId', 'status', 'reachedOn', 'reason', 'countedAuWeeks'] as const;
const pick = (r: object) =>
	Object.fromEntries(FIELDS.map((k) => [k, (r as Record<string, unknown>)[k]]));
const engine = (input: Parameters<typeof evaluateThreshold>[0]) =>
	evaluateThreshold(input, { referenceDate: RANGE.to }) as ThresholdResult;

/** The shipped shape, typeVersion 2 throughout (BEM Threshold v1 reads no history, as before contract v2). */
function threeNodes(connector: ChainNode): ReturnType<typeof chainWorkflow> {
	return chainWorkflow([
		{ ...connector, typeVersion: 2 },
		{
			name: 'BEM Threshold',
			type: 'bemThreshold',
			typeVersion: 2,
			parameters: { options: { referenceDate: RANGE.to } },
		},
	]);
}

/** BEM Threshold's results over its three outputs (due, approaching, below), by employee. */
function results(run: RunResult): Map<string, Record<string, unknown>> {
	expect(run.run.data.resultData.error).toBeUndefined();
	expect(run.order).not.toContain('Code');
	const all = [0, 1, 2].flatMap((o) => run.output('BEM Threshold', o));
	return new Map(all.map((r) => [String(r.employeeId), r]));
}

/** The workflow agrees with the engine on the directly written records and with the contract; the history mattered. */
function expectSwitchCase(
	byEmployee: Map<string, Record<string, unknown>>,
	switcherId: string,
	controlId: string,
) {
	const [switcher, control] = switchInputs(switcherId, controlId);
	expect([...byEmployee.keys()].sort()).toEqual([switcherId, controlId].sort());
	expect(pick(byEmployee.get(switcherId)!)).toEqual(pick(engine(switcher)));
	expect(pick(byEmployee.get(controlId)!)).toEqual(pick(engine(control)));
	expect(pick(byEmployee.get(switcherId)!)).toEqual({
		employeeId: switcherId,
		...SWITCH_EXPECTED.switcher,
	});
	expect(pick(byEmployee.get(controlId)!)).toEqual({
		employeeId: controlId,
		...SWITCH_EXPECTED.control,
	});
	// without the history (today's pattern only) the engine gives something else
	expect(pick(engine(withoutHistory(switcher)))).toEqual({
		employeeId: switcherId,
		...SWITCH_EXPECTED.switcherOnTodaysPattern,
	});
}

describe('Personio → BEM Threshold: the switch case', () => {
	let server: PersonioServer;
	beforeAll(async () => {
		const tenant: MockTenant = {
			types: TYPES,
			employees: [
				// v1: today's schedule (Mon–Wed) valid from June; v2: the switch as a new employment
				employee(3001, {
					weeklyHours: 24,
					schedule: ['08:00', '08:00', '08:00', '00:00', '00:00', '00:00', '00:00'],
					hireDate: SWITCHER_HIRED,
					scheduleValidFrom: FIRST_PART_TIME_DAY,
					employments: [
						{ start: FIRST_PART_TIME_DAY, end: null, weeklyHours: 24, status: 'ACTIVE' },
						{ start: SWITCHER_HIRED, end: LAST_FULL_TIME_DAY, weeklyHours: 40, status: 'INACTIVE' },
					],
				}),
				employee(3002, {
					hireDate: CONTROL_REHIRED,
					employments: [
						{ start: CONTROL_REHIRED, end: null, weeklyHours: 40, status: 'ACTIVE' },
						{ start: EARLIER.from, end: EARLIER.to, weeklyHours: 40, status: 'INACTIVE' },
					],
				}),
			],
			absences: [3001, 3002].flatMap((id) =>
				SWITCH_SPELLS.map((s) => absence(id, 2345, s.start, s.end)),
			),
		};
		server = await new PersonioServer(tenant).start();
	});
	afterAll(() => server.stop());
	afterEach(() => expect(server.contractViolations.splice(0)).toEqual([]));

	// v2 reads the dated patterns from the employments (an option of Personio's request minimisation: its
	// cheapest source, v1's listing, knows only today's schedule, as v1 does; unknown options are ignored)
	const v2Source = { workPatternSource: 'employments' };
	const run = (apiVersion: 'v1' | 'v2') =>
		runWorkflow(threeNodes(personioBemInputNode(RANGE, apiVersion === 'v2' ? v2Source : {})), {
			credentials: {
				personioApi: personioCredential(server, apiVersion),
			},
		});

	test('v2: the switch recorded as a new employment reaches BEM Threshold as a history', async () => {
		const result = await run('v2');
		expectSwitchCase(results(result), '3001', '3002');
		expect(result.output('Personio', 1)).toEqual([]);
	});

	test('v1: Personio tells only today’s schedule — the fallback is counted and named as a Problems item', async () => {
		const result = await run('v1');
		const byEmployee = results(result);
		const [switcher, control] = switchInputs('3001', '3002');
		// what v1 can tell: today's Mon–Wed schedule, the hire date
		expect(pick(byEmployee.get('3001')!)).toEqual(pick(engine(withoutHistory(switcher))));
		expect(pick(byEmployee.get('3001')!)).toEqual({
			employeeId: '3001',
			...SWITCH_EXPECTED.switcherOnTodaysPattern,
		});
		expect(pick(byEmployee.get('3002')!)).toEqual({
			employeeId: '3002',
			...SWITCH_EXPECTED.control,
		});
		expect(pick(byEmployee.get('3002')!)).toEqual(pick(engine(control)));
		expect(result.output('Personio', 1)).toEqual([
			expect.objectContaining({
				employeeId: '3001',
				field: 'work_schedule.valid_from',
				problem: expect.stringMatching(
					/^Personio names no date from which the work pattern applies on 2026-01-05/,
				),
			}),
		]);
	});
});

describe('SAP SuccessFactors → BEM Threshold: the switch case', () => {
	const keys = makeKeyPair();
	let server: SuccessFactorsServer;
	beforeAll(async () => {
		const time = (userId: string, daysPerWeek: number) =>
			SWITCH_SPELLS.map(
				(s, i): SfTime => ({
					externalCode: `ET-${userId}-${i}`,
					userId,
					timeType: 'SICK_DE',
					start: s.start,
					end: s.end,
					open: false,
					days: workingDaysOf(s, s.start > LAST_FULL_TIME_DAY ? daysPerWeek : 5),
					hours: null,
					approvalStatus: 'APPROVED',
					comment: 'Diagnose: Bandscheibe',
				}),
			);
		const job = (userId: string, start: string, end: string, daysPerWeek: number) => ({
			userId,
			start,
			end,
			daysPerWeek,
			weeklyHours: daysPerWeek * 8,
			scheduleCode: daysPerWeek === 5 ? 'VZ_40' : 'TZ_24',
		});
		const tenant: SfTenant = {
			jobs: [
				job('S1', SWITCHER_HIRED, LAST_FULL_TIME_DAY, 5),
				job('S1', FIRST_PART_TIME_DAY, '9999-12-31', 3),
				job('S2', EARLIER.from, EARLIER.to, 5),
				job('S2', CONTROL_REHIRED, '9999-12-31', 5),
			],
			employments: [
				{ userId: 'S1', start: SWITCHER_HIRED },
				{ userId: 'S2', start: EARLIER.from },
				{ userId: 'S2', start: CONTROL_REHIRED },
			],
			schedules: [
				{ code: 'VZ_40', daysPerWeek: 5, hoursPerDay: 8 },
				{ code: 'TZ_24', daysPerWeek: 3, hoursPerDay: 8 },
			],
			times: [...time('S1', 3), ...time('S2', 5)],
		};
		server = await new SuccessFactorsServer(tenant, keys.certificatePem).start();
	});
	afterAll(() => server.stop());

	test('every EmpJob slice reaches BEM Threshold as the history, the rehire as employedSince', async () => {
		const result = await runWorkflow(
			threeNodes({
				name: 'SAP SuccessFactors',
				type: 'sapSuccessFactors',
				parameters: { output: 'bemInput', from: RANGE.from, to: RANGE.to },
				credentials: { sapSuccessFactorsApi: 'SF' },
			}),
			{
				credentials: {
					sapSuccessFactorsApi: sfCredential(server, keys),
				},
			},
		);
		expectSwitchCase(results(result), 'S1', 'S2');
		expect(result.output('SAP SuccessFactors', 1)).toEqual([]);
	});
});

describe('SAP HCM → BEM Threshold: the switch case, the hire date from the Hire Date Field', () => {
	let server: SapGatewayServer;
	const SWITCHER = '00003001';
	const CONTROL = '00003002';
	beforeAll(async () => {
		const dats = (day: string) => day.replace(/-/g, '');
		const sick = (pernr: string, daysPerWeek: number) =>
			SWITCH_SPELLS.map((s, i): HcmAbsenceRow => {
				const days = workingDaysOf(s, s.start > LAST_FULL_TIME_DAY ? daysPerWeek : 5);
				return {
					Pernr: pernr,
					Awart: '0200',
					Begda: dats(s.start),
					Endda: dats(s.end),
					Seqnr: String(i).padStart(3, '0'),
					Abwtg: days.toFixed(2),
					Stdaz: (days * 8).toFixed(2),
					Kaltg: String(1 + (Date.parse(s.end) - Date.parse(s.start)) / 86_400_000),
				};
			});
		const work = (pernr: string, from: string, to: string, days: number, hired: string) => ({
			Pernr: pernr,
			Begda: dats(from),
			Endda: dats(to),
			Wkwdy: days.toFixed(2),
			Arbst: '8.00',
			Wostd: (days * 8).toFixed(2),
			Eintt: dats(hired),
		});
		server = await new SapGatewayServer({
			absences: [...sick(SWITCHER, 3), ...sick(CONTROL, 5)],
			work: [
				work(SWITCHER, SWITCHER_HIRED, LAST_FULL_TIME_DAY, 5, SWITCHER_HIRED),
				work(SWITCHER, FIRST_PART_TIME_DAY, '9999-12-31', 3, SWITCHER_HIRED),
				work(CONTROL, EARLIER.from, EARLIER.to, 5, EARLIER.from),
				work(CONTROL, CONTROL_REHIRED, '9999-12-31', 5, CONTROL_REHIRED),
			],
		}).start();
	});
	afterAll(() => server.stop());
	beforeEach(() => {
		server.log.length = 0;
	});

	const run = (extra: Record<string, unknown>) =>
		runWorkflow(
			threeNodes({
				name: 'SAP HCM',
				type: 'sapHcm',
				parameters: {
					output: 'bemInput',
					from: RANGE.from,
					to: RANGE.to,
					absenceFields: { dateType: 'dats' },
					...extra,
				},
				credentials: { sapHcmGatewayApi: 'HCM' },
			}),
			{ credentials: { sapHcmGatewayApi: hcmBasicCredential(server) } },
		);

	test('every IT0007 record reaches BEM Threshold as the history; the Hire Date Field gives employedSince', async () => {
		const result = await run({ workTimeFields: { hireDate: 'Eintt' } });
		expectSwitchCase(results(result), SWITCHER, CONTROL);
		expect(result.output('SAP HCM', 1)).toEqual([]);
		const workTime = server.log.filter((r) => r.path.endsWith('/WorkTimeSet'));
		expect(workTime.map((r) => r.query.get('$select'))).toEqual([
			'Pernr,Begda,Endda,Wkwdy,Arbst,Wostd,Eintt',
		]);
	});

	test('without a Hire Date Field (the default) no hire date is asked for: the control’s earlier AU counts', async () => {
		const byEmployee = results(await run({}));
		const [, control] = switchInputs(SWITCHER, CONTROL);
		const { employedSince: _none, ...withoutHireDate } = control;
		expect(pick(byEmployee.get(CONTROL)!)).toEqual(pick(engine(withoutHireDate)));
		expect(pick(byEmployee.get(CONTROL)!)).not.toEqual(pick(engine(control)));
		expect(byEmployee.get(CONTROL)!.status).toBe('due');
		const workTime = server.log.filter((r) => r.path.endsWith('/WorkTimeSet'));
		expect(workTime.map((r) => r.query.get('$select'))).toEqual([
			'Pernr,Begda,Endda,Wkwdy,Arbst,Wostd',
		]);
	});

	test('a Hire Date Field that is no OData property name is refused, naming the field, not the value', async () => {
		const result = await run({ workTimeFields: { hireDate: 'Eintt desc' } });
		expect(result.run.data.resultData.error?.message).toMatch(
			/Working Time Fields: the name given for hireDate is not an OData property name/,
		);
		expect(result.run.data.resultData.error?.message).not.toContain('Eintt desc');
		expect(server.log.filter((r) => r.path.endsWith('/WorkTimeSet'))).toEqual([]);
	});
});
