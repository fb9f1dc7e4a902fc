// What the real-n8n process tests share (one n8n: process.e2e.test.ts; queue mode: queue.queue.test.ts):
// the demo set-up scripts typed, the due demo staff, the mails the catcher kept, the BEM store, and the
// Deadline Sweep "run for a date".
import * as fs from 'fs';
import * as path from 'path';

import { simpleParser } from 'mailparser';

import type { BemStore } from '../../core/store';
import type * as lib from '../../scripts/lib/n8n';

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
	demoCredentials(o: StoreWhere & { hrisUrl: string; smtpPort: number; appId?: string }): unknown[];
	openDemoStore(o: StoreWhere): Promise<BemStore>;
	importCredentials(runtime: lib.Runtime, env: Record<string, string>, creds: unknown[]): number;
	seedClosedBems(o: StoreWhere & { actor?: string }): Promise<void>;
	request(url: string | URL, init?: RequestInit): Promise<Response>;
	publishWorkflow(baseUrl: string, cookie: string, id: string): Promise<boolean>;
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
