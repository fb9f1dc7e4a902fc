// Issue 12, from the HRIS: the work-pattern history and the hire date in the BEM input (threshold
// contract v2 `workPatterns`, `employedSince`), against the local SuccessFactors and SAP Gateway servers.
// The case: full time until May, three days a week from 1 June 2026, sick on Tuesdays and Thursdays in spring.
import { fetchTransport } from '../../../core';
import {
	DEFAULT_ABSENCE_FIELDS,
	DEFAULT_WORK_TIME_FIELDS,
	hcmClient,
	KindMapping,
	readHcmBemInputs,
	readSfBemInputs,
	sfClient,
} from '../../../core/hris/sap';
import { HCM_CLIENT, HCM_PASSWORD, HCM_USER, SapGatewayServer, type HcmWorkRow } from './hcmServer';
import { sfConnection } from './helpers';
import { makeKeyPair } from './keys';
import type { SfTenant, SfTime } from './sfData';
import { SuccessFactorsServer } from './sfServer';
import { SPRING_TUE_THU as SPRING, SWITCH_RANGE as RANGE } from '../switchCase';

const FULL = { workdays: [1, 2, 3, 4, 5], hoursPerWorkday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 } };
const PART = { workdays: [1, 2, 3], hoursPerWorkday: { 1: 8, 2: 8, 3: 8 } };

describe('SuccessFactors: every EmpJob slice over the window, the hire date from EmpEmployment', () => {
	const keys = makeKeyPair();
	let server: SuccessFactorsServer;
	beforeAll(async () => {
		const time = (userId: string, day: string, i: number): SfTime =>
			({
				externalCode: `ET-${userId}-${i}`,
				userId,
				timeType: 'SICK_DE',
				start: day,
				end: day,
				open: false,
				days: 1,
				hours: 8,
				approvalStatus: 'APPROVED',
				comment: 'Diagnose: Bandscheibe',
			}) as SfTime;
		const tenant: SfTenant = {
			jobs: [
				// before the window: part of the history only as the pattern in force at its start
				{
					userId: 'S1',
					start: '2019-04-01',
					end: '2025-06-30',
					daysPerWeek: 5,
					weeklyHours: 40,
					scheduleCode: 'VZ_40',
				},
				{
					userId: 'S1',
					start: '2025-07-01',
					end: '2026-05-31',
					daysPerWeek: 5,
					weeklyHours: 40,
					scheduleCode: 'VZ_40',
				},
				// days from the WorkSchedule (workscheduleCode → WorkSchedule), the job states none
				{
					userId: 'S1',
					start: '2026-06-01',
					end: '9999-12-31',
					daysPerWeek: null,
					weeklyHours: null,
					scheduleCode: 'TZ_24_MO_MI',
				},
				{
					userId: 'S2',
					start: '2026-02-01',
					end: '9999-12-31',
					daysPerWeek: 5,
					weeklyHours: 40,
					scheduleCode: 'VZ_40',
				},
			],
			employments: [
				{ userId: 'S1', start: '2012-01-01' },
				// rehired: the employment current at the window's end decides
				{ userId: 'S1', start: '2019-04-01' },
				{ userId: 'S2', start: '2026-02-01' },
			],
			schedules: [
				{ code: 'VZ_40', daysPerWeek: 5, hoursPerDay: 8 },
				{ code: 'TZ_24_MO_MI', daysPerWeek: 3, hoursPerDay: 8 },
			],
			times: [...SPRING.map((d, i) => time('S1', d, i)), time('S2', '2026-03-03', 99)],
		};
		server = await new SuccessFactorsServer(tenant, keys.certificatePem).start();
	});
	afterAll(() => server.stop());

	test('a part-time switch mid-window: two entries, each from its slice’s start; hire dates', async () => {
		const { inputs, problems } = await readSfBemInputs(sfClient(sfConnection(server, keys)), {
			range: RANGE,
			kinds: new KindMapping([{ code: 'SICK_DE', kind: 'sick' }]),
		});
		expect(problems).toEqual([]);
		const s1 = inputs.find((i) => i.employeeId === 'S1')!;
		expect(s1.workPatterns).toEqual([
			{ from: '2025-07-01', ...FULL },
			{ from: '2026-06-01', ...PART },
		]);
		expect(s1.employedSince).toBe('2019-04-01');
		expect(s1.absences.map((a) => a.start)).toEqual(SPRING);
		// today's pattern stays in workdays for engines that read no history
		expect(s1.workdays).toEqual(PART.workdays);
		const s2 = inputs.find((i) => i.employeeId === 'S2')!;
		expect(s2.workPatterns).toBeUndefined(); // one pattern over the window: workdays say it all
		expect(s2.employedSince).toBe('2026-02-01');
		// the requests held to SAP's metadata (the server validates every $filter/$select) and asked the window
		const jobs = server.log.filter((r) => r.path.endsWith('/EmpJob'));
		expect(jobs.map((r) => [r.status, r.query.get('fromDate'), r.query.get('toDate')])).toEqual([
			[200, RANGE.from, RANGE.to],
		]);
		const employment = server.log.filter((r) => r.path.endsWith('/EmpEmployment'));
		expect(employment.map((r) => [r.status, r.query.get('$filter')])).toEqual([
			[200, "userId in 'S1','S2'"],
		]);
	});

	test('an API user without EmpEmployment permission keeps its patterns; the missing hire date is a problem', async () => {
		server.faults = [{ path: '/EmpEmployment', status: 403, count: 1 }];
		const { inputs, problems } = await readSfBemInputs(sfClient(sfConnection(server, keys)), {
			range: RANGE,
			kinds: new KindMapping([{ code: 'SICK_DE', kind: 'sick' }]),
		});
		expect(problems.map((p) => [p.source, p.problem])).toEqual([
			[
				'SuccessFactors EmpEmployment',
				'EmpEmployment is not readable (HTTP 403): no hire date, so AU of an earlier employment is not told apart',
			],
		]);
		const s1 = inputs.find((i) => i.employeeId === 'S1')!;
		expect(s1.workPatterns).toHaveLength(2);
		expect(s1.employedSince).toBeUndefined();
	});
});

