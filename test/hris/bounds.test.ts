// Issue 13 item 13, the HRIS part: a paged read has a page and an item cap per call (a runaway or
// hostile API cannot make one call read without end), and absence dates before 1990 or more than two
// years ahead are Problems items, never records.
import { TokenCache, type HttpTransport } from '../../core';
import { PersonioClient, readBemInputs, readEmployees } from '../../core/hris/personio';
import {
	DEFAULT_ABSENCE_FIELDS,
	HCM_DEFAULT_KIND_RULES,
	hcmClient,
	KindMapping,
	parseEmployeeTime,
	parseIt2001,
	SF_DEFAULT_KIND_RULES,
} from '../../core/hris/sap';
import { hrisFailure } from './failure';
import { absence, smallTenant } from './personio/data';
import { clientFor } from './personio/helpers';
import { PersonioServer } from './personio/server';

const token = { status: 200, headers: {}, body: { access_token: 'papi-x', expires_in: 3600 } };

describe('paging caps per call', () => {
	test('Personio v2: an API handing out new cursors for ever stops at the page cap, naming the endpoint', async () => {
		let page = 0;
		const endless: HttpTransport = async (r) =>
			r.url.includes('/auth/')
				? token
				: {
						status: 200,
						headers: {},
						body: {
							_data: [{ id: String(++page) }],
							_meta: { links: { next: { href: `/v2/persons?cursor=c${page}` } } },
						},
					};
		const client = new PersonioClient({
			baseUrl: 'https://api.personio.example',
			clientId: 'papi-id',
			clientSecret: 's',
			transport: endless,
			paging: { maxPages: 3 },
			tokenCache: new TokenCache(),
		});
		const error = await hrisFailure(readEmployees(client));
		expect(error.message).toBe(
			'Personio GET /v2/persons: stopped at the cap of 3 pages per call — narrow the read (fewer employees, a shorter range) or raise the cap',
		);
		expect(page).toBe(3);
	});

	test('SAP HCM: full pages past the item cap stop the read, naming the entity set and the cap', async () => {
		let pages = 0;
		const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ Pernr: String(i) }));
		const transport: HttpTransport = async () => ({
			status: 200,
			headers: {},
			body: {
				d: {
					results: rows(100),
					__next: `https://erp.example.local/sap/opu/odata/sap/ZHR_BEM_SRV/AbsenceSet?$skiptoken=${++pages}`,
				},
			},
		});
		const client = hcmClient({
			serviceUrl: 'https://erp.example.local/sap/opu/odata/sap/ZHR_BEM_SRV',
			auth: { type: 'basic', username: 'u', password: 'p' },
			transport,
			paging: { maxItems: 250 },
		});
		const read = async () => {
			for await (const page of client.pages('AbsenceSet')) void page;
		};
		const error = await hrisFailure(read());
		expect(error.message).toContain(
			'SAP HCM GET /AbsenceSet: stopped at the cap of 250 items per call',
		);
		expect(pages).toBe(3);
	});
});

describe('implausible absence dates are problems, not records', () => {
	const RANGE = { from: '2025-11-23', to: '2026-11-22' };
	let server: PersonioServer;
	beforeAll(async () => {
		const tenant = smallTenant();
		tenant.absences.push(
			absence(1002, 2345, '1899-12-30', '2026-01-09'),
			absence(1002, 2345, '2026-10-01', '2099-12-31'),
		);
		server = await new PersonioServer(tenant).start();
	});
	afterAll(() => server.stop());

	// v1 time-offs only returns records lying wholly inside the (widened) query, so these never reach v1
	test('Personio v2', async () => {
		const { inputs, problems } = await readBemInputs(clientFor(server, 'v2'), { range: RANGE });
		const wrong = problems.filter((p) => /not a plausible absence date/.test(p.problem));
		expect(wrong.map((p) => [p.employeeId, p.field, p.problem])).toEqual([
			[
				'1002',
				'starts_from',
				'the start (1899-12-30) is before 1990 — not a plausible absence date',
			],
			[
				'1002',
				'ends_at',
				'the end (2099-12-31) is more than 2 years ahead — not a plausible absence date',
			],
		]);
		expect(inputs.find((i) => i.employeeId === '1002')!.absences.map((a) => a.start)).toEqual([
			'2026-04-07',
			'2026-06-01',
		]);
	});

	const odataDate = (day: string) => `/Date(${Date.parse(`${day}T00:00:00Z`)})/`;

	test('SuccessFactors EmployeeTime', () => {
		const kinds = new KindMapping(SF_DEFAULT_KIND_RULES);
		const raw = (start: string, end: string) => ({
			externalCode: 'ET1',
			userId: 'u1',
			timeType: 'SICK',
			startDate: odataDate(start),
			endDate: odataDate(end),
			approvalStatus: 'APPROVED',
		});
		expect(
			parseEmployeeTime(raw('1985-03-01', '2026-01-02'), kinds, new Set(['APPROVED'])),
		).toEqual({
			problem: expect.objectContaining({
				field: 'startDate',
				problem: 'the start (1985-03-01) is before 1990 — not a plausible absence date',
			}),
		});
		expect(
			parseEmployeeTime(raw('2026-03-01', '2090-01-02'), kinds, new Set(['APPROVED'])),
		).toEqual({
			problem: expect.objectContaining({ field: 'endDate' }),
		});
		expect(
			parseEmployeeTime(raw('2026-03-01', '2026-03-02'), kinds, new Set(['APPROVED'])),
		).toHaveProperty('ok');
	});

	test('SAP HCM IT2001', () => {
		const kinds = new KindMapping(HCM_DEFAULT_KIND_RULES);
		const raw = (start: string, end: string) => ({
			Pernr: '00001234',
			Awart: '0200',
			Begda: odataDate(start),
			Endda: odataDate(end),
		});
		expect(parseIt2001(raw('2026-05-04', '9999-12-31'), DEFAULT_ABSENCE_FIELDS, kinds)).toEqual({
			problem: expect.objectContaining({
				field: 'Endda',
				problem: 'the end (9999-12-31) is more than 2 years ahead — not a plausible absence date',
			}),
		});
		expect(parseIt2001(raw('1900-01-01', '2026-01-02'), DEFAULT_ABSENCE_FIELDS, kinds)).toEqual({
			problem: expect.objectContaining({ field: 'Begda' }),
		});
	});
});
