// BEM · 2 Invitation Cycle: first letter (PDF attached) → the Wait sleeps to the morning after the
// stored deadline → second letter → Wait → close with no_reply and mail the personnel-file extract.
// The execution is resumed as n8n's wait tracker does, with the business clock moved on. Letters go out
// through BEM · 2a (run to the end by the harness), so the waiting execution holds ids and dates only.
import { startProcessEnv, runError, type ProcessEnv } from './process';
import { TEST_READER } from '../store/backends';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IDS } = require('../../scripts/workflows/common') as { IDS: Record<string, string> };

const CYCLE = 'bem-2-invitation-cycle.json';

/** The resume link the BEM file recorded with the case's latest letter (the reply form wakes only this one). */
async function recordedResumeUrl(env: ProcessEnv, caseId: string): Promise<unknown> {
	const trail = await env.store.auditTrail(caseId, { actor: 'test', purpose: 'test' });
	const letters = trail.filter((e) => /invitation_sent$/.test(e.type));
	return letters[letters.length - 1]?.data.resumeUrl;
}

describe('BEM · 2 Invitation Cycle', () => {
	let env: ProcessEnv;
	let caseId: string;

	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		const opened = await env.store.openCase({
			employeeId: '3001',
			reachedOn: '2026-02-13',
			reason: 'cumulative',
			on: '2026-06-01',
			actor: 'test',
		});
		caseId = opened.case.id;
	});
	afterAll(() => env.close());

	const start = () =>
		env.run(CYCLE, {
			items: [{ caseId, employeeId: '3001', letterWorkflowId: IDS.sendLetterPersonio }],
			executionId: '501',
		});

	it('sends the first letter with the PDF, records it, sleeps to the morning after the deadline, and goes on to the second letter and the close', async () => {
		const first = await start();
		expect(runError(first)).toBeUndefined();
		expect(first.run.status).toBe('waiting');
		expect(env.smtp.mails).toHaveLength(1);
		const mail = env.smtp.mails[0];
		expect(mail.to).toEqual(['person3001@example.com']);
		expect(mail.attachments).toHaveLength(1);
		expect(mail.attachments[0].contentType).toBe('application/pdf');
		expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
		// the reply link carries the signed token of this letter; this execution's resume link goes into
		// the BEM file with the letter, not into the letter
		// the short token (44 characters): the whole link stays under 100
		expect(mail.text).toMatch(
			/http:\/\/localhost:5678\/form\/bem-reply\?token=[A-Za-z0-9_-]{44}(?![\w-])/,
		);
		expect(mail.text).not.toContain('webhook-waiting');
		expect(await recordedResumeUrl(env, caseId)).toBe('http://localhost:5678/webhook-waiting/501');
		let c = await env.store.getCase(caseId, { actor: 'test', purpose: 'test' });
		expect(c).toMatchObject({ state: 'invited', replyDueOn: '2026-06-15' });
		// sleeps until 07:00 Berlin the day after the deadline
		expect(first.run.waitTill?.toISOString()).toBe('2026-06-16T05:00:00.000Z');
		expect(
			JSON.stringify(first.run.data.resultData.runData['Wait for Reply or First Deadline']),
		).not.toMatch(/%PDF|Nachname3001/);
		// the letter went through 2a, asked for with ids and this execution's resume link only
		const letterCalls = env.calls.filter((call) => call.workflowId === IDS.sendLetterPersonio);
		expect(letterCalls).toHaveLength(1);
		expect(letterCalls[0]).toMatchObject({ waitForSubWorkflow: true });
		expect(letterCalls[0].items.map((item) => item.json)).toEqual([
			{
				caseId,
				employeeId: '3001',
				letter: 'first',
				resumeUrl: 'http://localhost:5678/webhook-waiting/501',
			},
		]);

		// the wait ends: no reply → second letter
		env.setToday('2026-06-16');
		const second = await env.resume(CYCLE, first, { executionId: '501' });
		expect(runError(second)).toBeUndefined();
		expect(second.run.status).toBe('waiting');
		expect(env.smtp.mails).toHaveLength(2);
		expect(env.smtp.mails[1].to).toEqual(['person3001@example.com']);
		expect(env.smtp.mails[1].attachments[0].contentType).toBe('application/pdf');
		expect(env.smtp.mails[1].subject).not.toBe(mail.subject);
		c = await env.store.getCase(caseId, { actor: 'test', purpose: 'test' });
		expect(c).toMatchObject({ state: 'reinvited', replyDueOn: '2026-06-30' });

		// the second wait ends: close with no_reply, extract to the personnel office
		env.setToday('2026-07-01');
		const closed = await env.resume(CYCLE, second, { executionId: '501' });
		expect(runError(closed)).toBeUndefined();
		expect(closed.run.finished).toBe(true);
		c = await env.store.getCase(caseId, { actor: 'test', purpose: 'test' });
		expect(c).toMatchObject({ state: 'closed', outcome: 'no_reply', closedOn: '2026-06-30' });
		expect(env.smtp.mails).toHaveLength(3);
		const extract = env.smtp.mails[2];
		expect(extract.to).toEqual(['personalakte@example.com']);
		expect(extract.text).toContain('Personalnummer: 3001');
		expect(extract.text).toContain('BEM angeboten am: 2026-06-01');
		expect(extract.text).toContain('keine Antwort');
		expect(extract.attachments).toHaveLength(0);
	});

	it('after the close, Detect does not open a new case from the same absences (counting restarts after the closure)', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-07-01' }] });
		expect(runError(result)).toBeUndefined();
		const cases = await env.store.findCases({ employeeId: '3001' }, TEST_READER);
		expect(cases).toHaveLength(1);
		expect(
			env.calls.filter(
				(call) =>
					call.workflowId === IDS.invitationCycle && call.items[0].json.employeeId === '3001',
			),
		).toHaveLength(0);
	});

	it('a letter already sent is not mailed again and the cycle ends without waiting', async () => {
		const before = env.smtp.mails.length;
		const opened = await env.store.openCase({
			employeeId: '3004',
			reachedOn: '2026-06-20',
			reason: 'continuous',
			on: '2026-07-01',
			actor: 'test',
		});
		const input = {
			caseId: opened.case.id,
			employeeId: '3004',
			letterWorkflowId: IDS.sendLetterPersonio,
		};
		const once = await env.run(CYCLE, { items: [input], executionId: '601' });
		expect(once.run.status).toBe('waiting');
		const again = await env.run(CYCLE, { items: [input], executionId: '602' });
		expect(runError(again)).toBeUndefined();
		expect(again.run.status).not.toBe('waiting');
		// 2a rendered the claimed letter again but sent nothing, and hands back no PDF
		expect(again.output('Send First Invitation')).toEqual([
			expect.objectContaining({ sent: false }),
		]);
		expect(again.items('Send First Invitation').map((item) => item.binary)).toEqual([undefined]);
		expect(env.smtp.mails.length).toBe(before + 1);
	});

	it('no contact record in the HRIS: nothing is claimed or sent, HR is told (ids only), the cycle ends and the case stays open', async () => {
		const before = env.smtp.mails.length;
		// 3999 is not in the Personio tenant (a leaver, or hidden from the API user)
		const opened = await env.store.openCase({
			employeeId: '3999',
			reachedOn: '2026-03-13',
			reason: 'continuous',
			on: '2026-07-01',
			actor: 'test',
		});
		const run = await env.run(CYCLE, {
			items: [
				{ caseId: opened.case.id, employeeId: '3999', letterWorkflowId: IDS.sendLetterPersonio },
			],
			executionId: '751',
		});
		expect(runError(run)).toBeUndefined();
		expect(run.run.status).not.toBe('waiting');
		expect(run.output('Send First Invitation')).toEqual([
			{ caseId: opened.case.id, letter: 'first', sent: false, missingContact: true },
		]);
		const mails = env.smtp.mails.slice(before);
		expect(mails.map((m) => [m.to, m.subject])).toEqual([
			[
				['bem-team@example.com'],
				'BEM: Einladung nicht versandt – kein Kontaktdatensatz (Personalnummer 3999)',
			],
		]);
		expect(mails[0].text).toContain(`Fall ${opened.case.id}`);
		expect(mails[0].attachments).toEqual([]);
		expect(
			await env.store.getCase(opened.case.id, { actor: 'test', purpose: 'assert' }),
		).toMatchObject({ state: 'open' });
	});

	it('an employee without e-mail: the letter goes to HR for posting, with the PDF', async () => {
		const before = env.smtp.mails.length;
		const opened = await env.store.openCase({
			employeeId: '3003',
			reachedOn: '2026-03-13',
			reason: 'continuous',
			on: '2026-07-01',
			actor: 'test',
		});
		// 3003 has no e-mail address in Personio
		const run = await env.run(CYCLE, {
			items: [
				{ caseId: opened.case.id, employeeId: '3003', letterWorkflowId: IDS.sendLetterPersonio },
			],
			executionId: '701',
		});
		expect(runError(run)).toBeUndefined();
		expect(env.smtp.mails.length).toBe(before + 1);
		const mail = env.smtp.mails[before];
		expect(mail.to).toEqual(['bem-team@example.com']);
		expect(mail.subject).toContain(opened.case.reference);
		expect(mail.text).toContain(opened.case.id);
		expect(mail.attachments[0].contentType).toBe('application/pdf');
	});
	it('a reply through the link in the letter is recorded, and the woken cycle ends without a second letter', async () => {
		env.setToday('2026-07-01');
		const opened = await env.store.openCase({
			employeeId: '3002',
			reachedOn: '2026-06-20',
			reason: 'continuous',
			on: '2026-07-01',
			actor: 'test',
		});
		const waiting = await env.run(CYCLE, {
			items: [
				{ caseId: opened.case.id, employeeId: '3002', letterWorkflowId: IDS.sendLetterPersonio },
			],
			executionId: '901',
		});
		expect(waiting.run.status).toBe('waiting');
		const letter = env.smtp.mails.filter((m) => m.to.includes('person3002@example.com'));
		expect(letter).toHaveLength(1);
		// the employee follows the link (this n8n's own form by default): the form receives its query parameters
		const link = new URL(
			(letter[0].text.match(/http:\/\/localhost:5678\/form\/bem-reply\S+/) ?? [''])[0],
		);
		expect(await recordedResumeUrl(env, opened.case.id)).toBe(
			'http://localhost:5678/webhook-waiting/901',
		);
		env.setToday('2026-07-03');
		const reply = await env.run('bem-3-reply-form.json', {
			startNode: 'Reply Form (Link From the Letter)',
			items: [
				{
					'Ihre Antwort / Your answer': 'Ja, ich möchte ein BEM / Yes, I accept the BEM offer',
					token: link.searchParams.get('token'),
				},
			],
		});
		expect(runError(reply)).toBeUndefined();
		expect(reply.order).toContain('Wake the Invitation Cycle');
		// n8n resumes the waiting execution through that link
		const woken = await env.resume(CYCLE, waiting, { executionId: '901' });
		expect(runError(woken)).toBeUndefined();
		expect(woken.order).toContain('Reply In or Sweep Takes Over');
		expect(woken.order).not.toContain('Render Second Invitation');
		expect(env.smtp.mails.filter((m) => m.to.includes('person3002@example.com'))).toHaveLength(1);
		expect(
			await env.store.getCase(opened.case.id, { actor: 'test', purpose: 'test' }),
		).toMatchObject({ state: 'accepted' });
	});
});

