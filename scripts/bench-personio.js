#!/usr/bin/env node
// Reads 5 000 employees' absences (v2 cursor paging and v1 page-index paging) from the local Personio
// server under its token-bucket rate limit and compares the time with the least the limit allows:
// (requests to the busiest endpoint − burst) ÷ rate. Target: measured ≤ minimum × 1.1.
'use strict';
require('./lib/ts-require');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { PersonioServer, CLIENT_ID, CLIENT_SECRET } = require(
	path.join(root, 'test/hris/personio/server.ts'),
);
const { bigTenant } = require(path.join(root, 'test/hris/personio/data.ts'));
const { fetchTransport, TokenCache } = require(path.join(root, 'core/hris/index.ts'));
const { PersonioClient, readAbsences } = require(path.join(root, 'core/hris/personio/index.ts'));

const EMPLOYEES = 5000;
const RATE = 10; // tokens per second per endpoint (Personio v2 absence-periods is said to allow 10/s)
const BURST = 10;
const RANGE = { from: '2025-11-23', to: '2026-11-22' };

async function runOne(server, apiVersion) {
	server.log.length = 0;
	server.rateLimit = { rate: RATE, burst: BURST, retryAfter: false };
	await new Promise((r) => setTimeout(r, (BURST / RATE) * 1000 + 50)); // let the buckets fill up
	const client = new PersonioClient({
		baseUrl: server.url,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		apiVersion,
		transport: fetchTransport,
		tokenCache: new TokenCache(),
	});
	const started = performance.now();
	const { absences, problems } = await readAbsences(client, { range: RANGE });
	const seconds = (performance.now() - started) / 1000;
	const perEndpoint = new Map();
	for (const r of server.log)
		if (!r.path.includes('/auth')) perEndpoint.set(r.path, (perEndpoint.get(r.path) ?? 0) + 1);
	const accepted = server.log.filter((r) => r.status === 200 && !r.path.includes('/auth'));
	const busiest = Math.max(
		...[...perEndpoint.keys()].map((p) => accepted.filter((r) => r.path === p).length),
	);
	const minimum = Math.max(0, busiest - BURST) / RATE;
	const rejected = server.log.filter((r) => r.status === 429).length;
	return {
		apiVersion,
		absences: absences.length,
		problems: problems.length,
		requests: server.log.length,
		rejected429: rejected,
		seconds,
		minimumSeconds: minimum,
		ratio: minimum > 0 ? seconds / minimum : null,
	};
}

async function benchPersonio() {
	const server = await new PersonioServer(bigTenant(EMPLOYEES, 3)).start();
	try {
		const results = [];
		for (const version of ['v2', 'v1']) {
			const r = await runOne(server, version);
			results.push(r);
			const verdict = r.ratio !== null && r.ratio <= 1.1 ? 'OK' : 'TOO SLOW';
			console.log(
				`Personio ${r.apiVersion}: ${EMPLOYEES} employees, ${r.absences} sick absences in ${r.requests} requests (${r.rejected429} × 429) — ` +
					`measured ${r.seconds.toFixed(2)} s, least the limit allows ${r.minimumSeconds.toFixed(2)} s ` +
					`(${RATE}/s, burst ${BURST}) → ${((r.ratio - 1) * 100).toFixed(1)} % over, target ≤ 10 %: ${verdict}`,
			);
		}
		const violations = server.contractViolations.length;
		if (violations) console.log(`  ${violations} Personio v1 contract violations`);
		return results;
	} finally {
		await server.stop();
	}
}

module.exports = { benchPersonio };
if (require.main === module) {
	benchPersonio().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