describe('SAP HCM: IT0007 records over the window (BEGDA/ENDDA), the hire date from the configured field', () => {
	let server: SapGatewayServer;
	const work = (
		Pernr: string,
		Begda: string,
		Endda: string,
		days: string,
		extra: Partial<HcmWorkRow> = {},
	): HcmWorkRow => ({
		Pernr,
		Begda,
		Endda,
		Wkwdy: days,
		Arbst: '8.00',
		Wostd: String(Number(days) * 8),
		...extra,
	});
	beforeAll(async () => {
		const sick = (day: string, seq: number) => ({
			Pernr: '00001001',
			Awart: '0200',
			Begda: day.replace(/-/g, ''),
			Endda: day.replace(/-/g, ''),
			Seqnr: String(seq).padStart(3, '0'),
			Abwtg: '1.00',
			Stdaz: '8.00',
			Kaltg: '1.00',
		});
		server = await new SapGatewayServer({
			absences: SPRING.map(sick),
			work: [
				work('00001001', '20180101', '20260531', '5.00', { Eintt: '20180101' }),
				work('00001001', '20260601', '99991231', '3.00', { Eintt: '20180101' }),
			],
		}).start();
	});
	afterAll(() => server.stop());

	const DATS = { ...DEFAULT_ABSENCE_FIELDS, dateType: 'dats' as const };
	const conn = () => ({
		serviceUrl: `${server.url}/sap/opu/odata/sap/ZHR_BEM_SRV`,
		sapClient: HCM_CLIENT,
		auth: { type: 'basic' as const, username: HCM_USER, password: HCM_PASSWORD },
		transport: fetchTransport,
	});

	test('a part-time switch mid-window: one entry per record, the hire date from Eintt', async () => {
		const { inputs, problems } = await readHcmBemInputs(hcmClient(conn()), {
			range: RANGE,
			absenceFields: DATS,
			workTimeFields: { ...DEFAULT_WORK_TIME_FIELDS, hireDate: 'Eintt' },
		});
		expect(problems).toEqual([]);
		expect(inputs).toHaveLength(1);
		expect(inputs[0].workPatterns).toEqual([
			{ from: '2018-01-01', ...FULL },
			{ from: '2026-06-01', ...PART },
		]);
		expect(inputs[0].employedSince).toBe('2018-01-01');
		const requests = server.log.filter((r) => r.path.endsWith('/WorkTimeSet'));
		expect(requests.every((r) => r.status === 200)).toBe(true);
		expect(requests[0].query.get('$select')).toBe('Pernr,Begda,Endda,Wkwdy,Arbst,Wostd,Eintt');
	});

	test('without a configured hire-date field: no employedSince, nothing extra requested', async () => {
		const { inputs, problems } = await readHcmBemInputs(hcmClient(conn()), {
			range: RANGE,
			absenceFields: DATS,
		});
		expect(problems).toEqual([]);
		expect(inputs[0].employedSince).toBeUndefined();
		expect(inputs[0].workPatterns).toHaveLength(2);
	});
});