describe('BEM · 2 Invitation Cycle: what a waiting execution holds', () => {
	let env: ProcessEnv;
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
	});
	afterAll(() => env.close());

	it('waits with ids, states and dates only, while the letter went out with its PDF and reply link', async () => {
		const { case: c } = await env.store.openCase({
			employeeId: '3001',
			reachedOn: '2026-02-13',
			reason: 'cumulative',
			on: '2026-06-01',
			actor: 'test',
		});
		const waiting = await env.run(CYCLE, {
			items: [{ caseId: c.id, employeeId: '3001', letterWorkflowId: IDS.sendLetterPersonio }],
			executionId: '1001',
		});
		expect(runError(waiting)).toBeUndefined();
		expect(waiting.run.status).toBe('waiting');

		// the letter was mailed: PDF attached, the reply link with the token; this execution's resume link
		// is in the BEM file with the letter
		expect(env.smtp.mails).toHaveLength(1);
		const [letter] = env.smtp.mails;
		expect(letter.to).toEqual(['person3001@example.com']);
		expect(letter.text).toContain('Nachname3001');
		expect(letter.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
		const link = new URL(
			(letter.text.match(/http:\/\/localhost:5678\/form\/bem-reply\S+/) ?? [''])[0],
		);
		expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{44}$/);
		expect(link.href.length).toBeLessThan(100);
		expect(await recordedResumeUrl(env, c.id)).toBe('http://localhost:5678/webhook-waiting/1001');

		// what n8n stores for the waiting execution: no name, e-mail address, postal address or letter
		const stored = JSON.stringify(waiting.run.data.resultData.runData);
		for (const personal of [
			'Vorname3001',
			'Nachname3001',
			'person3001@example.com',
			'Abteilung Produktion',
			'Musterstraße',
			'%PDF',
			'JVBERi0',
			letter.subject,
		]) {
			expect({ personal, stored: stored.includes(personal) }).toEqual({ personal, stored: false });
		}
		expect(waiting.output('Send First Invitation')).toEqual([
			{ caseId: c.id, letter: 'first', sent: true, replyDueOn: '2026-06-15' },
		]);
		expect(waiting.items('Send First Invitation').map((item) => item.binary)).toEqual([undefined]);
		// the sub-workflow that did handle them has finished (and, as a success, keeps no data in n8n)
		expect(env.subRuns.map((s) => [s.file, s.result.run.finished])).toEqual([
			['bem-2a-send-letter-personio.json', true],
		]);
		expect(JSON.stringify(env.subRuns[0].result.run.data.resultData.runData)).toContain(
			'Nachname3001',
		);
	});
});
