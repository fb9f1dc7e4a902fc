// SAP HCM (Gateway OData) against the local server: sap-client and auth, $top/$skip and __next paging to
// the end, retries and give-up, field mapping, malformed records, nothing health-related in the output.
import { fetchTransport } from '../../../core';
import {
	DEFAULT_ABSENCE_FIELDS,
	hcmClient,
	KindMapping,
	readHcmBemInputs,
	readIt2001,
	sapDay,
	sapDecimal,
	anyOf,
	quote,
	type HcmConnection,
} from '../../../core/hris/sap';
import { HEALTH_WORDS } from './helpers';
import {
	HCM_CLIENT,
	HCM_PASSWORD,
	HCM_TOKEN,
	HCM_USER,
	hcmTenant,
	SapGatewayServer,
} from './hcmServer';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };
const COUNTED: Record<string, string> = { '0200': 'sick', '0210': 'sick_uncertified' };
let server: SapGatewayServer;

function conn(extra: Partial<HcmConnection> = {}): HcmConnection {
	return {
		serviceUrl: `${server.url}/sap/opu/odata/sap/ZHR_BEM_SRV/`,
		sapClient: HCM_CLIENT,
		auth: { type: 'basic', username: HCM_USER, password: HCM_PASSWORD },
		transport: fetchTransport,
		retry: { baseDelayMs: 5, maxDelayMs: 50, maxTotalMs: 5_000 },
		...extra,
	};
}

const dats = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const expectedIds = () =>
	server.tenant.absences
		.filter(
			(a) =>
				COUNTED[a.Awart] &&
				a.Begda !== '00000000' &&
				a.Endda >= a.Begda &&
				dats(a.Begda) <= RANGE.to &&
				dats(a.Endda) >= RANGE.from,
		)
		.map((a) => `${a.Pernr}/${a.Awart}/${a.Begda}/${a.Endda}/${a.Seqnr}`);

beforeAll(async () => {
	server = await new SapGatewayServer(hcmTenant(90, 4)).start();
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
	server.faults = [];
	server.paging = { mode: 'topSkip', pageSize: 1000 };
	server.ignoreSelect = false;
});

const datsFields = { ...DEFAULT_ABSENCE_FIELDS, dateType: 'dats' as const };

describe('OData values', () => {
	test('dates: /Date(ms)/, /Date(ms+0000)/, DATS, ISO → Berlin days', () => {
		expect(sapDay('/Date(1736726400000)/')).toBe('2025-01-13');
		expect(sapDay('/Date(1736722800000+0060)/')).toBe('2025-01-13'); // Berlin midnight as an instant
		expect(sapDay('/Date(253402214400000)/')).toBe('9999-12-31');
		expect(sapDay('20250113')).toBe('2025-01-13');
		expect(sapDay('00000000')).toBeNull();
		expect(sapDay('20250230')).toBeNull();
		expect(sapDay('2025-01-13T00:00:00')).toBe('2025-01-13');
		expect(sapDecimal('6.00')).toBe(6);
		expect(sapDecimal(3.0)).toBe(3);
		expect(sapDecimal('12.50-')).toBe(-12.5);
		expect(sapDecimal('')).toBeNull();
	});

	test('filter literals escape quotes', () => {
		expect(quote("O'Brien")).toBe("'O''Brien'");
		expect(anyOf('Awart', ['0200', "x' or '1'='1"], 'or')).toBe(
			"(Awart eq '0200' or Awart eq 'x'' or ''1''=''1')",
		);
	});
});

describe('connection', () => {
	test('Basic and bearer both work; sap-client goes on every request, next links included', async () => {
		server.paging = { mode: 'next', pageSize: 40 };
		for (const auth of [
			{ type: 'basic', username: HCM_USER, password: HCM_PASSWORD } as const,
			{ type: 'bearer', token: HCM_TOKEN } as const,
		]) {
			const { absences } = await readIt2001(hcmClient(conn({ auth })), {
				range: RANGE,
				absenceFields: datsFields,
			});
			expect(absences.length).toBeGreaterThan(50);
		}
		expect(server.log.every((r) => r.query.get('sap-client') === HCM_CLIENT)).toBe(true);
	});

	test('a wrong client or password fails at once with a clear error', async () => {
		await expect(
			readIt2001(hcmClient(conn({ sapClient: '200' })), {
				range: RANGE,
				absenceFields: datsFields,
			}),
		).rejects.toThrow(
			/SAP HCM GET .*AbsenceSet.* failed \(HTTP 401\) after 1 attempt.*Logon failed: client 200/,
		);
		await expect(
			readIt2001(
				hcmClient(conn({ auth: { type: 'basic', username: HCM_USER, password: 'wrong' } })),
				{ range: RANGE, absenceFields: datsFields },
			),
		).rejects.toThrow(/HTTP 401\) after 1 attempt/);
	});

	test('a date literal of the wrong type is Gateway’s 400, reported with SAP’s message', async () => {
		await expect(readIt2001(hcmClient(conn()), { range: RANGE })).rejects.toThrow(
			/HTTP 400.*Invalid parametertypes/,
		);
	});
});

