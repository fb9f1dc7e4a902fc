// Paging to the end, retry/backoff, bounded give-up and token renewal against the local Personio server.
import { HrisHttpError, requestWithRetry, type HttpResponse } from '../../../core';
import { readAbsences, readEmployees } from '../../../core/hris/personio';
import { clientFor, useBigServer } from './helpers';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };
// 260 employees × 4 spells: v1 employees 3 pages of 100, time-offs 4+ pages of 200, v2 persons 6 pages of 50
const local = useBigServer();

function pagesOf(path: string, param: string): string[] {
	return local.server.log
		.filter((r) => r.path === path)
		.filter((r) => r.status === 200)
		.map((r) => r.query.get(param) ?? '');
}

describe('paging to the end, no page twice, none skipped', () => {
	test('v1: employees by item offset, time-offs by page index', async () => {
		const client = clientFor(local.server, 'v1');
		const { employees } = await readEmployees(client);
		expect(employees).toHaveLength(260);
		expect(pagesOf('/v1/company/employees', 'offset')).toEqual(['0', '100', '200']);
		const { absences } = await readAbsences(client, { range: RANGE });
		const sick = local.server.tenant.absences.filter(
			(a) => a.typeId === 2345 && a.end! >= RANGE.from && a.start! <= RANGE.to,
		);
		expect(new Set(absences.map((a) => a.id))).toEqual(new Set(sick.map((a) => String(a.id))));
		const pages = pagesOf('/v1/company/time-offs', 'offset');
		expect(pages).toEqual(['0', '1', '2', '3', '4', '5']);
	});

	test('v2: persons and absence periods by cursor', async () => {
		const client = clientFor(local.server, 'v2');
		const { absences } = await readAbsences(client, { range: RANGE });
		const sick = local.server.tenant.absences.filter(
			(a) => a.typeId === 2345 && a.end! >= RANGE.from && a.start! <= RANGE.to,
		);
		expect(absences.map((a) => a.id).sort()).toEqual(sick.map((a) => a.uuid).sort());
		// only the sick types' periods are asked for (one read per type: the day- and the hour-unit sick type)
		const dayType = local.server.tenant.types.find((t) => t.id === 2345)!.uuid;
		const hourType = local.server.tenant.types.find((t) => t.id === 2347)!.uuid;
		const byType = (uuid: string) =>
			local.server.log
				.filter((r) => r.path === '/v2/absence-periods' && r.status === 200)
				.filter((r) => r.query.get('absence_type.id') === uuid)
				.map((r) => r.query.get('cursor') ?? '');
		const cursors = byType(dayType);
		expect(cursors.length).toBe(Math.ceil(sick.length / 100));
		expect(cursors.length).toBeGreaterThan(3);
		expect(new Set(cursors).size).toBe(cursors.length);
		expect(byType(hourType)).toEqual(['']);
		expect(pagesOf('/v2/absence-periods', 'cursor')).toHaveLength(cursors.length + 1);
		const persons = await readEmployees(client);
		expect(persons.employees).toHaveLength(260);
		expect(pagesOf('/v2/persons', 'cursor')).toHaveLength(6);
	});

	test('a next link pointing back to a page already read stops with an error', async () => {
		let calls = 0;
		const loop = async (): Promise<HttpResponse> => ({
			status: 200,
			headers: {},
			body: {
				_data: [{ id: String(++calls) }],
				_meta: { links: { next: { href: '/v2/persons?cursor=same' } } },
			},
		});
		const client = clientFor(local.server, 'v2', {
			transport: async (r) =>
				r.url.includes('/auth/')
					? { status: 200, headers: {}, body: { access_token: 'papi-x', expires_in: 3600 } }
					: loop(),
		});
		await expect(readEmployees(client)).rejects.toThrow(/page .*cursor=same.* a second time/);
		expect(calls).toBe(2);
	});
});

