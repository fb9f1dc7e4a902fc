// The BEM process in n8n's queue mode, with faults: n8n main, a webhook processor and two workers
// (scripts/lib/queue, the code `npm run start:queue` runs) on a PostgreSQL cluster and a redis-server
// of the test's own (free ports; the test restarts them), the n8n database and the BEM store in two
// databases of that cluster. Every execution, manual ones included, runs on a worker.
//  1. two Detect runs at once → one case and one first letter per due employee, one waiting cycle each;
//  2. the Deadline Sweep (twice at once) racing the cycles' resumed waits → one second letter each;
//  3. Redis restarted → every process reconnects, a larger Detect completes (its throughput printed);
//  4. a worker SIGKILLed mid-Detect → its execution is marked failed, the next sweep and Detect
//     complete the work: one case and one first letter per due employee, every deadline kept;
//  5. PostgreSQL restarted during a sweep → the run fails with the connection error, nothing
//     half-written, the next sweep completes: one second letter per case, the letter claimed but not
//     archived before the outage included (the sweep's "letter not sent" query), never a copy.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { BemCase } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import type { QueueCluster, QueueProcess } from '../../scripts/lib/queue/cluster';
import {
	FIRST_SUBJECT,
	IDS,
	SECOND_SUBJECT,
	SHIPPED,
	addDays,
	allCases,
	dayAfterLastDeadline,
	demo,
	dueOf,
	emailOf,
	hrisDemo,
	mailDemo,
	readMails,
	sweepAsOfFile,
	withDemoStore,
} from '../e2e/demo';

const ROOT = path.resolve(__dirname, '../..');
const queue = require(
	path.join(ROOT, 'scripts/lib/queue/cluster'),
) as typeof import('../../scripts/lib/queue/cluster');
const services = require(
	path.join(ROOT, 'scripts/lib/queue/services'),
) as typeof import('../../scripts/lib/queue/services');

/** Demo sizes: small, the machine is shared (every 100th generated employee is due). */
const THROUGHPUT_STAFF = 1000;
const KILL_STAFF = 3000;
const { poll } = lib;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = hrisDemo.berlinToday();
const ENDED_BADLY = ['error', 'crashed', 'canceled'];

