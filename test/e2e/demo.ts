// What the real-n8n process tests share (one n8n: process.e2e.test.ts; queue mode: queue.queue.test.ts):
// the demo set-up scripts typed, the due demo staff, the mails the catcher kept, the BEM store, and the
// Deadline Sweep "run for a date".
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { simpleParser } from 'mailparser';

import type { BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';

export const ROOT = path.resolve(__dirname, '../..');
export const SHIPPED = path.join(ROOT, 'workflows');
export const { IDS } = require(path.join(ROOT, 'scripts/workflows/common')) as {
	IDS: Record<string, string>;
};

export interface StoreWhere {
	storeFile?: string;
	storeUrl?: string;
	storeKey: string;
}
export const demo = require(path.join(ROOT, 'scripts/lib/demoSetup')) as {
	MANUAL_TRIGGER: string;
	needsPublishing(workflow: unknown): boolean;
	demoCredentials(
		o: StoreWhere & {
			hrisUrl: string;
			smtpPort: number;
			appId?: string;
			cockpitPasswords?: { officer?: string; admin?: string };
		},
	): unknown[];
	openDemoStore(o: StoreWhere): Promise<BemStore>;
	importCredentials(runtime: lib.Runtime, env: Record<string, string>, creds: unknown[]): number;
	seedClosedBems(o: StoreWhere & { actor?: string }): Promise<void>;
	request(url: string | URL, init?: RequestInit): Promise<Response>;
	publishWorkflow(baseUrl: string, cookie: string, id: string): Promise<boolean>;
	publishShipped(baseUrl: string, cookie: string, dir: string): Promise<void>;
	runInServer(
		baseUrl: string,
		cookie: string,
		workflowId: string,
		trigger?: string,
	): Promise<string>;
};
export const hrisDemo = require(path.join(ROOT, 'scripts/demo/hris')) as {
	STAFF: Array<{
		id: number;
		first: string;
		last: string;
		note: string;
		closedBemDaysAgo?: number;
	}>;
	staffOf(size: number): Array<{ id: number; first: string; last: string; note: string }>;
	berlinToday(): string;
	startDemoHris(o: {
		port: number;
		staffSize?: number;
	}): Promise<{ url: string; close(): Promise<void> }>;
};
export const mailDemo = require(path.join(ROOT, 'scripts/demo/mail')) as {
	startMailCatcher(o: {
		smtpPort: number;
		httpPort: number;
		dir: string;
	}): Promise<{ smtpPort: number; inboxUrl: string; close(): Promise<unknown> }>;
};

export const FIRST_SUBJECT = /^Angebot eines Betrieblichen Eingliederungsmanagements/;
export const SECOND_SUBJECT = /^Erneutes Angebot eines Betrieblichen Eingliederungsmanagements/;
const DAY = 86400000;

export const addDays = (d: string, n: number) =>
	new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The day after the latest reply deadline of these cases: a sweep "as of" then finds every one overdue. */
export const dayAfterLastDeadline = (cases: Array<{ replyDueOn?: string | null }>) =>
	addDays(
		cases
			.map((c) => c.replyDueOn as string)
			.sort()
			.pop() as string,
		1,
	);
export const emailOf = (s: { first: string; last: string }) =>
	`${s.first}.${s.last}@demo.example`.toLowerCase();
/** The demo staff the HRIS describes as due (its notes say "due"); 2007's closed BEM keeps it below. */
export const dueOf = <S extends { note: string }>(staff: S[]): S[] =>
	staff.filter((s) => /\bdue\b/.test(s.note));

export interface CaughtMail {
	file: string;
	to: string;
	subject: string;
	text: string;
	attachments: Array<{ filename?: string; contentType: string; content: Buffer }>;
}

/** The mails the catcher kept in dir (.eml), oldest first. */
export async function readMails(dir: string): Promise<CaughtMail[]> {
	if (!fs.existsSync(dir)) return [];
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.eml'))
		.sort();
	return Promise.all(
		files.map(async (file) => {
			const m = await simpleParser(fs.readFileSync(path.join(dir, file)));
			const to = m.to
				? [m.to]
						.flat()
						.map((a) => a.value.map((v) => v.address ?? '').join(','))
						.join(',')
						.toLowerCase()
				: '';
			return {
				file,
				to,
				subject: m.subject ?? '',
				text: m.text ?? '',
				attachments: (m.attachments ?? []).map((a) => ({
					filename: a.filename,
					contentType: a.contentType,
					content: a.content,
				})),
			};
		}),
	);
}

/** A local owner account for n8n's REST owner set-up (a fresh password per run). */
export const e2eOwner = (email: string, lastName = 'E2E') => ({
	email,
	firstName: 'BEM',
	lastName,
	password: `Bem-${crypto.randomBytes(9).toString('base64url')}1`,
});

/** `n8n import:workflow --separate` of every shipped workflow, as `npm start` imports them. */
export async function importShipped(n8n: {
	cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
}): Promise<void> {
	const imported = await n8n.cli(['import:workflow', '--separate', `--input=${SHIPPED}`]);
	if (imported.status !== 0)
		throw new Error(
			`n8n import:workflow failed (exit ${imported.status}):\n${imported.stdout}\n${imported.stderr}`,
		);
}

/** Publishes what start.js publishes (scripts/lib/demoSetup.js): sub-workflows, forms, webhooks, the
 * error workflow, the schedules the process needs. */
export const publishShipped = (baseUrl: string, cookie: string): Promise<void> =>
	demo.publishShipped(baseUrl, cookie, SHIPPED);

/** Opens the demo store, runs fn, closes it. */
export async function withDemoStore<T>(
	where: StoreWhere,
	fn: (store: BemStore) => Promise<T>,
): Promise<T> {
	const store = await demo.openDemoStore(where);
	try {
		return await fn(store);
	} finally {
		await store.close();
	}
}
export const allCases = (store: BemStore) =>
	store.findCases({ limit: 100000 }, { actor: 'e2e-test', purpose: 'e2e test assertions' });

/**
 * The Deadline Sweep "run for a date": the shipped workflow with pinned data { asOf } on its manual
 * trigger, as "Run Now" with a date in the editor; written into dir for `n8n import:workflow`.
 */
export function sweepAsOfFile(dir: string, asOf: string): string {
	const sweep = JSON.parse(
		fs.readFileSync(path.join(SHIPPED, 'bem-4-deadline-sweep.json'), 'utf8'),
	) as { id: string; pinData?: unknown };
	if (sweep.id !== IDS.sweep)
		throw new Error(`the shipped sweep's id is ${sweep.id}, not ${IDS.sweep}`);
	sweep.pinData = { [demo.MANUAL_TRIGGER]: [{ json: { asOf } }] };
	const file = path.join(dir, `sweep-as-of-${asOf}.json`);
	fs.writeFileSync(file, JSON.stringify(sweep));
	return file;
}

/** GET as a browser: follows redirects by hand, keeping the cookies they set (n8n's form sign-in hops). */
async function browserGet(
	start: string,
	jar: Map<string, string>,
): Promise<{ status: number; text: string; url: string }> {
	let url = start;
	for (let hop = 0; hop < 10; hop++) {
		const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const res = await demo.request(url, {
			headers: { cookie },
			redirect: 'manual',
			signal: AbortSignal.timeout(10000),
		});
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const at = pair.indexOf('=');
			const value = pair.slice(at + 1);
			if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(c))
				jar.set(pair.slice(0, at), value);
			else jar.delete(pair.slice(0, at));
		}
		const next = res.headers.get('location');
		if (res.status < 300 || res.status >= 400 || !next)
			return { status: res.status, text: await res.text(), url };
		url = new URL(next, url).toString();
	}
	throw new Error(`more than 10 redirects from ${start}`);
}

