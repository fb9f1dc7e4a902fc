// Issue 15: the accepted path in a real n8n, through the shipped HR forms (BEM · 5 Case Steps) as a
// logged-in browser submits them: written consent and first talk with the checklist, two measures from
// the catalogue with their owners and due dates (overdue ones listed for reminders), both implemented
// (the last moves the case to review) — in between the shipped Deadline Sweep mails each owner their
// overdue measure (ids, catalogue label, due date; no content), once a day — two effective reviews → closed (completed); the personnel-file
// extract then names the labour-law measures by catalogue label, and no form run is left waiting.
// The case is opened and accepted through the store (the reply form's path is process.e2e's).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import {
	IDS,
	SHIPPED,
	addDays,
	demo,
	hrisDemo,
	mailDemo,
	readMails,
	submitForm,
	sweepAsOfFile,
	withDemoStore,
} from './demo';
import { seedAcceptedCase, startWithForms } from './hrForms';
import { createN8n, type N8n } from './n8n';

const today = hrisDemo.berlinToday();
const asTest = { actor: 'e2e-test', purpose: 'e2e test assertions' };
/** the form's script sends a radio choice (like a checkbox) as a JSON list */
const radio = (option: string) => JSON.stringify([option]);
const FORMS = {
	talk: { path: 'bem-first-talk', title: 'BEM: written consent and first talk' },
	measure: { path: 'bem-measure', title: 'BEM: Maßnahmenplan' },
	review: { path: 'bem-review', title: 'BEM: effectiveness review' },
};

