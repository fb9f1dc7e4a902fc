#!/usr/bin/env node
// Detect's Personio read (the BEM input: sick absences of the BEM year, work patterns, hire dates) for a
// realistic tenant of 10 000 employees, against the local Personio server under the limits
// ../shared/hris/apis.md reports: a token bucket per endpoint plus, as the worst case, 200 requests a
// minute for the whole credential, answering 429 with Personio's X-RateLimit-* headers. Prints the
// requests per endpoint and the wall time of a first run and of a daily run, and the floor the limits
// allow for the minimal request set: first run ≤ 1.1 × floor; daily run ≤ 250 requests and ≤ 90 s.
// A run whose floor is over 10 minutes runs with every bucket time-scaled (and says so): its figure is
// the wall time × the scale, the real-time equivalent (client time is scaled up too: an upper bound).
'use strict';
require('./lib/ts-require');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { PersonioServer, CLIENT_ID, CLIENT_SECRET } = require(
	path.join(root, 'test/hris/personio/server.ts'),
);
const { realisticTenant, REALISTIC } = require(path.join(root, 'test/hris/personio/data.ts'));
const { fetchTransport, TokenCache } = require(path.join(root, 'core/hris/index.ts'));
const { openBemStore, auPeriodCacheAs, workPatternCacheAs } = require(
	path.join(root, 'core/store/index.ts'),
);
const { evaluateThresholdDetailed } = require(path.join(root, 'core/threshold/index.ts'));
const fs = require('fs');
const os = require('os');
const { PersonioClient, readBemInputs } = require(path.join(root, 'core/hris/personio/index.ts'));

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
const AS_OF = '2026-11-22';
const RANGE = { from: '2025-11-23', to: AS_OF };
const REAL_TIME_LIMIT_S = 600;

/** apis.md §1.10: v1 employees 300/min burst 15/s, v1 2000/min per IP; v2 absence-periods 10/s, persons 30/s. */
const ENDPOINTS = [
	{ path: '/v1/company/employees', bucket: { rate: 5, burst: 15 } },
	{ path: '/v1/', bucket: { rate: 33, burst: 33 } },
	{ path: '/v2/persons', bucket: { rate: 30, burst: 30 } },
	{ path: '/v2/absence-periods', bucket: { rate: 10, burst: 10 } },
	{ path: '/v2/', bucket: { rate: 10, burst: 10 } },
];
/** 200 requests a minute, ten at once: rate 10 tokens/s, 3 tokens a request (Spring's way below 1/s) */
const CREDENTIAL = { rate: 10, burst: 30, requestedTokens: 3 };
const perSecond = (b) => b.rate / (b.requestedTokens ?? 1);
const burstOf = (b) => Math.floor(b.burst / (b.requestedTokens ?? 1));

const endpointOf = (p) => p.replace(/\/[0-9a-f-]{8,}|\/\d+/gi, '/{id}');
const bucketOf = (p) => ENDPOINTS.find((e) => p.startsWith(e.path));

/** The least time the limits allow for these requests per endpoint (auth is not limited). */
function floorSeconds(counts) {
	let floor = 0;
	let total = 0;
	const buckets = new Map();
	for (const [endpoint, n] of counts) {
		if (endpoint.includes('/auth')) continue;
		total += n;
		const e = bucketOf(endpoint);
		if (e) buckets.set(e.path, (buckets.get(e.path) ?? 0) + n);
	}
	for (const [p, n] of buckets) {
		const b = ENDPOINTS.find((e) => e.path === p).bucket;
		floor = Math.max(floor, Math.max(0, n - burstOf(b)) / perSecond(b));
	}
	return Math.max(floor, Math.max(0, total - burstOf(CREDENTIAL)) / perSecond(CREDENTIAL));
}

/** The minimal request set for the tenant: what BEM needs and no more. */
function minimalFirstRun(tenant) {
	const sickTypes = tenant.types.filter((t) => t.category === 'sick_leave');
	const periods = sickTypes.map(
		(t) =>
			tenant.absences.filter((a) => a.typeId === t.id && a.end >= RANGE.from && a.start <= RANGE.to)
				.length,
	);
	return new Map([
		['/v2/auth/token', 1],
		['/v1/auth', 1],
		['/v2/absence-types', 1],
		['/v2/absence-periods', periods.reduce((s, n) => s + Math.max(1, Math.ceil(n / 100)), 0)],
		['/v1/company/employees', Math.ceil(tenant.employees.length / 100)],
	]);
}

async function run(server, label, expectedFloor, workPatternCache, absenceCache) {
	server.log.length = 0;
	server.refillBuckets(); // a day later: every bucket full
	const scale = expectedFloor > REAL_TIME_LIMIT_S ? Math.ceil(expectedFloor / 300) : 1;
	server.limits = { endpoints: ENDPOINTS, credential: CREDENTIAL, timeScale: scale };
	const client = new PersonioClient({
		baseUrl: server.url,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		apiVersion: 'v2',
		appId: 'N8N_NODES_BEM_BENCH',
		transport: fetchTransport,
		tokenCache: new TokenCache(),
	});
	const started = performance.now();
	const { inputs, problems } = await readBemInputs(client, {
		range: RANGE,
		workPatternCache,
		absenceCache,
	});
	const wall = (performance.now() - started) / 1000;
	const counts = new Map();
	for (const r of server.log)
		counts.set(endpointOf(r.path), (counts.get(endpointOf(r.path)) ?? 0) + 1);
	const rejected = server.log.filter((r) => r.status === 429).length;
	const accepted = new Map();
	for (const r of server.log)
		if (r.status !== 429)
			accepted.set(endpointOf(r.path), (accepted.get(endpointOf(r.path)) ?? 0) + 1);
	server.limits = null;
	return {
		label,
		inputs: inputs.length,
		problems: problems.length,
		requests: server.log.length,
		rejected,
		counts,
		accepted,
		scale,
		seconds: wall * scale,
		floorOfAccepted: floorSeconds(accepted),
	};
}