/**
 * Submits an n8n Form as a browser does: GET the form page (signed in with `cookie`, following n8n's
 * sign-in redirects; 200, it names `title`), POST the fields as multipart in the form's order (field-0,
 * field-1, …) with the page's auth token; then, as the page's script does, follows a `formWaitingUrl`
 * by polling its `/n8n-execution-status` until the run is no longer running, and opens the Form
 * Ending page a run waits on (`ending`).
 */
export async function submitForm(
	url: string,
	o: { title: string; fields: string[]; cookie?: string },
): Promise<{ status: number; text: string; executionStatus?: string; ending?: string }> {
	const jar = new Map<string, string>(
		(o.cookie ?? '')
			.split(/;\s*/)
			.filter(Boolean)
			.map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as [string, string]),
	);
	let page = await browserGet(url, jar);
	if (new URL(page.url).pathname === '/oauth/consent') {
		// n8n signs the submitter in to the form through its own OAuth server: consent as the editor's page does
		const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const rest = new URL('/rest/consent/', url);
		const details = (await (
			await demo.request(new URL('details', rest), { headers: { cookie: cookie() } })
		).json()) as { data?: { autoApproved?: boolean; redirectUrl?: string } };
		let redirectUrl = details.data?.redirectUrl;
		if (!details.data?.autoApproved) {
			const approved = await demo.request(new URL('approve', rest), {
				method: 'POST',
				headers: { cookie: cookie(), 'content-type': 'application/json' },
				body: JSON.stringify({ approved: true }),
			});
			redirectUrl = ((await approved.json()) as { data?: { redirectUrl?: string } }).data
				?.redirectUrl;
		}
		if (!redirectUrl)
			throw new Error(`n8n's form sign-in gave no redirect: ${JSON.stringify(details)}`);
		page = await browserGet(new URL(redirectUrl, url).toString(), jar);
	}
	if (page.status !== 200 || !page.text.includes(o.title))
		throw new Error(
			`the form ${url}: HTTP ${page.status} at ${page.url}, not the form "${o.title}": ${page.text.slice(0, 300)}`,
		);
	const authToken = page.text.match(/const authToken = '([^']*)'/)?.[1];
	const body = new FormData();
	o.fields.forEach((v, i) => body.set(`field-${i}`, v));
	const posted = await demo.request(url, {
		method: 'POST',
		headers: authToken ? { 'x-auth-token': authToken } : undefined,
		body,
		signal: AbortSignal.timeout(30000),
	});
	const text = await posted.text();
	const waiting = (() => {
		try {
			return (JSON.parse(text) as { formWaitingUrl?: string }).formWaitingUrl;
		} catch {
			return undefined;
		}
	})();
	if (!waiting) return { status: posted.status, text };
	const statusUrl = new URL(waiting);
	statusUrl.pathname += '/n8n-execution-status';
	const executionStatus = await lib.poll(`the form run behind ${waiting}`, async () => {
		const s = (await (await demo.request(statusUrl)).text()).trim();
		// what the page's script waits on; 'null' (no record kept) it shows as final too
		return ['new', 'running', ''].includes(s) ? undefined : s;
	});
	// the run waits on a Form Ending page: the script navigates there, and n8n ends the run
	const ending =
		executionStatus === 'form-waiting' ? (await browserGet(waiting, jar)).text : undefined;
	return { status: posted.status, text, executionStatus, ending };
}
