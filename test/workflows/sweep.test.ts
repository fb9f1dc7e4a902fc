// BEM · 4 Deadline Sweep: acts on the deadlines kept in the BEM file — second letters, no-reply closes
// with the personnel-file extract, review reminders — and, racing a resumed invitation cycle on the
// same case, one letter goes out. Both send letters through BEM · 2a (run to the end by the harness).
import company from '../fixtures/letters/company.json';
import { sendInvitation, type BemStore } from '../../core';
import type { LetterKind } from '../../core/letters';
import type { RunResult } from '../harness/run';
import { ENCRYPTION_KEY, startProcessEnv, runError, type ProcessEnv } from './process';
import { TEST_READER } from '../store/backends';

const { IDS } = require('../../scripts/workflows/common') as { IDS: Record<string, string> };

const SWEEP = 'bem-4-deadline-sweep.json';
const CYCLE = 'bem-2-invitation-cycle.json';

describe('BEM · 4 Deadline Sweep', () => {
	let env: ProcessEnv;
	let cycleWaiting: RunResult;
	const access = { actor: 'test', purpose: 'test' };
	beforeAll(async () => {
		env = await startProcessEnv();
	});
	afterAll(() => env.close());

	const lettersTo = (id: string) =>
		env.smtp.mails.filter((m) => m.to.includes(`person${id}@example.com`));

	it('the sweep and a resumed invitation cycle racing on one case send one second letter', async () => {
		env.setToday('2026-06-01');
		const { case: c } = await env.store.openCase({
			employeeId: '3001',
			reachedOn: '2026-02-13',
			reason: 'cumulative',
			on: '2026-06-01',
			actor: 'test',
		});
		const waiting = await env.run(CYCLE, {
			items: [{ caseId: c.id, employeeId: '3001', letterWorkflowId: IDS.sendLetterPersonio }],
			executionId: '801',
		});
		expect(runError(waiting)).toBeUndefined();
		expect(lettersTo('3001')).toHaveLength(1);

		env.setToday('2026-06-16');
		const [sweep, resumed] = await Promise.all([
			env.run(SWEEP, { items: [{ asOf: '2026-06-16' }] }),
			env.resume(CYCLE, waiting, { executionId: '801' }),
		]);
		expect(runError(sweep)).toBeUndefined();
		expect(runError(resumed)).toBeUndefined();
		expect(lettersTo('3001')).toHaveLength(2);
		expect(await env.store.getCase(c.id, access)).toMatchObject({
			state: 'reinvited',
			replyDueOn: '2026-06-30',
		});
		// both asked 2a for the second letter; exactly one of them claimed and mailed it
		const sent = [
			sweep.output('Send Second Invitation'),
			resumed.output('Send Second Invitation'),
		].map((out) => out[0]?.sent);
		expect(sent.sort()).toEqual([false, true]);
		expect(sweep.output('Send Second Invitation')).toEqual([
			{ caseId: c.id, letter: 'second', sent: expect.any(Boolean), replyDueOn: '2026-06-30' },
		]);
		cycleWaiting = resumed;

		// running the sweep again the same day sends nothing new
		await env.run(SWEEP, { items: [{ asOf: '2026-06-16' }] });
		expect(lettersTo('3001')).toHaveLength(2);
	});

	it('closes a case after the second deadline once and mails the extract once, even racing the cycle', async () => {
		const before = env.smtp.mails.length;
		const [c] = await env.store.findCases({ employeeId: '3001' }, TEST_READER);
		env.setToday('2026-07-01');
		const [run, cycle] = await Promise.all([
			env.run(SWEEP, { items: [{ asOf: '2026-07-01' }] }),
			env.resume(CYCLE, cycleWaiting, { executionId: '801' }),
		]);
		expect(runError(run)).toBeUndefined();
		expect(runError(cycle)).toBeUndefined();
		expect(await env.store.getCase(c.id, access)).toMatchObject({
			state: 'closed',
			outcome: 'no_reply',
			closedOn: '2026-06-30',
		});
		const extracts = env.smtp.mails
			.slice(before)
			.filter((m) => m.to.includes('personalakte@example.com'));
		expect(extracts).toHaveLength(1);
		expect(extracts[0].text).toContain('Personalnummer: 3001');
		await env.run(SWEEP, { items: [{ asOf: '2026-07-02' }] });
		expect(
			env.smtp.mails.slice(before).filter((m) => m.to.includes('personalakte@example.com')),
		).toHaveLength(1);
	});

	it('a case whose cycle was lost still gets its second letter (contact details from Personio)', async () => {
		env.setToday('2026-07-01');
		const { case: c } = await env.store.openCase({
			employeeId: '3002',
			reachedOn: '2026-06-20',
			reason: 'continuous',
			on: '2026-07-01',
			actor: 'test',
		});
		await env.store.recordEvent(c.id, { type: 'invitation_sent', on: '2026-07-01', actor: 'test' });
		env.setToday('2026-07-16');
		const run = await env.run(SWEEP, { items: [{ asOf: '2026-07-16' }] });
		expect(runError(run)).toBeUndefined();
		expect(lettersTo('3002')).toHaveLength(1);
		expect(lettersTo('3002')[0].attachments[0].contentType).toBe('application/pdf');
		expect(await env.store.getCase(c.id, access)).toMatchObject({ state: 'reinvited' });
	});

	it('reminds HR of due reviews, with ids and dates only', async () => {
		const before = env.smtp.mails.length;
		const { case: c } = await env.store.openCase({
			employeeId: '3004',
			reachedOn: '2026-01-20',
			reason: 'continuous',
			on: '2026-02-01',
			actor: 'test',
		});
		for (const [type, on, data] of [
			['invitation_sent', '2026-02-02', undefined],
			['reply_accepted', '2026-02-05', undefined],
			['consent_given', '2026-02-06', { scopes: ['bem', 'data_processing'], participants: [] }],
			['first_talk_held', '2026-02-10', undefined],
			['measure_implemented', '2026-03-02', undefined],
		] as const) {
			await env.store.recordEvent(c.id, { type, on, actor: 'test', ...(data ? { data } : {}) });
		}
		const due = (await env.store.getCase(c.id, access))?.reviewDueOn as string;
		expect(due).toBeTruthy();
		// the day before: not yet due, no reminder
		const dayBefore = new Date(Date.parse(`${due}T00:00:00Z`) - 86_400_000)
			.toISOString()
			.slice(0, 10);
		env.setToday(dayBefore);
		expect(runError(await env.run(SWEEP, { items: [{ asOf: dayBefore }] }))).toBeUndefined();
		expect(
			env.smtp.mails.slice(before).filter((m) => m.subject.includes('Wirksamkeitsprüfung')),
		).toHaveLength(0);
		env.setToday(due);
		const run = await env.run(SWEEP, { items: [{ asOf: due }] });
		expect(runError(run)).toBeUndefined();
		const reminders = env.smtp.mails
			.slice(before)
			.filter((m) => m.subject.includes('Wirksamkeitsprüfung'));
		expect(reminders).toHaveLength(1);
		expect(reminders[0].to).toEqual(['bem-team@example.com']);
		expect(reminders[0].text).toContain(c.id);
		expect(reminders[0].text).toContain(due);
		expect(reminders[0].text).not.toMatch(/Vorname|Nachname|ergonomic/);
	});
	it('a case opened but never invited (the cycle never started) gets its first letter from the sweep', async () => {
		env.setToday('2026-08-03');
		const { case: c } = await env.store.openCase({
			employeeId: '3003',
			reachedOn: '2026-03-13',
			reason: 'continuous',
			on: '2026-08-03',
			actor: 'test',
		});
		const before = env.smtp.mails.length;
		const run = await env.run(SWEEP, { items: [{ asOf: '2026-08-03' }] });
		expect(runError(run)).toBeUndefined();
		// 3003 has no e-mail address in Personio: the first letter goes to HR for posting
		const posted = env.smtp.mails.slice(before).filter((m) => m.subject.includes(c.reference));
		expect(posted).toHaveLength(1);
		expect(posted[0].to).toEqual(['bem-team@example.com']);
		expect(posted[0].attachments[0].contentType).toBe('application/pdf');
		expect(await env.store.getCase(c.id, access)).toMatchObject({ state: 'invited' });
		await env.run(SWEEP, { items: [{ asOf: '2026-08-03' }] });
		expect(
			env.smtp.mails.slice(before).filter((m) => m.subject.includes(c.reference)),
		).toHaveLength(1);
	});

	/** 2a's claim of a letter, cut off before its copy is archived (the worker killed, PostgreSQL down) */
	const claimCutOff = async (caseId: string, letter: LetterKind, on: string) => {
		const store: BemStore = Object.create(env.store, {
			archiveLetter: { value: () => Promise.reject(new Error('worker killed')) },
		});
		await expect(
			sendInvitation(
				{ store, encryptionKey: ENCRYPTION_KEY, state: 'DE', retentionYears: 3 },
				{
					letter,
					caseId,
					on,
					employee: { name: 'Erika Muster', lastName: 'Muster', address: ['Weg 1', '12345 Ort'] },
					company,
					replyFormUrl: 'https://n8n.example/form/bem-reply',
					actor: 'test',
				},
			),
		).rejects.toThrow('worker killed');
		expect(await env.store.letters(caseId, access)).toHaveLength(letter === 'first' ? 0 : 1);
	};

	it('a first letter claimed but cut off before its archive is sent by the next morning’s sweep, re-issued: dated that day, deadline from that day', async () => {
		env.setToday('2026-08-03');
		const { case: c } = await env.store.openCase({
			employeeId: '3001',
			reachedOn: '2026-07-20',
			reason: 'continuous',
			on: '2026-08-03',
			actor: 'test',
		});
		await claimCutOff(c.id, 'first', '2026-08-03');
		const before = env.smtp.mails.length;
		// already 'invited' with the claim's deadline: the router alone would wait for a reply to it
		expect(await env.store.getCase(c.id, access)).toMatchObject({
			state: 'invited',
			replyDueOn: '2026-08-17',
		});
		env.setToday('2026-08-04');
		const run = await env.run(SWEEP, { items: [{ asOf: '2026-08-04' }] });
		expect(runError(run)).toBeUndefined();
		const mails = env.smtp.mails
			.slice(before)
			.filter((m) => m.to.includes('person3001@example.com'));
		expect(mails).toHaveLength(1);
		expect(mails[0].to).toEqual(['person3001@example.com']);
		expect(run.output('Send First Invitation')).toEqual([
			{ caseId: c.id, letter: 'first', sent: true, replyDueOn: '2026-08-18' },
		]);
		expect(await env.store.getCase(c.id, access)).toMatchObject({
			state: 'invited',
			replyDueOn: '2026-08-18',
		});
		const letters = await env.store.letters(c.id, access);
		expect(letters.map((l) => [l.kind, l.on])).toEqual([['first', '2026-08-04']]);
		expect(letters[0].text).toContain('bis zum 18.08.2026');
		// the next sweeps send nothing more
		await env.run(SWEEP, { items: [{ asOf: '2026-08-04' }] });
		env.setToday('2026-08-05');
		await env.run(SWEEP, { items: [{ asOf: '2026-08-05' }] });
		expect(
			env.smtp.mails.slice(before).filter((m) => m.to.includes('person3001@example.com')),
		).toEqual(mails);
	});

	it('a second letter cut off before its archive is sent by a sweep the same day, as claimed', async () => {
		// 3003's first letter went to HR for posting on Mon 2026-08-03: received Thu 08-06, due 2026-08-20;
		// the second is claimed, then cut off
		const [c] = await env.store.findCases({ employeeId: '3003', state: 'invited' }, TEST_READER);
		await claimCutOff(c.id, 'second', '2026-08-21');
		expect(await env.store.getCase(c.id, access)).toMatchObject({
			state: 'reinvited',
			replyDueOn: '2026-09-04',
		});
		const before = env.smtp.mails.length;
		env.setToday('2026-08-21');
		const run = await env.run(SWEEP, { items: [{ asOf: '2026-08-21' }] });
		expect(runError(run)).toBeUndefined();
		const posted = env.smtp.mails.slice(before).filter((m) => m.subject.includes(c.reference));
		expect(posted).toHaveLength(1);
		expect(posted[0].to).toEqual(['bem-team@example.com']);
		const letters = await env.store.letters(c.id, access);
		expect(letters.map((l) => [l.kind, l.on])).toEqual([
			['first', '2026-08-03'],
			['second', '2026-08-21'],
		]);
		expect(letters[1].text).toContain('bis zum 04.09.2026');
		expect(await env.store.getCase(c.id, access)).toMatchObject({ replyDueOn: '2026-09-04' });
		await env.run(SWEEP, { items: [{ asOf: '2026-08-21' }] });
		expect(
			env.smtp.mails.slice(before).filter((m) => m.subject.includes(c.reference)),
		).toHaveLength(1);
	});

	it('a first letter cut off and found only after its deadline passed is re-issued, and no second letter goes out before it', async () => {
		env.setToday('2026-09-01');
		const { case: c } = await env.store.openCase({
			employeeId: '3002',
			reachedOn: '2026-08-20',
			reason: 'continuous',
			on: '2026-09-01',
			actor: 'test',
		});
		await claimCutOff(c.id, 'first', '2026-09-01');
		const before = env.smtp.mails.length;
		// no sweep ran until the claim's deadline (2026-09-15) had passed: the case is overdue as well as
		// unsent; the sweep's "not sent" branches run before its overdue ones (execution order v1, top first)
		env.setToday('2026-09-21');
		const run = await env.run(SWEEP, { items: [{ asOf: '2026-09-21' }] });
		expect(runError(run)).toBeUndefined();
		const to3002 = env.smtp.mails
			.slice(before)
			.filter((m) => m.to.includes('person3002@example.com'));
		expect(to3002).toHaveLength(1);
		expect(await env.store.getCase(c.id, access)).toMatchObject({
			state: 'invited',
			replyDueOn: '2026-10-05',
		});
		expect((await env.store.letters(c.id, access)).map((l) => [l.kind, l.on])).toEqual([
			['first', '2026-09-21'],
		]);
	});

	it("the day's reminders: one mail to the BEM officer with reviews, stale and un-invited cases, once a day", async () => {
		// accepted in August, nothing since: no step for 90 days by mid-December
		const { case: quiet } = await env.store.openCase({
			employeeId: '3006',
			reachedOn: '2026-07-30',
			reason: 'continuous',
			on: '2026-08-01',
			actor: 'test',
		});
		await env.store.recordEvent(quiet.id, {
			type: 'invitation_sent',
			on: '2026-08-03',
			actor: 'test',
			data: { channel: 'email' },
		});
		await env.store.recordEvent(quiet.id, {
			type: 'reply_accepted',
			on: '2026-08-05',
			actor: 'test',
		});
		// 3005 is not in Personio: the letter cannot go out, the case stays open
		env.setToday('2026-12-10');
		const { case: lost } = await env.store.openCase({
			employeeId: '3005',
			reachedOn: '2026-12-08',
			reason: 'continuous',
			on: '2026-12-10',
			actor: 'test',
		});
		const before = env.smtp.mails.length;
		const reminders = () =>
			env.smtp.mails.slice(before).filter((m) => m.subject.startsWith('BEM-Erinnerung'));
		env.setToday('2026-12-15');
		expect(runError(await env.run(SWEEP, { items: [{ asOf: '2026-12-15' }] }))).toBeUndefined();
		expect(await env.store.getCase(lost.id, access)).toMatchObject({ state: 'open' });
		expect(reminders()).toHaveLength(1);
		const [mail] = reminders();
		expect(mail.to).toEqual(['bem-team@example.com']);
		expect(mail.subject).toMatch(
			/^BEM-Erinnerung 2026-12-15: .*Wirksamkeitsprüfung.*ohne Schritt seit 90 Tagen.*nicht eingeladen/,
		);
		expect(mail.text).toContain(`Fall ${quiet.id} (Personalnummer 3006): Stand zugestimmt`);
		expect(mail.text).toContain(`Fall ${lost.id} (Personalnummer 3005): geöffnet am 2026-12-10`);
		expect(mail.text).not.toMatch(/Vorname|Nachname|Muster/);
		// a second run the same day mails no reminder again; the next morning's does
		await env.run(SWEEP, { items: [{ asOf: '2026-12-15' }] });
		expect(reminders()).toHaveLength(1);
		env.setToday('2026-12-16');
		await env.run(SWEEP, { items: [{ asOf: '2026-12-16' }] });
		expect(reminders()).toHaveLength(2);
	});

	it('4a starts the sweep every morning; the sweep’s editor button runs its Manual trigger', async () => {
		const before = env.calls.length;
		env.setToday('2026-12-17');
		const run = await env.run('bem-4a-deadline-sweep-schedule.json', {
			startNode: 'Every Morning at 7',
		});
		expect(runError(run)).toBeUndefined();
		// the sweep, waited for (it calls 2a for 3005's letter in turn)
		expect(env.calls[before]).toMatchObject({ workflowId: IDS.sweep, waitForSubWorkflow: true });
		const sweepRun = env.subRuns.find((r) => r.file === SWEEP);
		expect(sweepRun && runError(sweepRun.result)).toBeUndefined();
		expect(sweepRun?.result.run.data.resultData.runData['Reminders Due Today']).toBeDefined();
		// n8n 2.41's editor runs the enabled trigger of the highest rank (editor-ui, workflows.store
		// CC): form 10, schedule 7, manual 6, workflow 5, error 4, other core triggers 0
		const RANK: Record<string, number> = {
			'n8n-nodes-base.formTrigger': 10,
			'n8n-nodes-base.scheduleTrigger': 7,
			'n8n-nodes-base.manualTrigger': 6,
			'n8n-nodes-base.workflowTrigger': 5,
			'n8n-nodes-base.errorTrigger': 4,
		};
		const sweep = require(`../../workflows/${SWEEP}`) as {
			nodes: Array<{ name: string; type: string; disabled?: boolean }>;
		};
		const triggers = sweep.nodes.filter((n) => /Trigger$/.test(n.type) && !n.disabled);
		const picked = [...triggers].sort((a, b) => (RANK[b.type] ?? 0) - (RANK[a.type] ?? 0))[0];
		expect(picked.name).toBe('Run Now (Manual / CLI)');
	});
});