describe('the accepted path in a real n8n: forms to closed (completed)', () => {
	let n8n: N8n;
	let storeFile: string;
	let storeKey: string;
	let cookie: string;
	let caseId: string;
	let mail: { smtpPort: number; close(): Promise<unknown> };
	let mailDir: string;
	const withStore = <T>(fn: (store: BemStore) => Promise<T>) =>
		withDemoStore({ storeFile, storeKey }, fn);
	const version = () => withStore(async (s) => (await s.getCase(caseId, asTest))!.version);
	/** submits a form and waits until its step is in the BEM file */
	async function submit(form: keyof typeof FORMS, fields: string[]) {
		const before = await version();
		const posted = await submitForm(`${n8n.baseUrl}/form/${FORMS[form].path}`, {
			title: FORMS[form].title,
			fields,
			cookie,
		});
		expect([form, posted.status]).toEqual([form, 200]);
		await lib.poll(`the ${form} form's step recorded`, async () =>
			(await version()) > before ? true : undefined,
		);
		return withStore(async (s) => (await s.getCase(caseId, asTest))!);
	}
	const measureStep = (stage: string, measureId: string, on: string) =>
		submit('measure', [caseId, radio(stage), measureId, '', '', '', on, '']);

	beforeAll(async () => {
		n8n = await createN8n({ server: false });
		storeFile = path.join(n8n.userFolder, 'bem-store.sqlite');
		storeKey = crypto.randomBytes(24).toString('base64url');
		mailDir = path.join(n8n.userFolder, 'mail');
		mail = await mailDemo.startMailCatcher({ smtpPort: 0, httpPort: 0, dir: mailDir });
		caseId = await withStore(async (s) => {
			const id = await seedAcceptedCase(s, today, {
				employeeId: '3101',
				reason: 'continuous',
				reachedAgo: 402,
				openedAgo: 400,
				acceptedAgo: 395,
			});
			for (const [principal, displayName] of [
				['lead-lager', 'Leitung Lager'],
				['hr-personal', 'Personalabteilung'],
			])
				await s.setOwner({
					principal,
					displayName,
					email: `${principal}@example.com`,
					by: 'e2e-seed',
					on: addDays(today, -400),
				});
			return id;
		});
		const stores = (
			demo.demoCredentials({
				hrisUrl: 'http://127.0.0.1:9',
				smtpPort: mail.smtpPort,
				storeFile,
				storeKey,
			}) as Array<{ type: string }>
		).filter((c) => c.type === 'bemStore' || c.type === 'smtp');
		demo.importCredentials(
			n8n.runtime,
			{ ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()) },
			stores,
		);
		await n8n.importWorkflow(path.join(SHIPPED, 'bem-5-case-steps.json'));
		await n8n.importWorkflow(path.join(SHIPPED, 'bem-9-error-alert.json'));
		cookie = await startWithForms(n8n, {
			owner: 'Accepted',
			publish: [IDS.caseSteps],
			formPaths: Object.values(FORMS).map((f) => f.path),
		});
	}, 1800000);

	afterAll(async () => {
		await n8n?.dispose();
		await mail?.close();
	});

	/** The shipped Deadline Sweep "run for a date" from its manual trigger in the server; waits for its end. */
	async function runSweep(asOf: string): Promise<void> {
		await n8n.importWorkflow(
			sweepAsOfFile(fs.mkdtempSync(path.join(n8n.userFolder, 'sweep-')), asOf),
		);
		const id = await demo.runInServer(n8n.baseUrl, cookie, IDS.sweep);
		const ended = await lib.poll(`the sweep's execution ${id} to end`, async () => {
			const r = n8n.executions(IDS.sweep).find((e) => e.id === id);
			if (!r) return { status: 'success (record removed)' };
			return lib.executionEnded(r) ? r : undefined;
		});
		expect([id, ended.status]).not.toEqual([id, expect.stringMatching(/error|crashed|canceled/)]);
	}

	it('consent → first talk → two measures with owners → implemented → two reviews → closed (completed)', async () => {
		const talkOn = addDays(today, -390);
		// case id, consent date, participants, talk date, checklist, talk participants, agreed measures, next meeting, note
		const talked = await submit('talk', [
			caseId,
			talkOn,
			JSON.stringify(['Betriebsrat']),
			talkOn,
			JSON.stringify(['Ziele und Freiwilligkeit erklärt', 'Datenschutz erklärt']),
			JSON.stringify(['Betriebsrat']),
			'M1, M2',
			addDays(today, -385),
			'',
		]);
		expect(talked.state).toBe('in_progress');
		// case id, stage, measure id, catalogue measure, owner, due date, date of the step, details
		for (const [id, measure, owner] of [
			['M1', 'Anpassung der Arbeitszeit', 'lead-lager'],
			['M2', 'Versetzung / Umsetzung', 'hr-personal'],
		])
			await submit('measure', [
				caseId,
				radio('Geplant'),
				id,
				measure,
				owner,
				addDays(today, -382),
				addDays(today, -389),
				'Vereinbart im Erstgespräch E2E-DETAIL',
			]);
		// both overdue for their owners' reminders (metadata only)
		const overdue = await withStore((s) =>
			s.findMeasures({ overdueOn: addDays(today, -381), caseId }, asTest),
		);
		expect(overdue.map((m) => [m.measureId, m.code, m.owner])).toEqual([
			['M1', 'working_time', 'lead-lager'],
			['M2', 'transfer', 'hr-personal'],
		]);
		// the Deadline Sweep of that day mails each owner once: ids, catalogue label, due date — no detail
		const sweepOn = addDays(today, -381);
		await runSweep(sweepOn);
		const toOwners = async () =>
			(await readMails(mailDir)).filter((m) => /^(lead-lager|hr-personal)@/.test(m.to));
		const owners = await lib.poll("the owners' reminder mails", async () =>
			(await toOwners()).length >= 2 ? toOwners() : undefined,
		);
		expect(owners.map((m) => m.to).sort()).toEqual([
			'hr-personal@example.com',
			'lead-lager@example.com',
		]);
		const lager = owners.find((m) => m.to === 'lead-lager@example.com')!;
		expect(lager.subject).toBe(`BEM-Erinnerung ${sweepOn}: 1 Maßnahme überfällig`);
		expect(lager.text).toContain(
			`Maßnahme M1 (Anpassung der Arbeitszeit): fällig seit ${addDays(today, -382)}`,
		);
		for (const m of owners) {
			expect(m.text).not.toMatch(/E2E-DETAIL|Vereinbart|3101|Personalnummer/);
			expect(m.attachments).toEqual([]);
		}
		// a second sweep the same day mails nobody again
		await runSweep(sweepOn);
		expect(await toOwners()).toHaveLength(2);
		expect((await measureStep('Umgesetzt', 'M1', addDays(today, -380))).state).toBe('in_progress');
		const inReview = await measureStep('Umgesetzt', 'M2', addDays(today, -370));
		expect(inReview.state).toBe('review');
		const review = (on: string) =>
			submit('review', [caseId, on, radio('Yes'), '[]', '[]', '', '', '']);
		const afterFirst = await review(inReview.reviewDueOn!);
		expect(afterFirst.state).toBe('review');
		const closed = await review(afterFirst.reviewDueOn!);
		expect(closed).toMatchObject({ state: 'closed', outcome: 'completed' });

		const extract = await withStore((s) => s.personnelFileExtract(caseId, asTest));
		expect(extract).toEqual({
			employeeId: '3101',
			offeredOn: addDays(today, -400),
			response: 'accepted',
			labourLawMeasures: ['Anpassung der Arbeitszeit', 'Versetzung / Umsetzung'],
		});
		const talk = (await withStore((s) => s.auditTrail(caseId, asTest))).find(
			(e) => e.type === 'first_talk_held',
		);
		expect(talk?.data).toMatchObject({
			goalsExplained: true,
			privacyExplained: true,
			participants: ['works_council'],
			agreedMeasures: ['M1', 'M2'],
		});
		// every form answered when its run ended: nothing waits in n8n
		expect(n8n.executions(IDS.caseSteps).filter((e) => e.status === 'waiting')).toEqual([]);
		expect(await withStore((s) => s.verifyAudit(caseId))).toMatchObject({ ok: true });
	});
});
