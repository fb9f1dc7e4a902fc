// BEM store throughput: cases from open through invitation_sent, second_invitation_sent and the no-reply
// close (reply_deadline_passed), each with its hash-chained events and one logged read (getCase), on a
// fresh SQLite file and a fresh PostgreSQL database. Targets: ≥ 2,000 events/s SQLite, ≥ 1,000 PostgreSQL.
// PostgreSQL: BEM_BENCH_PG (default postgres://postgres@127.0.0.1:5432/postgres) is used to create and
// drop a throw-away database; without a server that part is reported as skipped.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { randomBytes } = require('crypto');
const { openBemStore } = require('../dist/core/index.js');

const KEY = 'bench-only key, not a secret: 0123456789abcdef';
const EVENTS_PER_CASE = 4; // case_opened, invitation_sent, second_invitation_sent, reply_deadline_passed
const access = {
	actor: 'bench',
	purpose: 'bench: read back the case',
	context: { workflowId: 'bench', executionId: 'bench' },
};

function dayAfter(day) {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** One case through the no-reply path: 4 events and one logged read. */
async function oneCase(store, i) {
	const actor = 'bench';
	const context = { workflowId: 'bench', executionId: `ex-${i}` };
	const { case: c } = await store.openCase({
		employeeId: `BENCH-${i}`,
		reachedOn: '2026-02-27',
		reason: 'continuous',
		on: '2026-03-01',
		actor,
		context,
	});
	const invited = await store.recordEvent(c.id, {
		type: 'invitation_sent',
		on: '2026-03-02',
		actor,
		context,
		idempotencyKey: `${c.id}:first`,
	});
	const reinvited = await store.recordEvent(c.id, {
		type: 'second_invitation_sent',
		on: dayAfter(invited.replyDueOn),
		actor,
		context,
		idempotencyKey: `${c.id}:second`,
	});
	const closed = await store.recordEvent(c.id, {
		type: 'reply_deadline_passed',
		on: dayAfter(reinvited.replyDueOn),
		actor,
		context,
	});
	if (closed.state !== 'closed' || closed.outcome !== 'no_reply')
		throw new Error(`bench case ${c.id} ended in ${closed.state}/${closed.outcome}`);
	const read = await store.getCase(c.id, access);
	if (!read || read.version !== EVENTS_PER_CASE)
		throw new Error(`bench case ${c.id}: read back version ${read && read.version}`);
}

/** Runs `cases` cases with `parallel` at a time; returns seconds taken. */
async function run(store, cases, parallel, offset = 0) {
	let next = 0;
	const t0 = process.hrtime.bigint();
	const worker = async () => {
		while (next < cases) await oneCase(store, offset + next++);
	};
	await Promise.all(Array.from({ length: parallel }, worker));
	return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function measure(name, store, { cases, parallel, target }) {
	await run(store, 200, parallel, 1e7); // warm-up (prepared statements, pool), outside the count
	const cpu0 = process.cpuUsage();
	const seconds = await run(store, cases, parallel);
	const cpu = process.cpuUsage(cpu0);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	const events = cases * EVENTS_PER_CASE;
	const check = await store.verifyAudit();
	const fmt = (x) => Math.round(x).toLocaleString('en-US');
	const rate = events / seconds;
	console.log(
		`${name.padEnd(10)} ${fmt(cases)} cases, ${fmt(events)} events + ${fmt(cases)} logged reads in ${seconds.toFixed(2)} s → ` +
			`${fmt(rate)} events/s (${parallel} at a time; target ≥ ${fmt(target)}) — hash chains ${check.ok ? 'verify' : 'BROKEN'} (${fmt(check.checked)} cases); ` +
			`this process used ${cpuSeconds.toFixed(1)} s CPU (${fmt(events / cpuSeconds)} events per CPU-second; a busy machine or disk shows as wall time above CPU time)`,
	);
	if (!check.ok) throw new Error(`bench: audit chain broken at ${JSON.stringify(check.brokenAt)}`);
	return rate;
}

async function benchSqlite(cases) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-bench-'));
	const store = await openBemStore({
		kind: 'sqlite',
		path: path.join(dir, 'bem.sqlite'),
		encryptionKey: KEY,
		roles: { bench: ['bem_officer'] },
	});
	try {
		// one connection per process: parallel calls queue, so run them one after another
		return await measure('SQLite', store, { cases, parallel: 1, target: 2000 });
	} finally {
		await store.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function benchPostgres(cases) {
	const { Client } = require('pg');
	const adminUrl = process.env.BEM_BENCH_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
	const admin = new Client({ connectionString: adminUrl });
	try {
		await admin.connect();
	} catch (error) {
		console.log(
			`PostgreSQL skipped: cannot connect to ${adminUrl} (${error.message}); start it (scripts/ensure-services.sh) or set BEM_BENCH_PG`,
		);
		return null;
	}
	const database = `bem_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
	await admin.query(`CREATE DATABASE ${database}`);
	const url = new URL(adminUrl);
	url.pathname = `/${database}`;
	let store;
	try {
		store = await openBemStore({
			kind: 'postgres',
			connectionString: url.toString(),
			encryptionKey: KEY,
			roles: { bench: ['bem_officer'] },
			poolSize: Number(process.env.BEM_BENCH_POOL) || 16,
		});
		// as n8n workers do: many executions at once over one pool
		return await measure('PostgreSQL', store, {
			cases,
			parallel: Number(process.env.BEM_BENCH_PARALLEL) || 32,
			target: 1000,
		});
	} finally {
		if (store) await store.close();
		await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
		await admin.end();
	}
}

async function benchStore({ cases = Number(process.env.BEM_BENCH_CASES) || 10000 } = {}) {
	const only = process.env.BEM_BENCH_BACKEND; // 'sqlite' or 'postgres' to run one
	const sqlite = only && only !== 'sqlite' ? null : await benchSqlite(cases);
	const postgres = only && only !== 'postgres' ? null : await benchPostgres(cases);
	return { sqlite, postgres };
}

module.exports = { benchStore };

if (require.main === module) {
	benchStore().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
