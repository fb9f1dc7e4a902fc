// The BEM process in a real n8n, as `npm start` sets it up: the demo HRIS (Personio v2), the SMTP mail
// catcher, the three credentials of the shipped workflows, workflows/*.json imported and the ones with
// an Execute-Workflow/Form/Webhook/Error trigger published — in a temp user folder on free ports.
// "BEM · 1 Detect (Personio)" runs inside the server (REST, as the editor's "Execute workflow"), so the
// invitation cycles it starts without waiting run to their Wait: first letters with PDF in the catcher,
// cases 'invited' in the BEM store, the cycles 'waiting' in n8n's own execution records until the morning
// after the reply deadline. A second run the same day sends and opens nothing; the Deadline Sweep run for
// a day after the deadline sends the second letters.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { simpleParser } from 'mailparser';

import type { BemCase, BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import { createN8n, type ExecutionRecord, type N8n } from './n8n';

const ROOT = path.resolve(__dirname, '../..');
const SHIPPED = path.join(ROOT, 'workflows');
const { CREDENTIALS, IDS } = require(path.join(ROOT, 'scripts/workflows/common')) as {
	CREDENTIALS: Record<string, Record<string, { id: string; name: string }>>;
	IDS: Record<string, string>;
};
const hrisDemo = require(path.join(ROOT, 'scripts/demo/hris')) as {
	CLIENT_ID: string;
	CLIENT_SECRET: string;
	STAFF: Array<{ id: number; first: string; last: string; note: string; closedBemDaysAgo?: number }>;
	berlinToday(): string;
	startDemoHris(o: { port: number }): Promise<{ url: string; close(): Promise<void> }>;
};
const mailDemo = require(path.join(ROOT, 'scripts/demo/mail')) as {
	startMailCatcher(o: { smtpPort: number; httpPort: number; dir: string }): Promise<{ smtpPort: number; inboxUrl: string; close(): Promise<unknown> }>;
};
const { openBemStore } = require(path.join(ROOT, 'dist/core/store')) as typeof import('../../core/store');

const MANUAL_TRIGGER = 'Run Now (Manual / CLI)';
const PUBLISHED_TRIGGERS = ['n8n-nodes-base.executeWorkflowTrigger', 'n8n-nodes-base.formTrigger', 'n8n-nodes-base.webhook', 'n8n-nodes-base.errorTrigger'];
const FIRST_SUBJECT = /^Angebot eines Betrieblichen Eingliederungsmanagements/;
const SECOND_SUBJECT = /^Erneutes Angebot eines Betrieblichen Eingliederungsmanagements/;
const DAY = 86400000;

const today = hrisDemo.berlinToday();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const emailOf = (s: { first: string; last: string }) => `${s.first}.${s.last}@demo.example`.toLowerCase();
/** The demo staff the HRIS describes as due (its notes say "due"); 2007's closed BEM keeps it below. */
const DUE = hrisDemo.STAFF.filter((s) => /\bdue\b/.test(s.note));

/** 'YYYY-MM-DD' at hour:00 in Europe/Berlin, as a UTC instant (ms). */
function berlinTime(day: string, hour: number): number {
	const guess = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
	const berlinHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date(guess)));
	return guess - (berlinHour - hour) * 3600000;
}
/** n8n's SQLite keeps dates as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
const dbTime = (v: string | null) => (v === null ? NaN : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`));

async function poll<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, { timeoutMs = 90000, everyMs = 500, detail }: { timeoutMs?: number; everyMs?: number; detail?: () => string } = {}): Promise<T> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const got = await fn();
		if (got !== undefined) return got;
		if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail ? `\n${detail()}` : ''}`);
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

interface CaughtMail {
	file: string;
	to: string;
	subject: string;
	attachments: Array<{ filename?: string; contentType: string; content: Buffer }>;
}

describe('the BEM process in a real n8n (demo HRIS, mail catcher, shipped workflows)', () => {
	let n8n: N8n;
	let hris: { url: string; close(): Promise<void> };
	let mail: { smtpPort: number; close(): Promise<unknown> };
	let mailDir: string;
	let storeFile: string;
	let storeKey: string;
	let cookie: string;
	const timings: string[] = [];
	const t0 = Date.now();
	const mark = (what: string, since: number) => timings.push(`${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);

	const mails = async (): Promise<CaughtMail[]> => {
		if (!fs.existsSync(mailDir)) return [];
		const files = fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort();
		return Promise.all(
			files.map(async (file) => {
				const m = await simpleParser(fs.readFileSync(path.join(mailDir, file)));
				const to = m.to ? [m.to].flat().map((a) => a.value.map((v) => v.address ?? '').join(',')).join(',').toLowerCase() : '';
				return { file, to, subject: m.subject ?? '', attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) };
			}),
		);
	};
	const mailSummary = async () => (await mails()).map((m) => `  ${m.to}: ${m.subject} (${m.attachments.length} attachment(s))`).join('\n') || '  (none)';

	async function withStore<T>(fn: (store: BemStore) => Promise<T>): Promise<T> {
		const store = await openBemStore({ kind: 'sqlite', path: storeFile, encryptionKey: storeKey, state: 'DE' });
		try {
			return await fn(store);
		} finally {
			await store.close();
		}
	}
	const casesOf = (store: BemStore) => store.findCases({ limit: 1000 }, { actor: 'e2e-test', purpose: 'e2e test assertions' });

	const cycleExecutions = () => n8n.executions(IDS.invitationCycle).filter((e) => e.deletedAt === null);
	const describeExecutions = () =>
		`n8n executions:\n${n8n
			.executions()
			.map((e) => `  ${e.id} ${e.workflowId} ${e.mode} ${e.status} waitTill=${e.waitTill} deleted=${e.deletedAt !== null}`)
			.join('\n')}\n--- n8n log tail ---\n${fs.existsSync(n8n.logFile) ? fs.readFileSync(n8n.logFile, 'utf8').slice(-2000) : ''}`;

	/** Runs a workflow from its manual trigger inside the server (the editor's "Execute workflow") and waits for it to end. */
	async function runInServer(workflowId: string): Promise<ExecutionRecord | undefined> {
		const res = await fetch(`${n8n.baseUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ triggerToStartFrom: { name: MANUAL_TRIGGER } }),
		});
		const body = (await res.json().catch(() => ({}))) as { data?: { executionId?: string; waitingForWebhook?: boolean } };
		if (res.status !== 200 || !body.data?.executionId) throw new Error(`running ${workflowId} in n8n failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 1000)}`);
		const id = String(body.data.executionId);
		const started = Date.now();
		// a successful manual run keeps no data: its record ends soft-deleted (or gone); a failed one keeps its error
		const rec = await poll(
			`execution ${id} of ${workflowId} to end`,
			() => {
				const r = n8n.executions(workflowId).find((e) => e.id === id);
				if (!r) return { gone: true as const };
				return r.deletedAt !== null || r.stoppedAt !== null || ['success', 'error', 'crashed', 'canceled'].includes(r.status) ? { rec: r } : undefined;
			},
			{ timeoutMs: 120000, detail: describeExecutions },
		);
		const ended = 'rec' in rec ? rec.rec : undefined;
		timings.push(`${workflowId} execution ${id} ended (${ended ? (ended.deletedAt ? 'record soft-deleted, no data kept' : `status ${ended.status}`) : 'record removed'}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
		if (ended && ['error', 'crashed', 'canceled'].includes(ended.status)) {
			throw new Error(`${workflowId} execution ${id} ended ${ended.status}:\n${(n8n.executionData(id)?.raw ?? '').slice(0, 4000)}`);
		}
		return ended;
	}

	beforeAll(async () => {
		let t = Date.now();
		n8n = await createN8n({ server: false });
		mark('n8n user folder with the package', t);
		const data = n8n.userFolder;
		mailDir = path.join(data, 'mail');
		storeFile = path.join(data, 'bem-store.sqlite');
		// the store key lives in the data folder, as npm start keeps it (secrets.json, mode 600)
		fs.writeFileSync(path.join(data, 'secrets.json'), JSON.stringify({ bemStoreEncryptionKey: crypto.randomBytes(24).toString('base64url') }), { mode: 0o600 });
		storeKey = (JSON.parse(fs.readFileSync(path.join(data, 'secrets.json'), 'utf8')) as { bemStoreEncryptionKey: string }).bemStoreEncryptionKey;

		hris = await hrisDemo.startDemoHris({ port: 0 });
		mail = await mailDemo.startMailCatcher({ smtpPort: 0, httpPort: 0, dir: mailDir });

		// the demo store's closed BEM (2007), as npm start seeds it
		await withStore(async (store) => {
			for (const s of hrisDemo.STAFF.filter((x) => x.closedBemDaysAgo)) {
				const closedOn = addDays(today, -(s.closedBemDaysAgo as number));
				const { case: c } = await store.openCase({ employeeId: String(s.id), reachedOn: addDays(closedOn, -30), reason: 'cumulative', on: addDays(closedOn, -29), actor: 'e2e-seed' });
				await store.recordEvent(c.id, { type: 'invitation_sent', on: addDays(closedOn, -28), actor: 'e2e-seed', idempotencyKey: `${c.id}:first` });
				await store.recordEvent(c.id, { type: 'reply_declined', on: closedOn, actor: 'e2e-seed' });
			}
		});

		t = Date.now();
		const only = (ref: Record<string, { id: string; name: string }>) => {
			const [[type, { id, name }]] = Object.entries(ref);
			return { type, id, name };
		};
		const creds = [
			{ ...only(CREDENTIALS.bemStore), data: { backend: 'sqlite', sqlitePath: storeFile, encryptionKey: storeKey, state: 'DE', retentionYears: 3, reviewMonths: '3,6' } },
			{ ...only(CREDENTIALS.smtp), data: { user: '', password: '', host: '127.0.0.1', port: mail.smtpPort, secure: false, disableStartTls: true, hostName: '' } },
			{ ...only(CREDENTIALS.personio), data: { clientId: hrisDemo.CLIENT_ID, clientSecret: hrisDemo.CLIENT_SECRET, apiVersion: 'v2', baseUrl: hris.url, appId: 'n8n-nodes-bem-e2e', partnerId: '' } },
		];
		const credDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-e2e-credentials-'));
		try {
			fs.writeFileSync(path.join(credDir, 'credentials.json'), JSON.stringify(creds), { mode: 0o600 });
			const res = await n8n.cli(['import:credentials', `--input=${path.join(credDir, 'credentials.json')}`]);
			if (res.status !== 0) throw new Error(`n8n import:credentials failed (exit ${res.status}):\n${res.stderr.split('\n').slice(-10).join('\n')}`);
		} finally {
			fs.rmSync(credDir, { recursive: true, force: true });
		}
		const imported = await n8n.cli(['import:workflow', '--separate', `--input=${SHIPPED}`]);
		if (imported.status !== 0) throw new Error(`n8n import:workflow failed (exit ${imported.status}):\n${imported.stdout}\n${imported.stderr}`);
		mark('credentials and workflows imported', t);

		t = Date.now();
		await n8n.start();
		cookie = await lib.setupOwner(n8n.baseUrl, { email: 'bem-e2e@example.com', firstName: 'BEM', lastName: 'E2E', password: `Bem-${crypto.randomBytes(9).toString('base64url')}1` });
		// publish what start.js publishes: sub-workflows, forms, webhooks, the error workflow
		for (const f of fs.readdirSync(SHIPPED).filter((x) => x.endsWith('.json'))) {
			const wf = JSON.parse(fs.readFileSync(path.join(SHIPPED, f), 'utf8')) as { id: string; nodes: Array<{ type: string }> };
			if (!wf.nodes.some((n) => PUBLISHED_TRIGGERS.includes(n.type))) continue;
			const got = await fetch(`${n8n.baseUrl}/rest/workflows/${wf.id}`, { headers: { cookie } });
			if (got.status !== 200) throw new Error(`reading workflow ${wf.id} (${f}) failed: HTTP ${got.status}`);
			const { versionId } = ((await got.json()) as { data: { versionId: string } }).data;
			const res = await fetch(`${n8n.baseUrl}/rest/workflows/${wf.id}/activate`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ versionId }) });
			if (res.status !== 200) throw new Error(`publishing ${f} failed: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
		}
		mark('n8n started, owner set up, workflows published', t);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await Promise.all([hris?.close(), mail?.close()]);
		console.log(`process e2e timings (total ${((Date.now() - t0) / 1000).toFixed(1)} s):\n  ${timings.join('\n  ')}`);
	});

	it('Detect (Personio) sends the first invitations with their PDF to the due employees', async () => {
		const t = Date.now();
		expect(DUE.map((s) => s.id)).toEqual([2001, 2002, 2005, 2011]);
		await runInServer(IDS.detectPersonio);
		const expected = DUE.map(emailOf).sort();
		const firsts = await poll(
			`first invitations to ${expected.join(', ')}`,
			async () => {
				const got = (await mails()).filter((m) => FIRST_SUBJECT.test(m.subject));
				return got.length >= expected.length ? got : undefined;
			},
			{ detail: () => describeExecutions() },
		);
		mark('detect run until the first letters are caught', t);
		expect(firsts.map((m) => m.to).sort()).toEqual(expected);
		for (const m of firsts) {
			const pdfs = m.attachments.filter((a) => a.contentType === 'application/pdf');
			expect({ to: m.to, pdfs: pdfs.length }).toEqual({ to: m.to, pdfs: 1 });
			expect(pdfs[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			expect(pdfs[0].content.length).toBeGreaterThan(1000);
		}
		// nobody else got a letter (2007's closed BEM restarts the count; approaching ones only reach HR's digest)
		const letters = (await mails()).filter((m) => /Eingliederungsmanagements/.test(m.subject));
		expect(letters.map((m) => m.to).sort()).toEqual(expected);
	});

	it('the BEM store holds one invited case per due employee, reply due in 14 days or a little later', async () => {
		const cases = await withStore(casesOf);
		const open = cases.filter((c) => c.state !== 'closed');
		expect(open.map((c) => c.employeeId).sort()).toEqual(DUE.map((s) => String(s.id)).sort());
		for (const c of open) {
			expect({ employeeId: c.employeeId, state: c.state, openedOn: c.openedOn }).toEqual({ employeeId: c.employeeId, state: 'invited', openedOn: today });
			// 14 days, rolled forward past weekends/holidays
			expect(c.replyDueOn! >= addDays(today, 14) && c.replyDueOn! <= addDays(today, 20)).toBe(true);
		}
	});

	it("n8n's own records: one invitation cycle per case, waiting until 07:00 Berlin the day after the reply deadline", async () => {
		const cases = (await withStore(casesOf)).filter((c) => c.state === 'invited');
		const waiting = await poll(`${cases.length} waiting invitation-cycle executions`, () => {
			const w = cycleExecutions().filter((e) => e.status === 'waiting');
			return w.length >= cases.length ? w : undefined;
		}, { timeoutMs: 30000, detail: describeExecutions });
		expect(waiting).toHaveLength(cases.length);
		const got = waiting.map((e) => new Date(dbTime(e.waitTill)).toISOString()).sort();
		const want = cases.map((c) => new Date(berlinTime(addDays(c.replyDueOn as string, 1), 7)).toISOString()).sort();
		expect(got).toEqual(want);
		timings.push(`cycles waiting: ${waiting.map((e) => `${e.id} until ${e.waitTill}`).join(', ')} (reply due ${[...new Set(cases.map((c) => c.replyDueOn))].join(', ')})`);
		// nothing else of the cycles is left over (none failed)
		expect(cycleExecutions().filter((e) => e.status !== 'waiting').map((e) => `${e.id}:${e.status}`)).toEqual([]);
	});

	it('running Detect again the same day sends no letter and opens no case', async () => {
		const t = Date.now();
		const before = { mails: await mails(), cases: await withStore(casesOf), cycles: cycleExecutions().map((e) => e.id) };
		await runInServer(IDS.detectPersonio);
		// let anything the run might have started settle: no new cycle, no new letter within a few seconds
		await new Promise((r) => setTimeout(r, 4000));
		mark('second detect run', t);
		const after = await mails();
		const fresh = after.filter((m) => !before.mails.some((b) => b.file === m.file));
		// the approaching digest to HR goes out every run by design; no letters to employees
		expect(fresh.filter((m) => /Eingliederungsmanagements/.test(m.subject) || !m.to.startsWith('bem-team@')).map((m) => `${m.to}: ${m.subject}`)).toEqual([]);
		const cases = await withStore(casesOf);
		expect(cases.map((c: BemCase) => `${c.id}:${c.state}:${c.version}`).sort()).toEqual(before.cases.map((c) => `${c.id}:${c.state}:${c.version}`).sort());
		expect(cycleExecutions().map((e) => e.id)).toEqual(before.cycles);
	});

	it('the Deadline Sweep run for the day after the first deadline sends the second invitations', async () => {
		const t = Date.now();
		const invited = await withStore(casesOf).then((cs) => cs.filter((c) => c.state === 'invited'));
		expect(invited.length).toBe(DUE.length);
		const asOf = addDays(invited.map((c) => c.replyDueOn as string).sort().pop() as string, 1);
		// the sweep's manual trigger with pinned data { asOf } (what "Run Now" with a date does in the editor)
		const sweep = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'bem-4-deadline-sweep.json'), 'utf8')) as { id: string; pinData?: unknown };
		expect(sweep.id).toBe(IDS.sweep);
		sweep.pinData = { [MANUAL_TRIGGER]: [{ json: { asOf } }] };
		const file = path.join(n8n.userFolder, 'sweep-as-of.json');
		fs.writeFileSync(file, JSON.stringify(sweep));
		await n8n.importWorkflow(file);
		await runInServer(IDS.sweep);
		const expected = DUE.map(emailOf).sort();
		const seconds = await poll(`second invitations to ${expected.join(', ')}`, async () => {
			const got = (await mails()).filter((m) => SECOND_SUBJECT.test(m.subject));
			return got.length >= expected.length ? got : undefined;
		}, { timeoutMs: 60000, detail: () => describeExecutions() });
		mark('sweep (import with asOf + run) until the second letters are caught', t);
		expect(seconds.map((m) => m.to).sort()).toEqual(expected);
		for (const m of seconds) expect(m.attachments.filter((a) => a.contentType === 'application/pdf' && a.content.subarray(0, 5).toString('latin1') === '%PDF-')).toHaveLength(1);
		const cases = (await withStore(casesOf)).filter((c) => c.state !== 'closed');
		for (const c of cases) {
			expect({ employeeId: c.employeeId, state: c.state }).toEqual({ employeeId: c.employeeId, state: 'reinvited' });
			expect(c.replyDueOn! >= addDays(asOf, 14)).toBe(true);
		}
		// the cycles still sleep (their own wake-up finds the letter claimed and sends nothing twice)
		expect(cycleExecutions().filter((e) => e.status === 'waiting')).toHaveLength(DUE.length);
	});
});
