// BEM · 4 Deadline Sweep: acts on the deadlines kept in the BEM file — second letters, no-reply closes
// with the personnel-file extract, review reminders — and, racing a resumed invitation cycle on the
// same case, one letter goes out. Both send letters through BEM · 2a (run to the end by the harness).
import type { RunResult } from '../harness/run';
import { startProcessEnv, runError, type ProcessEnv } from './process';
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
			['consent_given', '2026-02-06', undefined],
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
		const posted = env.smtp.mails.slice(before).filter((m) => m.subject.includes(c.id));
		expect(posted).toHaveLength(1);
		expect(posted[0].to).toEqual(['bem-team@example.com']);
		expect(posted[0].attachments[0].contentType).toBe('application/pdf');
		expect(await env.store.getCase(c.id, access)).toMatchObject({ state: 'invited' });
		await env.run(SWEEP, { items: [{ asOf: '2026-08-03' }] });
		expect(env.smtp.mails.slice(before).filter((m) => m.subject.includes(c.id))).toHaveLength(1);
	});
});
