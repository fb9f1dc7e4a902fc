// SAP SuccessFactors against the local server: SAML-bearer token, __next paging to the end, retries,
// bounded give-up, 401 renewal, malformed records, nothing health-related in the output.
import { HrisHttpError, TokenCache } from '../../../core';
import {
	KindMapping,
	mintSfToken,
	parseEmployeeTime,
	readEmployeeTimes,
	readSfBemInputs,
	sfClient,
	SF_DEFAULT_KIND_RULES,
} from '../../../core/hris/sap';
import { HEALTH_WORDS, sfConnection } from './helpers';
import { makeKeyPair, type TestKeyPair } from './keys';
import { sfTenant, withMalformed, SF_CODE_KINDS } from './sfData';
import { SF_COMPANY, SF_USER, SuccessFactorsServer } from './sfServer';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };
let keys: TestKeyPair;
let server: SuccessFactorsServer;

beforeAll(async () => {
	keys = makeKeyPair();
	server = await new SuccessFactorsServer(
		withMalformed(sfTenant(150, 4)),
		keys.certificatePem,
	).start();
	server.paging = { mode: 'next', pageSize: 50 };
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
	server.faults = [];
	server.ignoreSelect = false;
});

const countedIds = () =>
	server.tenant.times
		.filter(
			(t) =>
				t.approvalStatus === 'APPROVED' &&
				SF_CODE_KINDS[t.timeType] &&
				t.start !== null &&
				t.end !== null &&
				t.start <= RANGE.to &&
				t.end >= RANGE.from,
		)
		.map((t) => t.externalCode);

