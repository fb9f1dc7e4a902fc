// Hostile probes of BEM · 3 Reply Form (issue 13, items 3, 8, 14), run through n8n-core against a
// stand-in for this n8n that records every request the workflow makes to it:
// - the form never calls a resume link taken from the request (`/webhook-waiting/%2e%2e/rest/owner/setup`
//   reached `GET /rest/owner/setup`), only the one the BEM file recorded with the case's letter;
// - a link answers its letter once, and a first-letter link cannot answer after the second letter;
// - the answer page is the form's answer to its submit: the execution ends there, nothing waits.
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';

import { createReplyToken } from '../../core';
import {
	caseWithFirstLetter,
	ENCRYPTION_KEY,
	runError,
	startProcessEnv,
	type ProcessEnv,
} from '../workflows/process';

const REPLY = 'bem-3-reply-form.json';
const FORM = 'Reply Form (Link From the Letter)';
const ANSWER = 'Ihre Antwort / Your answer';
const ACCEPT = 'Ja, ich möchte ein BEM / Yes, I accept the BEM offer';
const DECLINE = 'Nein, ich möchte kein BEM / No, I decline';
const access = { actor: 'test', purpose: 'test' };

describe('BEM · 3 Reply Form under attack', () => {
	let env: ProcessEnv;
	let n8n: http.Server;
	let base: string;
	const requests: string[] = [];

	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-05');
		n8n = http.createServer((req, res) => {
			requests.push(`${req.method} ${req.url}`);
			res.end('{}');
		});
		await new Promise<void>((resolve) => n8n.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(n8n.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => n8n.close(resolve));
		await env.close();
	});
	beforeEach(() => requests.splice(0));

	/** a case with its first letter and that letter's reply link */
	async function invited(employeeId: string, resumeUrl?: string) {
		const after = await caseWithFirstLetter(env.store, employeeId, resumeUrl);
		const token = createReplyToken(
			{ caseId: after.id, letterSeq: after.version, validUntil: '2026-06-29' },
			ENCRYPTION_KEY,
		);
		return { caseId: after.id, token };
	}

	const submit = (fields: IDataObject) =>
		env.run(REPLY, { startNode: FORM, items: [fields], n8nBaseUrl: base });

	it('calls only the resume link the BEM file recorded, never one from the request (no way into /rest)', async () => {
		const { caseId, token } = await invited('5001', `${base}/webhook-waiting/77`);
		const hostile = [
			`${base}/webhook-waiting/%2e%2e/rest/owner/setup`,
			`${base}/webhook-waiting/%2E%2E/%2E%2E/rest/login`,
			`${base}/webhook-waiting/..%2f..%2frest/owner/setup`,
			`${base}/webhook-waiting/1/../../rest/owner/setup`,
		];
		const result = await submit({ [ANSWER]: ACCEPT, token, resume: hostile[0] });
		expect(runError(result)).toBeUndefined();
		expect(result.order).toContain('Wake the Invitation Cycle');
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'accepted' });
		expect(requests).toEqual(['GET /webhook-waiting/77']);

		// a case whose letter has no recorded resume link: whatever the request says, nothing is called
		for (const resume of hostile) {
			const other = await invited(`50${hostile.indexOf(resume) + 10}`);
			const r = await submit({ [ANSWER]: DECLINE, token: other.token, resume, resumeUrl: resume });
			expect(runError(r)).toBeUndefined();
			expect(r.order).toContain('Thank You Page');
			expect(r.order).not.toContain('Wake the Invitation Cycle');
		}
		expect(requests).toEqual(['GET /webhook-waiting/77']);
	});

	it('a link answers its letter once: a second submit changes nothing and says so', async () => {
		const { caseId, token } = await invited('5002');
		const first = await submit({ [ANSWER]: ACCEPT, token });
		expect(first.order).toContain('Thank You Page');
		const before = await env.store.auditTrail(caseId, access);

		for (const answer of [ACCEPT, DECLINE]) {
			const again = await submit({ [ANSWER]: answer, token });
			expect(runError(again)).toBeUndefined();
			expect(again.order).toContain('Already Answered Page');
			expect(again.order).not.toContain('Thank You Page');
			expect(again.order).not.toContain('Wake the Invitation Cycle');
			expect(again.output('Record Reply')[0]).toMatchObject({
				valid: true,
				recorded: false,
				alreadyAnswered: true,
			});
		}
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'accepted' });
		expect((await env.store.auditTrail(caseId, access)).map((e) => e.type)).toEqual(
			before.map((e) => e.type),
		);
	});

	it('"information first" uses the link up too: the same link cannot then decline', async () => {
		const { caseId, token } = await invited('5003');
		await submit({
			[ANSWER]: 'Ich möchte zuerst mehr Informationen / I would like more information first',
			token,
		});
		const again = await submit({ [ANSWER]: DECLINE, token });
		expect(again.order).toContain('Already Answered Page');
		expect(await env.store.getCase(caseId, access)).toMatchObject({ state: 'invited' });
	});

	it('a first-letter link cannot answer once the second letter went out', async () => {
		const { caseId, token } = await invited('5004', `${base}/webhook-waiting/78`);
		env.setToday('2026-06-17');
		const second = await env.store.recordEvent(caseId, {
			type: 'second_invitation_sent',
			on: '2026-06-16',
			actor: 'test',
			data: { letter: 'second', resumeUrl: `${base}/webhook-waiting/78` },
		});
		try {
			const stale = await submit({ [ANSWER]: DECLINE, token });
			expect(runError(stale)).toBeUndefined();
			expect(stale.order).toContain('Link Invalid or Expired Page');
			expect(stale.output('Record Reply')[0]).toMatchObject({ valid: false, reason: 'superseded' });
			expect(await env.store.getCase(caseId, access)).toMatchObject({ state: second.state });
			expect(requests).toEqual([]);

			// an r1 link (no letter in it, as sent before r2) answers only the case's first letter
			const legacy = createReplyToken({ caseId, validUntil: '2026-07-31' }, ENCRYPTION_KEY);
			expect((await submit({ [ANSWER]: DECLINE, token: legacy })).order).toContain(
				'Link Invalid or Expired Page',
			);

			// the second letter's link does answer, and wakes the cycle through the recorded link
			const current = createReplyToken(
				{ caseId, letterSeq: second.version, validUntil: '2026-07-31' },
				ENCRYPTION_KEY,
			);
			const ok = await submit({ [ANSWER]: DECLINE, token: current });
			expect(ok.order).toContain('Thank You Page');
			expect(await env.store.getCase(caseId, access)).toMatchObject({
				state: 'closed',
				outcome: 'declined',
			});
			expect(requests).toEqual(['GET /webhook-waiting/78']);
		} finally {
			env.setToday('2026-06-05');
		}
	});

	it('the answer page is the answer to the submit: the execution ends, nothing waits holding the token', async () => {
		const { token } = await invited('5005');
		const shown = await submit({ [ANSWER]: ACCEPT, token });
		expect(runError(shown)).toBeUndefined();
		expect(shown.run.status).toBe('success');
		expect(shown.run.waitTill).toBeUndefined();
		expect(shown.run.finished).toBe(true);
		// the form's POST got the thank-you page, as HTML in the form's card
		expect(shown.responses).toHaveLength(1);
		expect(shown.responses[0]).toMatchObject({
			statusCode: 200,
			headers: { 'content-type': 'text/html; charset=utf-8' },
		});
		expect(String(shown.responses[0].body)).toContain('Vielen Dank / Thank you');

		// a second submit and a forged link: the same, each with its own page
		const again = await submit({ [ANSWER]: DECLINE, token });
		expect(again.run.status).toBe('success');
		expect(again.run.waitTill).toBeUndefined();
		expect(String(again.responses[0]?.body)).toContain('Reply already received');
		const forged = await submit({ [ANSWER]: DECLINE, token: token.slice(0, -2) + 'xx' });
		expect(forged.run.waitTill).toBeUndefined();
		expect(String(forged.responses[0]?.body)).toContain('Link invalid or expired');

		// HR's Execute Workflow call: no page to show, the execution ends all the same
		const { token: hrToken } = await invited('5006');
		const byHr = await env.run(REPLY, { items: [{ token: hrToken, answer: 'decline' }] });
		expect(runError(byHr)).toBeUndefined();
		expect(byHr.run.waitTill).toBeUndefined();
		expect(byHr.run.finished).toBe(true);
	});
});