describe('429 and 5xx', () => {
	test('honours Retry-After on 429 and gets everything', async () => {
		local.server.rateLimit = { rate: 20, burst: 3, retryAfter: true };
		const waits: number[] = [];
		const client = clientFor(local.server, 'v2', {
			retry: {
				sleep: async (ms) => {
					waits.push(ms);
					await new Promise((r) => setTimeout(r, ms));
				},
			},
		});
		local.server.faults.push({
			status: 429,
			count: 1,
			path: '/v2/persons',
			headers: { 'Retry-After': '1' },
		});
		const { employees } = await readEmployees(client, { employeeIds: ['10000'] });
		expect(employees).toHaveLength(1);
		expect(waits).toContain(1000);
	});

	test('retries 503 with growing, jittered backoff', async () => {
		const waits: number[] = [];
		const client = clientFor(local.server, 'v1', {
			retry: {
				baseDelayMs: 100,
				maxDelayMs: 1000,
				random: () => 0.5,
				sleep: async (ms) => void waits.push(ms),
			},
		});
		local.server.faults.push({ status: 503, count: 3, path: '/v1/company/employees' });
		const { employees } = await readEmployees(client);
		expect(employees).toHaveLength(260);
		expect(waits).toEqual([75, 150, 300]);
	});

	test('gives up after the time limit, naming the call and the reason', async () => {
		local.server.faults.push({ status: 503, count: 1000, path: '/v2/absence-types' });
		let clock = 0;
		const client = clientFor(local.server, 'v2', {
			retry: {
				baseDelayMs: 1000,
				maxDelayMs: 8000,
				maxTotalMs: 20_000,
				now: () => clock,
				sleep: async (ms) => void (clock += ms),
			},
		});
		const error = await readAbsences(client, { range: RANGE }).catch((e) => e);
		expect(error).toBeInstanceOf(HrisHttpError);
		expect(error.message).toMatch(
			/^Personio GET \/v2\/absence-types failed \(HTTP 503\) after \d+ attempts in \d+\.\d s — the API kept answering with a server error.*time limit of 20 s/,
		);
		expect(clock).toBeLessThanOrEqual(20_000);
	});

	test('a Retry-After beyond the time limit fails at once with the server’s wish in the message', async () => {
		const sleeps: number[] = [];
		const res: HttpResponse = {
			status: 429,
			headers: { 'retry-after': '300' },
			body: { error: { code: 'RATE', message: { lang: 'en', value: 'Too many requests' } } },
		};
		const error = await requestWithRetry(
			async () => res,
			{ method: 'GET', url: 'http://x/odata/v2/EmployeeTime' },
			{
				call: 'SuccessFactors GET EmployeeTime',
				retry: { maxTotalMs: 60_000, sleep: async (ms) => void sleeps.push(ms) },
			},
		).catch((e) => e);
		expect(error.message).toMatch(
			/SuccessFactors GET EmployeeTime failed \(HTTP 429\) after 1 attempt .*rate limit.*"Too many requests".*asked to wait 300\.0 s/,
		);
		expect(sleeps).toEqual([]);
	});
});

describe('401', () => {
	test('an expired token is renewed once and the read goes on', async () => {
		const client = clientFor(local.server, 'v1');
		await readEmployees(client, {});
		const minted = local.server.tokensMinted;
		local.server.expireTokens();
		const { employees } = await readEmployees(client);
		expect(employees).toHaveLength(260);
		expect(local.server.tokensMinted).toBe(minted + 1);
	});

	test('a second 401 fails clearly, without the secret or token in the message', async () => {
		const client = clientFor(local.server, 'v2');
		local.server.faults.push({ status: 401, count: 2, path: '/v2/persons' });
		const error = await readEmployees(client).catch((e) => e);
		expect(error.message).toMatch(
			/Personio GET \/v2\/persons failed \(HTTP 401\).*credentials were rejected.*after renewing the access token once/,
		);
		expect(error.message).not.toMatch(/papi-|test-secret/);
	});

	test('wrong credentials: the token endpoint’s answer, no secret', async () => {
		const error = await readEmployees(
			clientFor(local.server, 'v2', { clientSecret: 'wrong-secret-123' }),
		).catch((e) => e);
		expect(error.message).toMatch(
			/Personio POST \/v2\/auth\/token failed \(HTTP 401\).*"Invalid Client"/,
		);
		expect(error.message).not.toMatch(/wrong-secret/);
	});
});