describe('OAuth 2.0 SAML bearer', () => {
	test('a signed assertion gets a token; the token is cached across reads', async () => {
		const cache = new TokenCache();
		const client = sfClient(sfConnection(server, keys, { tokenCache: cache }));
		await client.get('EmployeeTime?$top=1');
		await client.get('EmpJob?$top=1');
		expect(server.log.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
		expect(server.assertionsSeen.at(-1)).toMatch(/<saml2:NameID[^>]*>bem_api</);
	});

	test('a key that does not belong to the registered certificate is refused, with a clear error and no key in it', async () => {
		const other = makeKeyPair('someone else');
		const error = await mintSfToken(sfConnection(server, other)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HrisHttpError);
		expect((error as Error).message).toMatch(
			/SAP SuccessFactors POST \/oauth\/token failed \(HTTP 401\).*signature invalid/,
		);
		expect((error as Error).message).not.toMatch(/PRIVATE KEY|MII/);
	});

	test('an unreadable private key is named as such, without echoing it', async () => {
		const conn = sfConnection(server, {
			privateKeyPem: 'not-a-key-but-a-secret',
			certificatePem: '',
		});
		await expect(mintSfToken(conn)).rejects.toThrow(/private key could not be read/);
		await expect(mintSfToken(conn)).rejects.not.toThrow(/not-a-key-but-a-secret/);
	});

	test('legacy Basic auth sends user@company', async () => {
		server.basicEnabled = true;
		const client = sfClient({
			...sfConnection(server, keys),
			auth: { type: 'basicLegacy', username: SF_USER, password: server.basicPassword },
		});
		const { absences } = await readEmployeeTimes(client, { range: RANGE, employeeIds: ['100101'] });
		expect(absences.length).toBeGreaterThan(0);
		expect(server.log.some((r) => r.path === '/oauth/token')).toBe(false);
		server.basicEnabled = false;
		expect(SF_COMPANY).toBe('ACMEDE');
	});

	test('401 on an expired token renews it once and carries on', async () => {
		const client = sfClient(sfConnection(server, keys));
		await client.get('EmployeeTime?$top=1');
		server.expireTokens();
		await client.get('EmployeeTime?$top=1');
		expect(server.log.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
		expect(server.log.filter((r) => r.status === 401)).toHaveLength(1);
	});

	test('a second 401 right after renewing fails clearly', async () => {
		const client = sfClient(sfConnection(server, keys));
		server.faults.push({
			path: '/EmployeeTime',
			status: 401,
			count: 2,
			body: {
				error: { code: 'LGN0007', message: { lang: 'en-US', value: '[LGN0007]TOKEN_INVALID' } },
			},
		});
		await expect(client.get('EmployeeTime')).rejects.toThrow(
			/SAP SuccessFactors GET \/odata\/v2\/EmployeeTime failed \(HTTP 401\).*TOKEN_INVALID.*also after renewing the access token once/,
		);
	});
});

describe('paging', () => {
	test('follows __next to the end: every page requested exactly once, nothing skipped', async () => {
		const client = sfClient(sfConnection(server, keys));
		const { absences } = await readEmployeeTimes(client, {
			range: RANGE,
			kinds: new KindMapping(Object.entries(SF_CODE_KINDS).map(([code, kind]) => ({ code, kind }))),
		});
		const pages = server.requestsTo('EmployeeTime');
		expect(pages.length).toBeGreaterThan(3);
		const tokens = pages.map((p) => p.query.get('$skiptoken'));
		expect(tokens[0]).toBeNull();
		expect(new Set(tokens).size).toBe(pages.length);
		const expected = countedIds().filter((id) => id !== 'bad-end-before-start');
		expect(absences.map((a) => a.id).sort()).toEqual(expected.sort());
		// exact codes go to the server: it filters by type and status
		expect(pages[0].query.get('$filter')).toMatch(/timeType in 'SICK_DE','HOSP_DE','REHA_DE'/);
		expect(pages[0].query.get('$filter')).toMatch(/approvalStatus eq 'APPROVED'/);
	});

	test('default (wildcard) mapping: child sick days and vacation stay out, hospital and rehab get their kinds', async () => {
		const client = sfClient(sfConnection(server, keys));
		const { absences } = await readEmployeeTimes(client, { range: RANGE });
		expect(new Set(absences.map((a) => a.typeCode))).toEqual(
			new Set(['SICK_DE', 'HOSP_DE', 'REHA_DE']),
		);
		expect(new Set(absences.map((a) => `${a.typeCode}:${a.kind}`))).toEqual(
			new Set(['SICK_DE:sick', 'HOSP_DE:hospital', 'REHA_DE:rehab']),
		);
		expect(new KindMapping(SF_DEFAULT_KIND_RULES).kindOf('SICK_CHILD_DE')).toBeNull();
	});
});

describe('429 and 5xx', () => {
	test('honours Retry-After on 429 and gets everything', async () => {
		const waits: number[] = [];
		const client = sfClient(
			sfConnection(server, keys, { retry: { sleep: async (ms) => void waits.push(ms) } }),
		);
		server.faults.push({
			path: '/EmployeeTime',
			status: 429,
			count: 2,
			headers: { 'Retry-After': '2' },
		});
		const { absences } = await readEmployeeTimes(client, { range: RANGE });
		expect(waits).toEqual([2000, 2000]);
		expect(absences.length).toBeGreaterThan(100);
	});

	test('retries 502/503 with growing jittered backoff', async () => {
		const waits: number[] = [];
		const client = sfClient(
			sfConnection(server, keys, {
				retry: {
					baseDelayMs: 100,
					maxDelayMs: 10_000,
					random: () => 0.5,
					sleep: async (ms) => void waits.push(ms),
				},
			}),
		);
		server.faults.push({ path: '/EmpJob', status: 503, count: 3 });
		const result = await readSfBemInputs(client, { range: RANGE, employeeIds: ['100101'] });
		expect(result.inputs).toHaveLength(1);
		expect(waits).toEqual([75, 150, 300]);
	});

	test('gives up within the time limit when SuccessFactors asks for 300 s, naming the call', async () => {
		const client = sfClient(sfConnection(server, keys, { retry: { maxTotalMs: 60_000 } }));
		server.faults.push({
			path: '/EmployeeTime',
			status: 429,
			count: 1,
			headers: { 'Retry-After': '300' },
		});
		const started = Date.now();
		await expect(readEmployeeTimes(client, { range: RANGE })).rejects.toThrow(
			/SAP SuccessFactors GET \/odata\/v2\/EmployeeTime \(page 1\) failed \(HTTP 429\).*time limit of 60 s.*asked to wait 300.0 s/,
		);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	test('a 400 from OData is not retried and says what SuccessFactors said', async () => {
		const client = sfClient(sfConnection(server, keys));
		await expect(client.get('EmployeeTime?$select=diagnosis')).rejects.toThrow(
			/HTTP 400.*Invalid property names: EmployeeTime\/diagnosis/,
		);
		expect(server.requestsTo('EmployeeTime')).toHaveLength(0);
	});
});

describe('records', () => {
	test('malformed records are reported with their id; the run goes on', async () => {
		const client = sfClient(sfConnection(server, keys));
		const { inputs, problems } = await readSfBemInputs(client, { range: RANGE });
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					recordId: 'bad-end-before-start',
					employeeId: '100101',
					field: 'endDate',
					source: 'SuccessFactors EmployeeTime',
				}),
				expect.objectContaining({
					recordId: 'bad-unknown-user',
					employeeId: '999999',
					field: 'employee',
				}),
			]),
		);
		expect(inputs.length).toBeGreaterThan(100);
		expect(inputs.flatMap((i) => i.absences.map((a) => a.id))).not.toContain(
			'bad-end-before-start',
		);
	});

	test('a record without a start date is a problem, not a crash', () => {
		const statuses = new Set(['APPROVED']);
		const parsed = parseEmployeeTime(
			{
				externalCode: 'x1',
				userId: '7',
				timeType: 'SICK_DE',
				startDate: null,
				endDate: '/Date(1737676800000)/',
				approvalStatus: 'APPROVED',
			},
			new KindMapping(SF_DEFAULT_KIND_RULES),
			statuses,
		);
		expect(parsed).toEqual({
			problem: expect.objectContaining({ recordId: 'x1', field: 'startDate' }),
		});
	});

	test('work pattern: EmpJob slice valid at the end of the range; WorkSchedule when the job has no days per week', async () => {
		const client = sfClient(sfConnection(server, keys));
		const { inputs, problems } = await readSfBemInputs(client, {
			range: RANGE,
			employeeIds: ['100100', '100101', '100102'],
		});
		const byId = Object.fromEntries(inputs.map((i) => [i.employeeId, i]));
		// 100100 changed from 3 days to 4 days (32 h) on 2026-04-01
		expect(byId['100100'].workdays).toEqual([1, 2, 3, 4]);
		expect(byId['100101'].workdays).toEqual([1, 2, 3, 4, 5]);
		expect(byId['100101'].hoursPerWorkday).toEqual({ 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 });
		expect(byId['100102'].workdays).toEqual([1, 2, 3, 4]);
		expect(byId['100102'].hoursPerWorkday?.['1']).toBe(9.5);
		expect(problems.filter((p) => p.field === 'workingDaysPerWeek')).toEqual([]);
		const job = server.requestsTo('EmpJob')[0].query;
		expect([job.get('fromDate'), job.get('toDate')]).toEqual([RANGE.from, RANGE.to]);
	});

	test('EmpJob is asked only for the employees with AU, never for the whole company', async () => {
		const client = sfClient(sfConnection(server, keys));
		server.log.length = 0;
		// one employee with jobs but no AU in the range
		const jobless = server.tenant.jobs.find(
			(j) => !server.tenant.times.some((t) => t.userId === j.userId),
		);
		const { inputs } = await readSfBemInputs(client, { range: RANGE });
		const asked = server
			.requestsTo('EmpJob')
			.filter((r) => !r.query.has('$skiptoken')) // a next page repeats its first page's filter
			.flatMap((r) => [...(r.query.get('$filter') ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]));
		expect(
			server
				.requestsTo('EmpJob')
				.every((r) => /userId (in|eq) /.test(r.query.get('$filter') ?? '')),
		).toBe(true);
		// each asked once, each with an AU record in the range, and every input among them
		expect(asked).toHaveLength(new Set(asked).size);
		const withAu = new Set(
			server.tenant.times
				.filter((t) => Object.keys(SF_CODE_KINDS).includes(t.timeType))
				.map((t) => t.userId),
		);
		expect(asked.filter((id) => !withAu.has(id))).toEqual([]);
		expect(inputs.map((i) => i.employeeId).filter((id) => !asked.includes(id))).toEqual([]);
		expect(asked.length).toBeLessThan(new Set(server.tenant.jobs.map((j) => j.userId)).size);
		if (jobless) expect(asked).not.toContain(jobless.userId);
	});

	test('only what the engine needs and ids leave — even when the server ignores $select', async () => {
		const client = sfClient(sfConnection(server, keys));
		server.ignoreSelect = true;
		const result = await readSfBemInputs(client, { range: RANGE });
		const text = JSON.stringify(result);
		for (const word of HEALTH_WORDS) expect(text).not.toContain(word);
		expect(server.requestsTo('EmployeeTime')[0].query.get('$select')).not.toMatch(
			/comment|countryExtension/,
		);
		const keysUsed = new Set(
			result.inputs.flatMap((i) => i.absences.flatMap((a) => Object.keys(a))),
		);
		expect([...keysUsed].sort()).toEqual([
			'end',
			'endHalf',
			'hours',
			'id',
			'kind',
			'start',
			'startHalf',
		]);
	});
});

