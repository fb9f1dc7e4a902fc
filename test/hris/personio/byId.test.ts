// A few employees by id are read directly (not by listing the tenant); per-person employments calls run
// a few at a time, with the same results in the same order, 429s included.
import { fetchTransport, type HttpTransport } from '../../../core';
import { mapConcurrent } from '../../../core/hris/concurrency';
import { RatePacer } from '../../../core/hris/http';
import { DIRECT_READ_MAX_IDS, PERSON_CONCURRENCY } from '../../../core/hris/personio/readEmployees';
import { readBemInputs, readEmployees } from '../../../core/hris/personio';
import { clientFor, useBigServer } from './helpers';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };
// 260 employees: listing them costs 6 pages on v2 (50 each), 3 on v1 (100 each)
const local = useBigServer();

const paths = () => local.server.log.map((r) => r.path);

describe.each(['v1', 'v2'] as const)('Personio %s: employees by id', (version) => {
	const byId = version === 'v1' ? '/v1/company/employees/' : '/v2/persons/';

	test(`one employee costs at most ${version === 'v1' ? 2 : 3} requests, whatever the tenant size, and reads as in the listing`, async () => {
		const client = clientFor(local.server, version);
		const { employees, problems } = await readEmployees(client, { employeeIds: ['10004'] });
		expect(problems).toEqual([]);
		expect(client.requests).toBeLessThanOrEqual(version === 'v1' ? 2 : 3);
		expect(paths().filter((p) => !p.includes('/auth'))).toEqual(
			version === 'v1'
				? ['/v1/company/employees/10004']
				: ['/v2/persons/10004', '/v2/persons/10004/employments'],
		);
		const listed = await readEmployees(clientFor(local.server, version));
		expect(employees).toEqual(listed.employees.filter((e) => e.id === '10004'));
	});

	test('an unknown id yields no employee and no error, without retrying the 404; the rest come in the order asked, once each', async () => {
		const client = clientFor(local.server, version);
		const { employees, problems } = await readEmployees(client, {
			employeeIds: ['10003', '99999', '10001', '10003', 'x-1'],
		});
		expect(problems).toEqual([]);
		expect(employees.map((e) => e.id)).toEqual(['10003', '10001']);
		const missing = local.server.log.filter((r) => r.path === `${byId}99999`);
		expect(missing.map((r) => r.status)).toEqual([404]);
		expect((await readEmployees(client, { employeeIds: ['99999'] })).employees).toEqual([]);
	});

	test('a person the credential may not read (403) is a problem, not a failed read; the others still come', async () => {
		local.server.faults.push({ status: 403, count: 1000, path: `${byId}10002` });
		try {
			const { employees, problems } = await readEmployees(clientFor(local.server, version), {
				employeeIds: ['10001', '10002', '10003'],
			});
			expect(employees.map((e) => e.id)).toEqual(['10001', '10003']);
			expect(problems).toEqual([
				{
					recordId: '10002',
					source: version === 'v1' ? 'v1 employee' : 'v2 person',
					employeeId: '10002',
					field: 'id',
					problem: 'not readable with this credential (HTTP 403)',
				},
			]);
			expect(
				local.server.log.filter((r) => r.path === `${byId}10002`).map((r) => r.status),
			).toEqual([403]);
		} finally {
			local.server.faults.length = 0;
		}
	});

	test(`more than ${DIRECT_READ_MAX_IDS} ids are read by listing, in the listing’s order`, async () => {
		const ids = local.server.tenant.employees
			.map((e) => String(e.id))
			.slice(0, DIRECT_READ_MAX_IDS + 10)
			.reverse();
		const { employees } = await readEmployees(clientFor(local.server, version), {
			employeeIds: ids,
		});
		expect(employees.map((e) => e.id)).toEqual([...ids].reverse());
		expect(
			local.server.log.filter((r) =>
				version === 'v1' ? r.path.startsWith(byId) : /^\/v2\/persons\/\d+$/.test(r.path),
			),
		).toEqual([]);
		expect(
			local.server
				.requests(version === 'v1' ? '/v1/company/employees' : '/v2/persons')
				.filter((r) => !r.path.includes('/employments')),
		).toHaveLength(version === 'v1' ? 3 : 6);
	});
});

