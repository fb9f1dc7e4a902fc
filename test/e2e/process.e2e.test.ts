// The BEM process in a real n8n, as `npm start` sets it up: the demo HRIS (Personio v2), the SMTP mail
// catcher, the three credentials of the shipped workflows, workflows/*.json imported and the ones with
// an Execute-Workflow/Form/Webhook/Error trigger published — in a temp user folder on free ports.
// "BEM · 1 Detect (Personio)" runs inside the server (REST, as the editor's "Execute workflow"), so the
// invitation cycles it starts without waiting run to their Wait: first letters with PDF in the catcher,
// cases 'invited' in the BEM store, the cycles 'waiting' in n8n's own execution records until the morning
// after the reply deadline. A second run the same day sends and opens nothing. n8n restarts while the
// cycles wait: they wait on. One employee answers through the n8n Form with the link from their letter
// (case accepted, its cycle woken and ended); a forged and an expired link change nothing. The Deadline
// Sweep run for the day after the first deadline sends the second letters, after the second deadline it
// closes with no_reply and mails the personnel-file extract.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { BemCase, BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import {
	FIRST_SUBJECT,
	ROOT,
	SECOND_SUBJECT,
	SHIPPED,
	IDS,
	addDays,
	allCases,
	dayAfterLastDeadline,
	demo,
	dueOf,
	e2eOwner,
	emailOf,
	hrisDemo,
	importShipped,
	mailDemo,
	publishShipped,
	readMails,
	sweepAsOfFile,
	withDemoStore,
	type CaughtMail,
} from './demo';
import { createN8n, type ExecutionRecord, type N8n } from './n8n';

const today = hrisDemo.berlinToday();
/** The demo staff the HRIS describes as due (its notes say "due"); 2007's closed BEM keeps it below. */
const DUE = dueOf(hrisDemo.STAFF);

/** 'YYYY-MM-DD' at hour:00 in Europe/Berlin, as a UTC instant (ms). */
function berlinTime(day: string, hour: number): number {
	const guess = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
	const berlinHour = Number(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Berlin',
			hour: '2-digit',
			hourCycle: 'h23',
		}).format(new Date(guess)),
	);
	return guess - (berlinHour - hour) * 3600000;
}
/** n8n's SQLite keeps dates as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
const dbTime = (v: string | null) =>
	v === null ? NaN : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);

const { poll } = lib;

/** What would show an absence record in n8n's data: the demo HRIS's absence ids and a record's fields. */
function absenceMarks(text: string): string[] {
	const marks = [
		/b1e0a\d+-0000-4000-8000-\d{12}/,
		/"absences"/,
		/"startHalf"/,
		/"endHalf"/,
		/"typeName"/,
	];
	return marks.filter((m) => m.test(text)).map(String);
}