describe('credential test (the node’s sapSuccessFactorsApiTest)', () => {
	const run = async (data: Record<string, unknown>) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SapSuccessFactors } =
			require('../../../nodes/SapSuccessFactors/SapSuccessFactors.node') as typeof import('../../../nodes/SapSuccessFactors/SapSuccessFactors.node');
		const test = new SapSuccessFactors().getNodeType(2).methods!.credentialTest!
			.sapSuccessFactorsApiTest;
		return test.call(
			{} as never,
			{ id: '1', name: 'sf', type: 'sapSuccessFactorsApi', data } as never,
		);
	};
	const good = () => ({
		apiServer: server.url,
		companyId: SF_COMPANY,
		authentication: 'samlBearer',
		clientId: 'OGQ1ZjY4YTk5ZTQxN2E0NmE1NDY0YTA1ZTA5Yg',
		userId: SF_USER,
		privateKey: keys.privateKeyPem,
		certificate: '',
	});

	test('OK with the registered key; a clear error for a wrong company, without secrets', async () => {
		expect(await run(good())).toEqual({ status: 'OK', message: 'Connection successful' });
		const wrong = await run({ ...good(), companyId: 'NOPE' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/COMPANY_NOT_FOUND/);
		expect(wrong.message).not.toMatch(/PRIVATE KEY/);
	});
});