function print(r, floor) {
	const scaled =
		r.scale > 1 ? ` (time-scaled ×${r.scale}: wall time × ${r.scale}, real-time equivalent)` : '';
	console.log(
		`${r.label}: ${r.inputs} employees with sick absences in ${r.requests} requests (${r.rejected} answered 429) — ${r.seconds.toFixed(1)} s${scaled}`,
	);
	for (const [endpoint, n] of [...r.counts].sort())
		console.log(`  ${String(n).padStart(6)}  GET/POST ${endpoint}`);
	if (floor !== undefined)
		console.log(
			`  floor the limits allow for the minimal request set: ${floor.toFixed(1)} s → ${(r.seconds / floor).toFixed(3)} × floor (target ≤ 1.1): ${r.seconds <= 1.1 * floor ? 'OK' : 'TOO SLOW'}`,
		);
}

async function benchPersonio() {
	const tenant = realisticTenant(EMPLOYEES, AS_OF);
	const sick = new Set(
		tenant.absences
			.filter((a) => a.typeId === 2345 && a.end >= RANGE.from && a.start <= RANGE.to)
			.map((a) => a.employeeId),
	);
	const inWindow = tenant.absences.filter((a) => a.end >= RANGE.from && a.start <= RANGE.to);
	console.log(
		`tenant: ${EMPLOYEES} employees, ${((sick.size / EMPLOYEES) * 100).toFixed(0)} % with a sick period in the BEM year, ` +
			`${(inWindow.length / EMPLOYEES).toFixed(1)} absence periods per person-year (${REALISTIC.sickPeriodsPerEmployeeYear} sick); ` +
			`limits: per endpoint as apis.md + 200/min for the credential (burst 10), 429 with X-RateLimit-* headers`,
	);
	const minimal = minimalFirstRun(tenant);
	const floor = floorSeconds(minimal);
	const minimalTotal = [...minimal.values()].reduce((s, n) => s + n, 0);
	console.log(
		`minimal request set (first run): ${minimalTotal} requests, floor ${floor.toFixed(1)} s`,
	);
	const server = await new PersonioServer(tenant).start();
	// the work-pattern cache in a BEM file (SQLite), as Detect keeps it
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-bench-'));
	const store = await openBemStore({
		kind: 'sqlite',
		path: path.join(dir, 'bem.sqlite'),
		encryptionKey: 'bench-only key, not a secret: 0123456789abcdef',
	});
	// the credential's default principal (store-wide bem_officer), as Detect's process principal may
	const who = { actor: 'n8n', purpose: 'bench' };
	const patterns = workPatternCacheAs(store, who);
	try {
		const first = await run(server, 'first run (empty work-pattern cache)', floor, patterns);
		print(first, floor);
		// a day later: 20 employees' contracts changed, 40 new sick periods
		const now = new Date().toISOString();
		for (const e of tenant.employees.slice(0, 20)) e.updatedAt = now;
		for (const a of tenant.absences.filter((x) => x.typeId === 2345).slice(0, 40))
			a.updatedAt = now;
		const daily = await run(
			server,
			'daily run (work patterns: who changed since the last run)',
			floor,
			patterns,
		);
		print(daily);
		const ok = daily.requests <= 250 && daily.seconds <= 90;
		console.log(
			`  daily target ≤ 250 requests and ≤ 90 s at 200/min: ${daily.requests} requests, ${daily.seconds.toFixed(1)} s: ${ok ? 'OK' : 'MISSED'}`,
		);
		// the optional incremental absence mode: its first run reads the year and keeps it (sealed), the
		// next asks only for what changed and checks the employees the threshold names
		let suspectCount = 0;
		const incremental = (at) => ({
			store: auPeriodCacheAs(store, who),
			now: new Date(at),
			suspects: (list) => {
				const named = list
					.filter(
						(i) => evaluateThresholdDetailed(i, { referenceDate: AS_OF }).result.status !== 'below',
					)
					.map((i) => i.employeeId);
				suspectCount = named.length;
				return named;
			},
		});
		const keep = await run(
			server,
			'incremental absence mode, first run (keeps the AU periods)',
			floor,
			patterns,
			incremental(`${AS_OF}T05:00:00Z`),
		);
		print(keep);
		const later = `${AS_OF}T07:00:00Z`;
		for (const a of tenant.absences.filter((x) => x.typeId === 2345).slice(40, 80))
			a.updatedAt = later;
		const incDaily = await run(
			server,
			'incremental absence mode, daily run (absences changed since the last run, Due/Approaching checked)',
			floor,
			patterns,
			incremental(`${AS_OF}T09:00:00Z`),
		);
		print(incDaily);
		console.log(
			`  of which checks of the ${suspectCount} employees the threshold names (Due, Approaching): their cached periods by id, 100 a request`,
		);
		const violations = server.contractViolations.length;
		console.log(`  Personio v1 OpenAPI contract violations: ${violations}`);
		return { first, daily, keep, incDaily, floor, minimalTotal, violations };
	} finally {
		await store.close();
		fs.rmSync(dir, { recursive: true, force: true });
		await server.stop();
	}
}

module.exports = { benchPersonio, floorSeconds };
if (require.main === module) {
	benchPersonio().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