describe('the BEM process in a real n8n (demo HRIS, mail catcher, shipped workflows)', () => {
	let n8n: N8n;
	let hris: { url: string; close(): Promise<void> };
	let mail: { smtpPort: number; close(): Promise<unknown> };
	let mailDir: string;
	let storeFile: string;
	let storeKey: string;
	let cookie: string;
	const owner = e2eOwner('bem-e2e@example.com');
	const timings: string[] = [];
	const t0 = Date.now();
	const mark = (what: string, since: number) =>
		timings.push(`${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);

	const mails = (): Promise<CaughtMail[]> => readMails(mailDir);
	const mailSummary = async () =>
		(await mails())
			.map((m) => `  ${m.to}: ${m.subject} (${m.attachments.length} attachment(s))`)
			.join('\n') || '  (none)';

	const withStore = <T>(fn: (store: BemStore) => Promise<T>): Promise<T> =>
		withDemoStore({ storeFile, storeKey }, fn);
	const casesOf = allCases;

	const cycleExecutions = () =>
		n8n.executions(IDS.invitationCycle).filter((e) => e.deletedAt === null);
	const describeExecutions = () =>
		`n8n executions:\n${n8n
			.executions()
			.map(
				(e) =>
					`  ${e.id} ${e.workflowId} ${e.mode} ${e.status} waitTill=${e.waitTill} deleted=${e.deletedAt !== null}`,
			)
			.join(
				'\n',
			)}\n--- n8n log tail ---\n${fs.existsSync(n8n.logFile) ? fs.readFileSync(n8n.logFile, 'utf8').slice(-2000) : ''}`;

	/** Runs a workflow from its manual trigger inside the server (the editor's "Execute workflow") and waits for it to end. */
	async function runInServer(workflowId: string): Promise<ExecutionRecord | undefined> {
		const id = await demo.runInServer(n8n.baseUrl, cookie, workflowId);
		const started = Date.now();
		// a successful manual run keeps no data: its record ends soft-deleted (or gone); a failed one keeps its error
		const rec = await poll(
			`execution ${id} of ${workflowId} to end`,
			() => {
				const r = n8n.executions(workflowId).find((e) => e.id === id);
				if (!r) return { gone: true as const };
				return lib.executionEnded(r) ? { rec: r } : undefined;
			},
			{ timeoutMs: 120000, detail: describeExecutions },
		);
		const ended = 'rec' in rec ? rec.rec : undefined;
		timings.push(
			`${workflowId} execution ${id} ended (${ended ? (ended.deletedAt ? 'record soft-deleted, no data kept' : `status ${ended.status}`) : 'record removed'}) after ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		if (ended && ['error', 'crashed', 'canceled'].includes(ended.status)) {
			throw new Error(
				`${workflowId} execution ${id} ended ${ended.status}:\n${(n8n.executionData(id)?.raw ?? '').slice(0, 4000)}`,
			);
		}
		return ended;
	}

	/** The Deadline Sweep "run for a date": its manual trigger with pinned data { asOf }, as "Run Now" with a date in the editor. */
	async function runSweep(asOf: string): Promise<void> {
		await n8n.importWorkflow(sweepAsOfFile(n8n.userFolder, asOf));
		await runInServer(IDS.sweep);
	}

	/** The reply link printed in the first letter to this employee. */
	async function replyLinkTo(staff: { first: string; last: string }): Promise<URL> {
		const letter = (await mails()).find(
			(m) => m.to === emailOf(staff) && FIRST_SUBJECT.test(m.subject),
		);
		const href = letter?.text.match(/https?:\/\/\S+\/form\/bem-reply\?\S+/)?.[0];
		if (!href)
			throw new Error(
				`no reply link in the first letter to ${emailOf(staff)}:\n${letter?.text ?? '(no letter)'}`,
			);
		return new URL(href);
	}

	/**
	 * Answers the reply form as a browser does: GET the link (the form, hidden fields filled from the
	 * query), POST the fields as multipart (field-0 answer, field-1 token) and show what the POST
	 * answers: the form's script (n8n's form-trigger template) takes a text answer as the page
	 * (`document.body.innerHTML = text`); a `formWaitingUrl` would mean an execution waiting for the
	 * browser to fetch a Form ending, which the reply form must not leave (issue 13 item 8).
	 */
	async function answerForm(link: URL, answer: string): Promise<string> {
		const page = await demo.request(link, { signal: AbortSignal.timeout(10000) });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Ihre Antwort / Your answer');
		// the script shows the POST's answer as the page only in this mode
		expect(html).toMatch(/id="useResponseData"[^>]*value=true/);
		const body = new FormData();
		body.set('field-0', answer);
		body.set('field-1', link.searchParams.get('token') ?? '');
		const posted = await demo.request(link, {
			method: 'POST',
			body,
			signal: AbortSignal.timeout(30000),
		});
		const text = await posted.text();
		if (posted.status !== 200)
			throw new Error(`posting the reply form: HTTP ${posted.status} ${text.slice(0, 500)}`);
		if (text.includes('formWaitingUrl'))
			throw new Error(`the reply form answered with a waiting page: ${text.slice(0, 500)}`);
		return text;
	}

	/** Executions of the reply form that n8n keeps waiting (with the token, case id and resume link). */
	const waitingReplies = () =>
		n8n.executions(IDS.reply).filter((e) => e.status === 'waiting' && e.deletedAt === null);

	beforeAll(async () => {
		let t = Date.now();
		n8n = await createN8n({ server: false });
		mark('n8n user folder with the package', t);
		const data = n8n.userFolder;
		mailDir = path.join(data, 'mail');
		storeFile = path.join(data, 'bem-store.sqlite');
		storeKey = crypto.randomBytes(24).toString('base64url');

		hris = await hrisDemo.startDemoHris({ port: 0 });
		mail = await mailDemo.startMailCatcher({ smtpPort: 0, httpPort: 0, dir: mailDir });

		// the demo store's closed BEM (2007) and the credentials, as npm start makes them
		await demo.seedClosedBems({ storeFile, storeKey, actor: 'e2e-seed' });
		t = Date.now();
		const creds = demo.demoCredentials({
			hrisUrl: hris.url,
			smtpPort: mail.smtpPort,
			storeFile,
			storeKey,
			appId: 'n8n-nodes-bem-e2e',
		});
		demo.importCredentials(
			n8n.runtime,
			{ ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()) },
			creds,
		);
		await importShipped(n8n);
		mark('credentials and workflows imported', t);

		t = Date.now();
		await n8n.start();
		cookie = await lib.setupOwner(n8n.baseUrl, owner);
		// publish what start.js publishes: sub-workflows, forms, webhooks, the error workflow, the
		// schedules the process needs (Detect for Personio, the sweep's 4a)
		await publishShipped(n8n.baseUrl, cookie);
		mark('n8n started, owner set up, workflows published', t);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await Promise.all([hris?.close(), mail?.close()]);
		console.log(
			`process e2e timings (total ${((Date.now() - t0) / 1000).toFixed(1)} s):\n  ${timings.join('\n  ')}`,
		);
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
			expect({ employeeId: c.employeeId, state: c.state, openedOn: c.openedOn }).toEqual({
				employeeId: c.employeeId,
				state: 'invited',
				openedOn: today,
			});
			// 14 days, rolled forward past weekends/holidays
			expect(c.replyDueOn! >= addDays(today, 14) && c.replyDueOn! <= addDays(today, 20)).toBe(true);
		}
	});

	it("n8n's own records: one invitation cycle per case, waiting until 07:00 Berlin the day after the reply deadline", async () => {
		const cases = (await withStore(casesOf)).filter((c) => c.state === 'invited');
		const waiting = await poll(
			`${cases.length} waiting invitation-cycle executions`,
			() => {
				const w = cycleExecutions().filter((e) => e.status === 'waiting');
				return w.length >= cases.length ? w : undefined;
			},
			{ timeoutMs: 30000, detail: describeExecutions },
		);
		expect(waiting).toHaveLength(cases.length);
		const got = waiting.map((e) => new Date(dbTime(e.waitTill)).toISOString()).sort();
		const want = cases
			.map((c) => new Date(berlinTime(addDays(c.replyDueOn as string, 1), 7)).toISOString())
			.sort();
		expect(got).toEqual(want);
		timings.push(
			`cycles waiting: ${waiting.map((e) => `${e.id} until ${e.waitTill}`).join(', ')} (reply due ${[...new Set(cases.map((c) => c.replyDueOn))].join(', ')})`,
		);
		// what n8n keeps of a waiting cycle (admins see it for weeks): ids, states and dates, no name, address or letter
		for (const e of waiting) {
			const raw = n8n.executionData(e.id)?.raw ?? '';
			expect(raw.length).toBeGreaterThan(0);
			expect({
				id: e.id,
				personal: DUE.filter(
					(s) => raw.includes(emailOf(s)) || raw.includes(s.last) || raw.includes(s.first),
				).map((s) => s.id),
				pdf: raw.includes('%PDF') || raw.includes('JVBERi0'),
			}).toEqual({ id: e.id, personal: [], pdf: false });
		}
		// nothing else of the cycles is left over (none failed)
		expect(
			cycleExecutions()
				.filter((e) => e.status !== 'waiting')
				.map((e) => `${e.id}:${e.status}`),
		).toEqual([]);
	});

	it('running Detect again the same day sends no letter and opens no case', async () => {
		const t = Date.now();
		const before = {
			mails: await mails(),
			cases: await withStore(casesOf),
			cycles: cycleExecutions().map((e) => e.id),
		};
		await runInServer(IDS.detectPersonio);
		// let anything the run might have started settle: no new cycle, no new letter within a few seconds
		await new Promise((r) => setTimeout(r, 4000));
		mark('second detect run', t);
		const after = await mails();
		const fresh = after.filter((m) => !before.mails.some((b) => b.file === m.file));
		// no letters to employees (the approaching digest goes to the BEM officer once per crossing)
		expect(
			fresh
				.filter((m) => /Eingliederungsmanagements/.test(m.subject) || !m.to.startsWith('bem-team@'))
				.map((m) => `${m.to}: ${m.subject}`),
		).toEqual([]);
		const cases = await withStore(casesOf);
		expect(cases.map((c: BemCase) => `${c.id}:${c.state}:${c.version}`).sort()).toEqual(
			before.cases.map((c) => `${c.id}:${c.state}:${c.version}`).sort(),
		);
		expect(cycleExecutions().map((e) => e.id)).toEqual(before.cycles);
	});

	it('where the works agreement provides for it, Detect tells the line manager who newly comes near (one mail, personnel numbers only)', async () => {
		// a copy of Detect with Settings lineManagerNotice on, under its own id: its approaching set starts
		// empty, so the demo's two approaching employees are new to it. It runs here, the same day as the
		// first Detect (whose cases it finds invited, so no letter), before the sweeps close cases on
		// later days: Detect refuses a BEM closure dated after its reference day.
		const wf = JSON.parse(
			fs.readFileSync(path.join(SHIPPED, 'bem-1-detect-personio.json'), 'utf8'),
		) as {
			id: string;
			name: string;
			nodes: Array<{
				name: string;
				parameters: { assignments: { assignments: Array<{ name: string; value: unknown }> } };
			}>;
		};
		wf.id = 'bemE2eDetectAgrmt';
		wf.name = `${wf.name} (works agreement: line managers)`;
		const settings = wf.nodes.find((n) => n.name === 'Settings');
		const notice = settings?.parameters.assignments.assignments.find(
			(a) => a.name === 'lineManagerNotice',
		);
		expect(notice?.value).toBe(false);
		if (notice) notice.value = true;
		const file = path.join(n8n.userFolder, 'detect-line-managers.json');
		fs.writeFileSync(file, JSON.stringify(wf));
		await n8n.importWorkflow(file);
		const before = await mails();
		await runInServer(wf.id);
		const subject = 'BEM: Beschäftigte Ihres Bereichs nahe der Sechs-Wochen-Schwelle';
		let caught: CaughtMail[] = [];
		const fresh = await poll(
			'the line manager notice caught',
			async () => {
				caught = (await mails()).filter((m) => !before.some((b) => b.file === m.file));
				return caught.some((m) => m.subject === subject) ? caught : undefined;
			},
			{
				timeoutMs: 20000,
				detail: () => `caught since the run: ${caught.map((m) => m.subject).join('; ') || 'none'}`,
			},
		);
		const manager = hrisDemo.STAFF.find((s) => s.id === 2001) as { first: string; last: string };
		const notices = fresh.filter((m) => m.subject === subject);
		expect(notices.map((m) => m.to)).toEqual([emailOf(manager)]);
		expect(notices[0].text).toContain('Personalnummer 2003\nPersonalnummer 2004\n');
		expect(notices[0].text).not.toMatch(/Leonie|Wagner|Mehmet|Yilmaz|Arbeitstage|Diagnose/);
		// besides it only the officer's digest: no letter, nobody unreachable
		expect(fresh.filter((m) => m !== notices[0]).map((m) => m.to)).toEqual([
			'bem-team@example.com',
		]);
	});

	it("a manual Detect run n8n keeps whole holds threshold results only: no absence record in execution_data (any row) or the editor's REST read", async () => {
		// issue 12: n8n 2.41 redacts nothing without a licence (test/e2e/redaction.e2e.test.ts), so the
		// proof is that no absence record ever leaves a node. Detect ships keeping no run data; this copy
		// keeps all of it, as an admin might set it, and runs as the editor's "Execute workflow".
		const t = Date.now();
		const wf = JSON.parse(
			fs.readFileSync(path.join(SHIPPED, 'bem-1-detect-personio.json'), 'utf8'),
		) as { id: string; settings: Record<string, unknown> };
		expect(wf.id).toBe(IDS.detectPersonio);
		wf.settings = { ...wf.settings, saveManualExecutions: true, saveDataSuccessExecution: 'all' };
		const file = path.join(n8n.userFolder, 'detect-keeping-data.json');
		fs.writeFileSync(file, JSON.stringify(wf));
		await n8n.importWorkflow(file);
		const kept = await runInServer(IDS.detectPersonio);
		mark('detect run with its data kept', t);
		expect(kept?.status).toBe('success');
		const stored = n8n.executionData(kept!.id)!.raw;
		// the threshold ran and its results are there: ids, dates and counts
		expect(stored).toContain('Check §167 Threshold');
		expect(stored).toContain('countedWorkingDays');
		// the editor's read: { data: { ...execution, data: <the run data, flatted> } }
		const body = (await (
			await fetch(`${n8n.baseUrl}/rest/executions/${kept!.id}`, { headers: { cookie } })
		).json()) as { data?: { data?: unknown } };
		const rest = typeof body.data?.data === 'string' ? body.data.data : JSON.stringify(body);
		expect(rest).toContain('countedWorkingDays');
		expect({ stored: absenceMarks(stored), rest: absenceMarks(rest) }).toEqual({
			stored: [],
			rest: [],
		});
		// and no row of n8n's execution_data holds one
		const rows = n8n
			.executions()
			.map((e) => ({ id: e.id, marks: absenceMarks(n8n.executionData(e.id)?.raw ?? '') }));
		expect(rows.length).toBeGreaterThan(DUE.length);
		expect(rows.filter((r) => r.marks.length > 0)).toEqual([]);
	});

	it('n8n restarted while the invitation cycles wait: the same executions wait on, with the same resume time', async () => {
		const t = Date.now();
		const before = cycleExecutions().map((e) => `${e.id}:${e.status}:${e.waitTill}`);
		expect(before.filter((e) => e.includes(':waiting:'))).toHaveLength(DUE.length);
		await n8n.stop();
		await n8n.start();
		cookie = await lib.login(n8n.baseUrl, owner.email, owner.password);
		mark('n8n restart', t);
		expect(cycleExecutions().map((e) => `${e.id}:${e.status}:${e.waitTill}`)).toEqual(before);
	});

	it('a reply through the n8n Form with the signed link from the letter accepts the case and wakes its cycle', async () => {
		const t = Date.now();
		const [replier] = DUE;
		const link = await replyLinkTo(replier);
		// the letter links this n8n's own form; the waiting cycle's resume link is in the BEM file with
		// the letter (the form wakes only that one), not in the link
		expect(`${link.origin}${link.pathname}`).toBe(`${n8n.baseUrl}/form/bem-reply`);
		expect([...link.searchParams.keys()]).toEqual(['token']);
		const replierCase = (await withStore(casesOf)).find(
			(x) => x.employeeId === String(replier.id),
		) as BemCase;
		const trail = await withStore((store) =>
			store.auditTrail(replierCase.id, { actor: 'e2e-test', purpose: 'e2e test assertions' }),
		);
		const resume = new URL(
			trail.find((e) => e.type === 'invitation_sent')?.data.resumeUrl as string,
		);
		expect(resume.pathname).toMatch(/\/webhook-waiting\/\d+$/);
		const cycleId = resume.pathname.split('/').pop() as string;
		expect(cycleExecutions().find((e) => e.id === cycleId)?.status).toBe('waiting');
		const before = await mails();

		const page = await answerForm(link, 'Ja, ich möchte ein BEM / Yes, I accept the BEM offer');
		expect(page).toContain('Vielen Dank / Thank you');
		mark('reply through the form', t);

		const c = (await withStore(casesOf)).find((x) => x.employeeId === String(replier.id));
		expect({ state: c?.state, outcome: c?.outcome ?? null }).toEqual({
			state: 'accepted',
			outcome: null,
		});
		// the woken cycle found the case accepted and ended (no data kept for a success); no letter went out
		const woken = await poll(
			`cycle ${cycleId} to end after the reply`,
			() => {
				const e = n8n.executions(IDS.invitationCycle).find((x) => x.id === cycleId);
				// a success keeps no data: n8n soft-deletes the record (or has removed it)
				if (!e || e.deletedAt !== null) return 'ended, no data kept';
				return ['success', 'error', 'crashed', 'canceled'].includes(e.status)
					? e.status
					: undefined;
			},
			{ timeoutMs: 30000, detail: describeExecutions },
		);
		expect(['success', 'ended, no data kept']).toContain(woken);
		await new Promise((r) => setTimeout(r, 1000));
		const fresh = (await mails()).filter((m) => !before.some((b) => b.file === m.file));
		expect(fresh.map((m) => `${m.to}: ${m.subject}`)).toEqual([]);

		// the link answers its letter once: the same link again changes nothing and says so
		expect(await answerForm(link, 'Nein, ich möchte kein BEM / No, I decline')).toContain(
			'Antwort liegt bereits vor / Reply already received',
		);
		expect((await withStore(casesOf)).find((x) => x.id === replierCase.id)?.state).toBe('accepted');
		// no execution of the reply form waits in n8n after either answer
		expect(waitingReplies().map((e) => `${e.id}:${e.status}`)).toEqual([]);
	});

	it('a forged or expired link shows the invalid-link page and changes nothing', async () => {
		const other = DUE[1];
		const link = await replyLinkTo(other);
		const token = link.searchParams.get('token') as string;
		const before = {
			cases: await withStore(casesOf),
			cycles: cycleExecutions().map((e) => `${e.id}:${e.status}`),
			mails: (await mails()).length,
		};
		const caseOf = before.cases.find((c) => c.employeeId === String(other.id)) as BemCase;

		// forged: the signature altered
		const forged = new URL(link);
		forged.searchParams.set('token', token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'));
		expect(await answerForm(forged, 'Nein, ich möchte kein BEM / No, I decline')).toContain(
			'Link ungültig oder abgelaufen / Link invalid or expired',
		);
		// expired: correctly signed with this installation's key, but valid only until yesterday
		const { createReplyToken } = require(
			path.join(ROOT, 'dist/core/replyLink'),
		) as typeof import('../../core/replyLink');
		const expired = new URL(link);
		expired.searchParams.set(
			'token',
			createReplyToken({ caseId: caseOf.id, validUntil: addDays(today, -1) }, storeKey),
		);
		expect(await answerForm(expired, 'Nein, ich möchte kein BEM / No, I decline')).toContain(
			'Link ungültig oder abgelaufen / Link invalid or expired',
		);
		expect(waitingReplies().map((e) => `${e.id}:${e.status}`)).toEqual([]);

		const after = await withStore(casesOf);
		expect(after.map((c) => `${c.id}:${c.state}:${c.version}`).sort()).toEqual(
			before.cases.map((c) => `${c.id}:${c.state}:${c.version}`).sort(),
		);
		// the case's cycle still waits; nothing was mailed
		expect(cycleExecutions().map((e) => `${e.id}:${e.status}`)).toEqual(before.cycles);
		expect((await mails()).length).toBe(before.mails);
	});

	it('the Deadline Sweep run for the day after the first deadline sends the second invitations', async () => {
		const t = Date.now();
		const invited = await withStore(casesOf).then((cs) => cs.filter((c) => c.state === 'invited'));
		// the accepted one (reply through the form) is done with invitations
		const unanswered = DUE.slice(1);
		expect(invited.map((c) => c.employeeId).sort()).toEqual(
			unanswered.map((s) => String(s.id)).sort(),
		);
		const asOf = dayAfterLastDeadline(invited);
		await runSweep(asOf);
		const expected = unanswered.map(emailOf).sort();
		const seconds = await poll(
			`second invitations to ${expected.join(', ')}`,
			async () => {
				const got = (await mails()).filter((m) => SECOND_SUBJECT.test(m.subject));
				return got.length >= expected.length ? got : undefined;
			},
			{ timeoutMs: 60000, detail: () => describeExecutions() },
		);
		mark('sweep (import with asOf + run) until the second letters are caught', t);
		expect(seconds.map((m) => m.to).sort()).toEqual(expected);
		for (const m of seconds)
			expect(
				m.attachments.filter(
					(a) =>
						a.contentType === 'application/pdf' &&
						a.content.subarray(0, 5).toString('latin1') === '%PDF-',
				),
			).toHaveLength(1);
		const cases = (await withStore(casesOf)).filter((c) =>
			unanswered.some((s) => String(s.id) === c.employeeId),
		);
		for (const c of cases) {
			expect({ employeeId: c.employeeId, state: c.state }).toEqual({
				employeeId: c.employeeId,
				state: 'reinvited',
			});
			expect(c.replyDueOn! >= addDays(asOf, 14)).toBe(true);
		}
		// the cycles still sleep (their own wake-up finds the letter claimed and sends nothing twice)
		expect(cycleExecutions().filter((e) => e.status === 'waiting')).toHaveLength(unanswered.length);
	});

	it('the Deadline Sweep after the second deadline closes with no_reply and mails the personnel-file extract', async () => {
		const t = Date.now();
		const reinvited = (await withStore(casesOf)).filter((c) => c.state === 'reinvited');
		expect(reinvited).toHaveLength(DUE.length - 1);
		const asOf = dayAfterLastDeadline(reinvited);
		const before = (await mails()).length;
		await runSweep(asOf);
		const extracts = await poll(
			`${reinvited.length} personnel-file extracts`,
			async () => {
				const got = (await mails())
					.slice(before)
					.filter((m) => m.to === 'personalakte@example.com');
				return got.length >= reinvited.length ? got : undefined;
			},
			{ timeoutMs: 60000, detail: () => describeExecutions() },
		);
		mark('sweep after the second deadline until the extracts are caught', t);
		expect(extracts).toHaveLength(reinvited.length);
		for (const c of reinvited) {
			const mail = extracts.filter((m) => m.text.includes(`Personalnummer: ${c.employeeId}`));
			expect({ employeeId: c.employeeId, extracts: mail.length }).toEqual({
				employeeId: c.employeeId,
				extracts: 1,
			});
			// the extract says only: offered, no reply, labour-law measures; no names of illnesses, no free text
			expect(mail[0].text).toContain('Antwort: keine Antwort (nach zweiter Einladung)');
			expect(mail[0].text).not.toMatch(/Diagnose|Krankheit|Befund|diagnosis/i);
		}
		const after = await withStore(casesOf);
		for (const c of reinvited) {
			const now = after.find((x) => x.id === c.id) as BemCase;
			expect({ id: c.id, state: now.state, outcome: now.outcome, closedOn: now.closedOn }).toEqual({
				id: c.id,
				state: 'closed',
				outcome: 'no_reply',
				closedOn: c.replyDueOn,
			});
		}
		expect(after.find((c) => c.employeeId === String(DUE[0].id))?.state).toBe('accepted');
		// no letter to an employee in this run: only the personnel office (and HR) got mail
		expect(
			(await mails())
				.slice(before)
				.filter((m) => m.to.endsWith('@demo.example'))
				.map((m) => m.subject),
		).toEqual([]);
	});
});