describe('per-person calls a few at a time', () => {
	/** Answers employments calls after a random delay, so they finish out of order; counts calls in flight. */
	function jittery() {
		const seen = { inFlight: 0, max: 0 };
		const transport: HttpTransport = async (r) => {
			seen.inFlight++;
			seen.max = Math.max(seen.max, seen.inFlight);
			try {
				if (r.url.includes('/employments'))
					await new Promise((done) => setTimeout(done, Math.random() * 8));
				return await fetchTransport(r);
			} finally {
				seen.inFlight--;
			}
		};
		return { transport, seen };
	}

	test('the same employees and BEM inputs in the same order as one call at a time would give', async () => {
		const { transport, seen } = jittery();
		const { employees } = await readEmployees(clientFor(local.server, 'v2', { transport }));
		expect(employees.map((e) => e.id)).toEqual(
			local.server.tenant.employees.map((e) => String(e.id)),
		);
		expect(seen.max).toBe(PERSON_CONCURRENCY);
		// one at a time: one request in flight throughout
		const serial = jittery();
		let chain = Promise.resolve();
		const queued: HttpTransport = (r) => {
			const run = chain.then(() => serial.transport(r));
			chain = run.then(
				() => undefined,
				() => undefined,
			);
			return run;
		};
		expect(
			(await readEmployees(clientFor(local.server, 'v2', { transport: queued }))).employees,
		).toEqual(employees);
		expect(serial.seen.max).toBe(1);

		const concurrent = await readBemInputs(clientFor(local.server, 'v2', { transport }), {
			range: RANGE,
		});
		const sequential = await readBemInputs(clientFor(local.server, 'v2', { transport: queued }), {
			range: RANGE,
		});
		expect(concurrent.inputs.length).toBeGreaterThan(200);
		expect(concurrent).toEqual(sequential);
	});

	test('a 429 on employments while several are in flight is retried and the result is complete', async () => {
		const expected = await readEmployees(clientFor(local.server, 'v2'));
		local.server.log.length = 0;
		// a bucket of 2 refilled at 200/s: four concurrent callers run into it at once
		local.server.rateLimit = { rate: 200, burst: 2, retryAfter: false };
		const { employees } = await readEmployees(clientFor(local.server, 'v2'));
		const employments = local.server.log.filter((r) => r.path.endsWith('/employments'));
		expect(employments.some((r) => r.status === 429)).toBe(true);
		expect(employments.filter((r) => r.status === 200)).toHaveLength(260);
		expect(employees).toEqual(expected.employees);
	});

	test('a failure stops starting new calls and is thrown after the running ones end', async () => {
		const started: number[] = [];
		let running = 0;
		const error = await mapConcurrent([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
			started.push(n);
			running++;
			await new Promise((done) => setTimeout(done, n === 1 ? 1 : 10));
			running--;
			if (n === 1) throw new Error('boom');
			return n;
		}).catch((e: Error) => e);
		expect(error).toEqual(new Error('boom'));
		expect(running).toBe(0);
		expect(started).toEqual([0, 1, 2]);
		expect(
			await mapConcurrent(
				[3, 1, 2],
				2,
				async (n) => (await new Promise((done) => setTimeout(done, n)), n * 10),
			),
		).toEqual([30, 10, 20]);
	});

	test('a rate pacer lets requests run side by side until the server limits the endpoint, then one at a time, in turn', async () => {
		const pacer = new RatePacer(Date.now, async () => undefined);
		let running = 0;
		let most = 0;
		const order: number[] = [];
		const task = async (n: number) => {
			const release = await pacer.acquire();
			running++;
			most = Math.max(most, running);
			await new Promise((done) => setTimeout(done, 5));
			running--;
			order.push(n);
			release();
		};
		const first = [task(0), task(1), task(2)];
		await Promise.all(first);
		expect(most).toBe(3);
		pacer.observe({ status: 429, headers: { 'retry-after': '0' } });
		running = most = 0;
		await Promise.all([task(3), task(4), task(5)]);
		expect(most).toBe(1);
		expect(order.slice(3)).toEqual([3, 4, 5]);
	});
});