describe('paging', () => {
	test('$top/$skip to the end when the service sends no __next: each page once', async () => {
		const { absences } = await readIt2001(hcmClient(conn()), {
			range: RANGE,
			absenceFields: datsFields,
			pageSize: 25,
		});
		const pages = server.requestsTo('AbsenceSet');
		expect(pages.length).toBeGreaterThan(3);
		expect(pages.map((p) => Number(p.query.get('$skip')))).toEqual(pages.map((_, i) => i * 25));
		expect(absences.map((a) => a.id).sort()).toEqual(expectedIds().sort());
	});

	test('__next when the service pages by itself: followed, never mixed with $skip', async () => {
		server.paging = { mode: 'next', pageSize: 30 };
		const { absences } = await readIt2001(hcmClient(conn()), {
			range: RANGE,
			absenceFields: datsFields,
		});
		const pages = server.requestsTo('AbsenceSet');
		expect(pages.length).toBeGreaterThan(3);
		const tokens = pages.map((p) => p.query.get('$skiptoken'));
		expect(new Set(tokens).size).toBe(pages.length);
		expect(pages.every((p) => (p.query.get('$skip') ?? '0') === '0')).toBe(true);
		expect(absences.map((a) => a.id).sort()).toEqual(expectedIds().sort());
	});

	test('without server filtering everything is read and selected locally', async () => {
		const { absences } = await readIt2001(hcmClient(conn()), {
			range: RANGE,
			absenceFields: datsFields,
			serverFilter: false,
			pageSize: 100,
		});
		expect(server.requestsTo('AbsenceSet')[0].query.get('$filter')).toBeNull();
		expect(absences.map((a) => a.id).sort()).toEqual(expectedIds().sort());
	});
});

describe('429 and 5xx', () => {
	test('retries 503 and 429 (Retry-After) and completes', async () => {
		const waits: number[] = [];
		server.faults.push(
			{ path: '/AbsenceSet', status: 503, count: 2 },
			{ path: '/WorkTimeSet', status: 429, count: 1, headers: { 'Retry-After': '1' } },
		);
		const client = hcmClient(
			conn({
				retry: { baseDelayMs: 10, random: () => 0, sleep: async (ms) => void waits.push(ms) },
			}),
		);
		const { inputs } = await readHcmBemInputs(client, { range: RANGE, absenceFields: datsFields });
		expect(inputs.length).toBeGreaterThan(50);
		expect(waits).toEqual([5, 10, 1000]);
	});

	test('gives up after the bounded time with the call named', async () => {
		server.faults.push({ path: '/AbsenceSet', status: 500, count: 1000 });
		const client = hcmClient(
			conn({ retry: { baseDelayMs: 10, maxDelayMs: 40, maxTotalMs: 1000, maxAttempts: 1000 } }),
		);
		await expect(readIt2001(client, { range: RANGE, absenceFields: datsFields })).rejects.toThrow(
			/SAP HCM GET \/sap\/opu\/odata\/sap\/ZHR_BEM_SRV\/AbsenceSet \(page 1\) failed \(HTTP 500\) after \d+ attempts.*server error.*time limit of 1 s/,
		);
	});
});

describe('records', () => {
	test('malformed records (no date, end before start, unknown PERNR) are reported with their key', async () => {
		const { inputs, problems } = await readHcmBemInputs(hcmClient(conn()), {
			range: RANGE,
			absenceFields: datsFields,
			serverFilter: false,
		});
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					recordId: '00001201/0200/00000000/20260203/900',
					field: 'Begda',
					source: 'SAP HCM IT2001',
				}),
				expect.objectContaining({
					recordId: '00001201/0200/20260310/20260302/901',
					field: 'Endda',
				}),
				expect.objectContaining({
					recordId: '00099999/0200/20260504/20260505/000',
					employeeId: '00099999',
					field: 'employee',
				}),
			]),
		);
		expect(inputs.length).toBeGreaterThan(50);
	});

	test('work pattern from IT0007; half days from ABWTG 0.50; a renamed field is honoured', async () => {
		const kinds = new KindMapping([{ code: '02*', kind: 'sick' }]);
		const { inputs } = await readHcmBemInputs(hcmClient(conn()), {
			range: RANGE,
			absenceFields: datsFields,
			kinds,
			employeeIds: ['00001200', '00001201', '00001202'],
		});
		const byId = Object.fromEntries(inputs.map((i) => [i.employeeId, i]));
		expect(byId['00001200'].workdays).toEqual([1, 2, 3, 4, 5]);
		expect(byId['00001201'].workdays).toEqual([1, 2, 3]);
		expect(byId['00001202'].hoursPerWorkday).toEqual({ 1: 8, 2: 8, 3: 8, 4: 8 });
		const halves = server.tenant.absences.filter(
			(a) =>
				a.Abwtg === '0.50' &&
				['00001200', '00001201', '00001202'].includes(a.Pernr ?? '') &&
				a.Awart.startsWith('02'),
		);
		const flagged = inputs.flatMap((i) => i.absences.filter((a) => a.startHalf).map((a) => a.id));
		expect(flagged.length).toBe(
			halves.filter((a) => dats(a.Begda) >= RANGE.from && dats(a.Begda) <= RANGE.to).length,
		);
		expect(server.requestsTo('WorkTimeSet')[0].query.get('$filter')).toMatch(
			/Begda le datetime'2026-11-22T00:00:00'/,
		);
	});

	test('only the mapped fields are read and only engine fields leave — even when the service ignores $select', async () => {
		server.ignoreSelect = true;
		const result = await readHcmBemInputs(hcmClient(conn()), {
			range: RANGE,
			absenceFields: datsFields,
		});
		const text = JSON.stringify(result);
		for (const word of HEALTH_WORDS) expect(text).not.toContain(word);
		expect(server.requestsTo('AbsenceSet')[0].query.get('$select')).toBe(
			'Pernr,Awart,Begda,Endda,Abwtg,Stdaz,Kaltg,Seqnr',
		);
	});
});
