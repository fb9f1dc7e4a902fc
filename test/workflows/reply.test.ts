// BEM · 3 Reply Form: a valid signed link records the answer and shows the thank-you page (and wakes
// the waiting invitation cycle through n8n's own resume link only); a forged or expired link shows
// the "invalid or expired" page and changes nothing.
import { createReplyToken, replyToken } from '../../core';
import {
	caseWithFirstLetter,
	ENCRYPTION_KEY,
	startProcessEnv,
	runError,
	type ProcessEnv,
} from './process';

const REPLY = 'bem-3-reply-form.json';
const FORM = 'Reply Form (Link From the Letter)';
const ANSWER = 'Ihre Antwort / Your answer';

describe('BEM · 3 Reply Form', () => {
	let env: ProcessEnv;
	const access = { actor: 'test', purpose: 'test' };

	const invitedCase = async (employeeId: string, resumeUrl?: string) =>
		(await caseWithFirstLetter(env.store, employeeId, resumeUrl)).id;

	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-05');
	});
	afterAll(() => env.close());

	it('a valid link accepts: the case is accepted, the cycle is woken, the thank-you page shows', async () => {
		const caseId = await invitedCase('4001', 'http://localhost:5678/webhook-waiting/501');
		const token = createReplyToken({ caseId, validUntil: '2026-06-29' }, ENCRYPTION_KEY);
		const result = await env.run(REPLY, {
			startNode: FORM,
			items: [
				{
					[ANSWER]: 'Ja, ich möchte ein BEM / Yes, I accept the BEM offer',
					token,
				},
			],
		});
		expect(runError(result)).toBeUndefined();
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'accepted' });
		expect(result.order).toContain('Wake the Invitation Cycle');
		expect(result.order).toContain('Thank You Page');
		expect(result.order).not.toContain('Link Invalid or Expired Page');
		expect(JSON.stringify(result.run.data.resultData.runData['Record Reply'])).not.toContain(
			'4001',
		);
	});

	it('takes the short token the letters print: the answer is recorded; one altered character changes nothing', async () => {
		const caseId = await invitedCase('4009');
		// the first letter is the case's second event
		const token = replyToken({ caseId, letterSeq: 2, validUntil: '2026-06-29' }, ENCRYPTION_KEY);
		expect(token).toMatch(/^[A-Za-z0-9_-]{44}$/);
		const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
		const submit = (t: string) =>
			env.run(REPLY, {
				startNode: FORM,
				items: [{ [ANSWER]: 'Nein, ich möchte kein BEM / No, I decline', token: t }],
			});
		const refused = await submit(altered);
		expect(runError(refused)).toBeUndefined();
		expect(refused.order).toContain('Link Invalid or Expired Page');
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'invited' });
		const result = await submit(token);
		expect(runError(result)).toBeUndefined();
		expect(result.order).toContain('Thank You Page');
		expect(await env.store.getCase(caseId, access)).toMatchObject({
			state: 'closed',
			outcome: 'declined',
		});
	});

	it('HR records a decline through Execute Workflow: the case closes as declined', async () => {
		const caseId = await invitedCase('4002');
		const token = createReplyToken({ caseId, validUntil: '2026-06-29' }, ENCRYPTION_KEY);
		const result = await env.run(REPLY, { items: [{ token, answer: 'decline' }] });
		expect(runError(result)).toBeUndefined();
		expect(await env.store.getCase(caseId, access)).toMatchObject({
			state: 'closed',
			outcome: 'declined',
		});
		expect(result.order).toContain('Thank You Page');
		expect(result.order).not.toContain('Wake the Invitation Cycle');
	});

	it('a forged token changes nothing and shows the invalid-link page; a foreign resume URL is never called', async () => {
		const caseId = await invitedCase('4003');
		const good = createReplyToken({ caseId, validUntil: '2026-06-29' }, ENCRYPTION_KEY);
		const forged = createReplyToken(
			{ caseId, validUntil: '2026-12-31' },
			'someone-elses-key-0123456789',
		);
		const tampered = good.replace('2026-06-29', '2026-12-31');
		for (const token of [forged, tampered, 'not-a-token', '']) {
			const result = await env.run(REPLY, {
				startNode: FORM,
				items: [
					{
						[ANSWER]: 'Ja, ich möchte ein BEM / Yes, I accept the BEM offer',
						token,
						resume: 'http://evil.example/steal',
					},
				],
			});
			expect(runError(result)).toBeUndefined();
			expect(result.order).toContain('Link Invalid or Expired Page');
			expect(result.order).not.toContain('Wake the Invitation Cycle');
		}
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'invited' });

		// a valid token with a resume URL outside n8n's own waiting webhooks: recorded, but no request
		const result = await env.run(REPLY, {
			startNode: FORM,
			items: [
				{
					[ANSWER]: 'Nein, ich möchte kein BEM / No, I decline',
					token: good,
					resume: 'http://evil.example/webhook-waiting/1',
				},
			],
		});
		expect(result.order).toContain('Thank You Page');
		expect(result.order).not.toContain('Wake the Invitation Cycle');
		expect(await env.store.getCase(caseId, access)).toMatchObject({
			state: 'closed',
			outcome: 'declined',
		});
	});

	it('an expired link changes nothing', async () => {
		const caseId = await invitedCase('4004');
		const token = createReplyToken({ caseId, validUntil: '2026-06-04' }, ENCRYPTION_KEY);
		const result = await env.run(REPLY, { items: [{ token, answer: 'accept' }] });
		expect(result.order).toContain('Link Invalid or Expired Page');
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'invited' });
	});
});