describe('the BEM process in n8n queue mode (main, webhook processor, two workers) with faults', () => {
	let cluster: QueueCluster;
	let pg: Awaited<ReturnType<typeof services.ownPostgres>>;
	let redis: Awaited<ReturnType<typeof services.ownRedis>>;
	let hris: { url: string; close(): Promise<void> };
	let hrisPort: number;
	let mail: { smtpPort: number; close(): Promise<unknown> };
	let dir: string;
	let mailDir: string;
	let n8nDb: string;
	const where = { storeUrl: '', storeKey: crypto.randomBytes(24).toString('base64url') };
	const report: string[] = [];
	const t0 = Date.now();

	const mails = () => readMails(mailDir);
	const cases = () => withDemoStore(where, allCases);
	const executions = (workflowId?: string) => lib.pgExecutionRecords(n8nDb, workflowId);
	const describeState = async () => {
		const ex = await executions().catch((e: Error) => [{ id: `(${e.message})` }]);
		const logs = cluster.processes
			.map((p) => `--- ${p.name} ---\n${queue.tail(p.logFile, 15)}`)
			.join('\n');
		return `n8n executions:\n${ex.map((e) => `  ${JSON.stringify(e)}`).join('\n')}\n${logs}`;
	};
	/** What a timed-out wait prints: refreshed every tenth poll (poll's detail is synchronous). */
	let detail = '';
	let polls = 0;
	const refreshDetail = async () => {
		if (polls++ % 10 === 0) detail = await describeState();
	};

	/** The worker whose log says it started this execution. */
	const workerOf = (id: string): QueueProcess | undefined =>
		cluster.workers.find((w) =>
			fs.readFileSync(w.logFile, 'utf8').includes(`Worker started execution ${id} `),
		);

	/** Starts a workflow from its manual trigger through the main instance (it runs on a worker). */
	const startRun = (workflowId: string) =>
		demo.runInServer(cluster.mainUrl, cluster.cookie, workflowId);

	/** Waits until an execution has ended; returns its record (undefined: n8n removed it, a success). */
	async function ended(id: string, timeoutMs = 180000) {
		const got = await poll(
			`execution ${id} to end`,
			async () => {
				const r = (await executions()).find((e) => e.id === id);
				if (!r) return { gone: true as const };
				if (lib.executionEnded(r)) return { rec: r };
				await refreshDetail();
				return undefined;
			},
			{ timeoutMs, everyMs: 500, detail: () => detail },
		);
		return 'rec' in got ? got.rec : undefined;
	}
	const succeeded = async (id: string) => {
		const r = await ended(id);
		if (r && ENDED_BADLY.includes(r.status))
			throw new Error(
				`execution ${id} ended ${r.status}:\n${((await lib.pgExecutionDataText(n8nDb, id)) ?? '').slice(0, 3000)}`,
			);
		return r;
	};

	/** Imports the sweep pinned to asOf (CLI, n8n's shared database). */
	async function importSweep(asOf: string) {
		const res = await cluster.cli(['import:workflow', `--input=${sweepAsOfFile(dir, asOf)}`]);
		if (res.status !== 0) throw new Error(`import of the sweep failed:\n${res.stderr}`);
	}

	/** Waits until `count` letters match, then a little longer to catch any extra one. */
	async function lettersSettled(
		what: string,
		match: (m: { to: string; subject: string }) => boolean,
		count: number,
	) {
		await poll(
			`${count} ${what}`,
			async () => {
				if ((await mails()).filter(match).length >= count) return true;
				await refreshDetail();
				return undefined;
			},
			{ timeoutMs: 180000, detail: () => detail },
		);
		await sleep(5000);
		return (await mails()).filter(match);
	}

	const countBy = (xs: string[]) =>
		xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

	async function restartHris(staffSize: number) {
		await hris.close();
		hris = await hrisDemo.startDemoHris({ port: hrisPort, staffSize });
	}

	beforeAll(async () => {
		const runtime = lib.ensureRuntime({ quiet: true });
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-queue-'));
		mailDir = path.join(dir, 'mail');
		let t = Date.now();
		[pg, redis] = await Promise.all([services.ownPostgres(), services.ownRedis()]);
		const dbs = await services.freshDatabases(pg, ['n8n', 'bem_store']);
		n8nDb = dbs.n8n;
		where.storeUrl = dbs.bem_store;
		report.push(
			`own PostgreSQL 15 on :${pg.port}, own redis-server on :${redis.port} (${Date.now() - t} ms)`,
		);

		hris = await hrisDemo.startDemoHris({ port: 0 });
		hrisPort = Number(new URL(hris.url).port);
		mail = await mailDemo.startMailCatcher({ smtpPort: 0, httpPort: 0, dir: mailDir });
		await demo.seedClosedBems({ ...where, actor: 'e2e-seed' });
		t = Date.now();
		cluster = await queue.startQueueCluster({
			runtime,
			dir,
			postgres: { ...pg, database: 'n8n' },
			redis,
			credentials: demo.demoCredentials({
				hrisUrl: hris.url,
				smtpPort: mail.smtpPort,
				...where,
				appId: 'n8n-nodes-bem-e2e-queue',
			}),
			workflowsDir: SHIPPED,
			owner: {
				email: 'bem-queue@example.com',
				firstName: 'BEM',
				lastName: 'Queue',
				password: queue.ownerPassword(),
			},
			extraEnv: {
				// "Worker started execution …" tells which worker runs what
				N8N_LOG_LEVEL: 'info',
				// a dead worker's job is noticed within seconds, and main's recovery runs every minute
				QUEUE_WORKER_LOCK_DURATION: '20000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
				N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			},
			log: (m) => report.push(m),
		});
		report.push(`cluster up (${Date.now() - t} ms)`);
	});

	afterAll(async () => {
		await cluster?.stop();
		await Promise.all([hris?.close(), mail?.close()]);
		await redis?.stop();
		await pg?.stop();
		if (!process.env.BEM_KEEP_N8N && dir) fs.rmSync(dir, { recursive: true, force: true });
		console.log(
			`queue-mode e2e (total ${((Date.now() - t0) / 1000).toFixed(1)} s):\n  ${report.join('\n  ')}`,
		);
	});

	const DUE = dueOf(hrisDemo.STAFF);

	it('two Detect runs triggered at once: one case and one first letter per due employee', async () => {
		const t = Date.now();
		const ids = await Promise.all([startRun(IDS.detectPersonio), startRun(IDS.detectPersonio)]);
		for (const id of ids) await succeeded(id);
		const workers = ids.map((id) => workerOf(id)?.name);
		report.push(
			`two Detects at once: executions ${ids.join(', ')} ran on ${workers.join(', ')} (${Date.now() - t} ms)`,
		);
		// queue mode for real: the manual runs were executed by workers, not by main
		expect(workers.every((w) => w?.startsWith('worker-'))).toBe(true);

		const firsts = await lettersSettled(
			'first letters',
			(m) => FIRST_SUBJECT.test(m.subject),
			DUE.length,
		);
		expect(countBy(firsts.map((m) => m.to))).toEqual(
			Object.fromEntries(DUE.map((s) => [emailOf(s), 1])),
		);
		const open = (await cases()).filter((c) => c.state !== 'closed');
		expect(open.map((c) => `${c.employeeId}:${c.state}`).sort()).toEqual(
			DUE.map((s) => `${s.id}:invited`).sort(),
		);
		// one invitation cycle per case waits for its deadline (in n8n's PostgreSQL, not on a worker)
		const waiting = await poll(
			`${DUE.length} waiting cycles`,
			async () => {
				const w = (await executions(IDS.invitationCycle)).filter((e) => e.status === 'waiting');
				return w.length >= DUE.length ? w : undefined;
			},
			{ timeoutMs: 60000 },
		);
		expect(waiting).toHaveLength(DUE.length);
	});

	it('the Deadline Sweep, twice at once, racing the resumed waits: one second letter per case', async () => {
		const invited = (await cases()).filter((c) => c.state === 'invited');
		const asOf = dayAfterLastDeadline(invited);
		await importSweep(asOf);
		// each cycle's resume link, as the BEM file recorded it with the letter (served by the webhook processor)
		const resumes = await withDemoStore(where, (store) =>
			Promise.all(
				invited.map(async (c) => {
					const trail = await store.auditTrail(c.id, {
						actor: 'e2e-test',
						purpose: 'e2e test assertions',
					});
					return new URL(trail.find((e) => e.type === 'invitation_sent')?.data.resumeUrl as string);
				}),
			),
		);
		expect(resumes).toHaveLength(invited.length);
		expect(resumes.every((r) => r.origin === cluster.webhookUrl)).toBe(true);
		const t = Date.now();
		const [sweeps, woken] = await Promise.all([
			Promise.all([startRun(IDS.sweep), startRun(IDS.sweep)]),
			Promise.all(resumes.map((r) => demo.request(r).then((res) => res.status))),
		]);
		expect(woken.every((s) => s === 200)).toBe(true);
		for (const id of sweeps) await succeeded(id);
		const seconds = await lettersSettled(
			'second letters',
			(m) => SECOND_SUBJECT.test(m.subject),
			invited.length,
		);
		report.push(`two sweeps + ${resumes.length} resumed waits at once: ${Date.now() - t} ms`);
		expect(countBy(seconds.map((m) => m.to))).toEqual(
			Object.fromEntries(DUE.map((s) => [emailOf(s), 1])),
		);
		// first letters still one each
		expect((await mails()).filter((m) => FIRST_SUBJECT.test(m.subject))).toHaveLength(DUE.length);
		const now = await cases();
		for (const c of invited) {
			const after = now.find((x) => x.id === c.id) as BemCase;
			expect({ id: c.id, state: after.state }).toEqual({ id: c.id, state: 'reinvited' });
			expect(after.replyDueOn! >= addDays(asOf, 14)).toBe(true);
		}
		// the woken cycles ended (the router hands the still-open case to the sweep); none crashed
		await poll(
			'the woken cycles to end',
			async () => {
				const cy = await executions(IDS.invitationCycle);
				return cy.every((e) => e.status !== 'waiting' && e.status !== 'running') ? cy : undefined;
			},
			{ timeoutMs: 60000 },
		);
		// (a record n8n soft-deleted is a success whose data it does not keep; main's queue recovery may
		// still stamp such a sub-execution 'crashed': it runs in the worker, not in the queue)
		expect(
			(await executions()).filter((e) => e.deletedAt === null && ENDED_BADLY.includes(e.status)),
		).toEqual([]);
	});

	it('Redis restarted: every process reconnects and a Detect over more staff completes (throughput)', async () => {
		let t = Date.now();
		await redis.restart();
		await cluster.ready(120000);
		report.push(`Redis restarted, all four processes ready again after ${Date.now() - t} ms`);
		await restartHris(THROUGHPUT_STAFF);
		const staff = hrisDemo.staffOf(THROUGHPUT_STAFF);
		const fresh = dueOf(staff).filter((s) => !DUE.some((d) => d.id === s.id));
		const before = (await mails()).length;
		t = Date.now();
		const id = await startRun(IDS.detectPersonio);
		await succeeded(id);
		const detectMs = Date.now() - t;
		const letters = await lettersSettled(
			'first letters to the new due staff',
			(m) => FIRST_SUBJECT.test(m.subject) && fresh.some((s) => emailOf(s) === m.to),
			fresh.length,
		);
		const lettersMs = Date.now() - t - 5000;
		report.push(
			`queue-mode Detect over ${staff.length} employees on ${workerOf(id)?.name}: execution ended after ${(detectMs / 1000).toFixed(1)} s (${Math.round(staff.length / (detectMs / 1000))} employees/s), ${fresh.length} new cases and first letters after ${(lettersMs / 1000).toFixed(1)} s (${(fresh.length / (lettersMs / 1000)).toFixed(2)} letters/s)`,
		);
		expect(countBy(letters.map((m) => m.to))).toEqual(
			Object.fromEntries(fresh.map((s) => [emailOf(s), 1])),
		);
		expect(
			(await mails()).slice(before).filter((m) => /Eingliederungsmanagements/.test(m.subject)),
		).toHaveLength(fresh.length);
	});

	it('a worker SIGKILLed mid-Detect: its execution ends failed, the next sweep and Detect complete the work', async () => {
		await restartHris(KILL_STAFF);
		const staff = hrisDemo.staffOf(KILL_STAFF);
		const known = new Set((await cases()).map((c) => c.employeeId));
		const fresh = dueOf(staff).filter((s) => !known.has(String(s.id)));
		expect(fresh.length).toBeGreaterThanOrEqual(15);
		const isFreshFirst = (m: { to: string; subject: string }) =>
			FIRST_SUBJECT.test(m.subject) && fresh.some((s) => emailOf(s) === m.to);

		const id = await startRun(IDS.detectPersonio);
		const victim = await poll(`the worker running ${id}`, () => workerOf(id), { timeoutMs: 60000 });
		// kill once the run is at work: its first new case is in the store
		await poll(
			'the first case of the run',
			async () => {
				const now = await cases();
				return now.some((c) => fresh.some((s) => String(s.id) === c.employeeId)) ? true : undefined;
			},
			{ timeoutMs: 120000, everyMs: 250 },
		);
		await cluster.kill(victim);
		const atKill = {
			cases: (await cases()).filter((c) => fresh.some((s) => String(s.id) === c.employeeId)).length,
			letters: (await mails()).filter(isFreshFirst).length,
		};
		report.push(
			`SIGKILL ${victim.name} while it ran Detect ${id}: ${atKill.cases} of ${fresh.length} new cases opened, ${atKill.letters} letters sent`,
		);
		// n8n notices: the stalled job fails (error) or main's queue recovery marks it crashed; never left running
		const t = Date.now();
		const rec = await poll(
			`execution ${id} marked as ended`,
			async () => {
				const r = (await executions(IDS.detectPersonio)).find((e) => e.id === id);
				return r && lib.executionEnded(r) ? r : undefined;
			},
			{ timeoutMs: 180000, everyMs: 1000 },
		);
		report.push(`… n8n marked execution ${id} ${rec.status} after ${Date.now() - t} ms`);
		expect(ENDED_BADLY).toContain(rec.status);
		// the kill cut the run short: it had not sent its letters (its cases may all be open by then)
		expect(atKill.letters).toBeLessThan(fresh.length);
		await cluster.start(victim);

		// the next sweep sends the first letters of cases opened but not invited; the next Detect opens the rest
		await importSweep(today);
		await succeeded(await startRun(IDS.sweep));
		await succeeded(await startRun(IDS.detectPersonio));
		const letters = await lettersSettled(
			'first letters after the crash',
			isFreshFirst,
			fresh.length,
		);
		expect(countBy(letters.map((m) => m.to))).toEqual(
			Object.fromEntries(fresh.map((s) => [emailOf(s), 1])),
		);
		// every case has its deadline: invited, with a reply date 14 days or a little later
		const mine = (await cases()).filter((c) => fresh.some((s) => String(s.id) === c.employeeId));
		expect(countBy(mine.map((c) => c.employeeId))).toEqual(
			Object.fromEntries(fresh.map((s) => [String(s.id), 1])),
		);
		for (const c of mine) {
			expect({ id: c.employeeId, state: c.state }).toEqual({ id: c.employeeId, state: 'invited' });
			expect(c.replyDueOn! >= addDays(today, 14) && c.replyDueOn! <= addDays(today, 20)).toBe(true);
		}
	});

	/** The PostgreSQL fault's case whose letter was claimed, but not archived or sent, when the database went. */
	let claimedUnsent: { caseId: string; email: string } | undefined;

	it('PostgreSQL stopped during a sweep: the run fails clearly, nothing half-written, the next sweep sends every letter, the one claimed before the outage included', async () => {
		const invited = (await cases()).filter((c) => c.state === 'invited');
		expect(invited.length).toBeGreaterThanOrEqual(15);
		const asOf = dayAfterLastDeadline(invited);
		await importSweep(asOf);
		const staff = hrisDemo.staffOf(KILL_STAFF);
		const emailOfCase = (c: BemCase) => emailOf(staff.find((s) => String(s.id) === c.employeeId)!);
		const emails = new Set(invited.map(emailOfCase));
		const isSecond = (m: { to: string; subject: string }) =>
			SECOND_SUBJECT.test(m.subject) && emails.has(m.to);
		expect((await mails()).filter(isSecond)).toHaveLength(0);
		// the outage must find a letter between its claim and its archived copy: a lock on the letters
		// table holds the sweep's first letter there (the claim is in bem_events and bem_cases)
		const { Client } = require('pg') as typeof import('pg');
		const holder = new Client({ connectionString: where.storeUrl });
		holder.on('error', () => undefined); // the restart cuts it
		await holder.connect();
		await holder.query('BEGIN');
		await holder.query('LOCK TABLE bem_letters IN EXCLUSIVE MODE');
		const id = await startRun(IDS.sweep);
		const reinvitedNow = async () =>
			Number(
				(
					await lib.pgQuery(
						where.storeUrl,
						"SELECT count(*) AS n FROM bem_cases WHERE state = 'reinvited' AND id = ANY($1)",
						[invited.map((c) => c.id)],
					)
				)[0].n,
			);
		await poll(
			'the sweep to claim its first letter',
			async () => ((await reinvitedNow()) > 0 ? true : undefined),
			{ timeoutMs: 120000, everyMs: 200 },
		);
		await sleep(2000);
		let t = Date.now();
		// down for 5 s: whatever the run does meanwhile finds no database
		await pg.restart(5000);
		report.push(`PostgreSQL stopped during sweep ${id}, started again after ${Date.now() - t} ms`);
		t = Date.now();
		await cluster.ready(180000);
		const rec = await ended(id);
		const data = (await lib.pgExecutionDataText(n8nDb, id)) ?? '';
		const mid = {
			status: rec?.status,
			cases: (await cases()).filter((c) => invited.some((x) => x.id === c.id)),
		};
		const claimed = mid.cases.filter((c) => c.state === 'reinvited');
		const error = errorMessages(data) || '(no execution data)';
		report.push(
			`… sweep ${id} ended ${rec?.status} (${error}); cluster ready after ${Date.now() - t} ms; ${claimed.length} of ${invited.length} letters claimed before the outage`,
		);
		// a clear failure: n8n records the run as failed (error: with the database error; crashed: the
		// worker could not even record the end), not as a success
		expect(ENDED_BADLY).toContain(mid.status);
		if (mid.status === 'error') expect(error).toMatch(/ECONNREFUSED|connect|terminat|shut/i);
		// nothing half-written: each case is either still invited or fully reinvited with its new deadline
		for (const c of mid.cases) {
			expect(['invited', 'reinvited']).toContain(c.state);
			if (c.state === 'reinvited') expect(c.replyDueOn! >= addDays(asOf, 14)).toBe(true);
		}
		expect(await withDemoStore(where, (store) => store.verifyAudit())).toMatchObject({ ok: true });
		expect(claimed).toHaveLength(1);
		claimedUnsent = { caseId: claimed[0].id, email: emailOfCase(claimed[0]) };
		await holder.end().catch(() => undefined);

		await succeeded(await startRun(IDS.sweep));
		const seconds = await lettersSettled(
			'second letters after the restart',
			isSecond,
			invited.length,
		);
		const after = await cases();
		for (const c of invited) {
			const now = after.find((x) => x.id === c.id) as BemCase;
			expect({ id: c.id, state: now.state }).toEqual({ id: c.id, state: 'reinvited' });
		}
		// one second letter per case, and never two: the letter claimed before the outage (its case already
		// 'reinvited') is found by the sweep's "letter not sent" query and completed as claimed
		expect(countBy(seconds.map((m) => m.to))).toEqual(
			Object.fromEntries(invited.map((c) => [emailOfCase(c), 1])),
		);
	});

	it('the letter claimed before the outage went out once, stating the deadline its case keeps; a later sweep sends no copy', async () => {
		expect(claimedUnsent).toBeDefined();
		const { caseId, email } = claimedUnsent!;
		const [c, letters] = await withDemoStore(where, async (store) => {
			const access = { actor: 'e2e-test', purpose: 'e2e test assertions' };
			return [await store.getCase(caseId, access), await store.letters(caseId, access)] as const;
		});
		const second = letters.filter((l) => l.kind === 'second');
		expect(second).toHaveLength(1);
		const [y, m, d] = c!.replyDueOn!.split('-');
		expect(second[0].text).toContain(`${d}.${m}.${y}`);
		await importSweep(hrisDemo.berlinToday());
		await succeeded(await startRun(IDS.sweep));
		await sleep(5000);
		const got = (await mails()).filter((m) => SECOND_SUBJECT.test(m.subject) && m.to === email);
		expect(got).toHaveLength(1);
	});
});

/**
 * The error messages in an execution's stored run data. n8n keeps it as flatted JSON: an array whose
 * objects point at their strings by index ("message":"17" is the 18th entry), so resolve the pointers.
 */
function errorMessages(flattedText: string): string {
	let table: unknown[];
	try {
		table = JSON.parse(flattedText) as unknown[];
	} catch {
		return '';
	}
	if (!Array.isArray(table)) return '';
	const at = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? table[Number(v)] : v);
	return table
		.filter(
			(o): o is Record<string, unknown> => typeof o === 'object' && o !== null && 'message' in o,
		)
		.map((o) => at(o.message))
		.filter((m): m is string => typeof m === 'string')
		.join(' | ')
		.slice(0, 400);
}
