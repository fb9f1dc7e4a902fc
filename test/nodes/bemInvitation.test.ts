import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import company from '../fixtures/letters/company.json';
import { verifyReplyToken } from '../../core';
import type { BemStore } from '../../core/store';
import {
	closeBemStores,
	openCachedStore,
	storeConfigFromCredential,
} from '../../nodes/shared/bemStore';
import { grantTestActor } from '../store/backends';
import { runWorkflow, type RunResult, type WorkflowJson } from '../harness/run';
import { chainWorkflow } from '../harness/workflow';
import { pdfText } from '../letters/pdfText';

// BEM Invitation through n8n-core's real engine, over a real SQLite BEM file in a temp folder.

const KEY = 'invitation-test-key-0123456789';
let dir: string;
let credential: ICredentialDataDecryptedObject;
let store: BemStore;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'bem-invitation-'));
	// Hessen: the deadline of a letter of 11.12.2026 rolls past Christmas to 28.12.2026
	credential = {
		backend: 'sqlite',
		sqlitePath: join(dir, 'bem.sqlite'),
		encryptionKey: KEY,
		state: 'HE',
		retentionYears: 3,
	};
	// the node's own cached store, so the test reads what the node wrote
	store = await openCachedStore(storeConfigFromCredential(credential));
	await grantTestActor(store);
});

afterAll(async () => {
	await closeBemStores();
	rmSync(dir, { recursive: true, force: true });
});

function workflow(parameters: IDataObject, settings: IDataObject = {}): WorkflowJson {
	return chainWorkflow(
		[
			{
				name: 'BEM Invitation',
				type: 'bemInvitation',
				parameters: { replyFormUrl: 'https://n8n.example/form/bem-reply', ...parameters },
				credentials: { bemStore: 'BEM Store' },
				settings,
			},
		],
		{ id: 'wf-invitation', name: 'invitation test' },
	);
}

const employee = {
	name: 'Erika Mustermann',
	lastName: 'Mustermann',
	salutation: 'Frau',
	email: 'erika@example.invalid',
	address: ['Lindenweg 3', '34119 Kassel'],
};

async function openCase(employeeId: string) {
	const { case: c } = await store.openCase({
		employeeId,
		reachedOn: '2026-11-20',
		reason: 'cumulative',
		on: '2026-12-01',
		actor: 'test',
	});
	return c.id;
}

function invite(
	caseId: string,
	parameters: IDataObject,
	opts: {
		executionId?: string;
		json?: IDataObject;
		settings?: IDataObject;
		items?: INodeExecutionData[];
	} = {},
): Promise<RunResult> {
	return runWorkflow(workflow(parameters, opts.settings), {
		startNode: 'BEM Invitation',
		items: opts.items ?? [{ json: { caseId, employee, company, ...opts.json } }],
		credentials: { bemStore: credential },
		executionId: opts.executionId ?? 'exec-1',
	});
}

const audit = (caseId: string) => store.auditTrail(caseId, { actor: 'test', purpose: 'test' });
const letters = (caseId: string) => store.letters(caseId, { actor: 'test', purpose: 'test' });

describe('BEM Invitation node', () => {
	let caseId: string;
	let first: RunResult;

	beforeAll(async () => {
		caseId = await openCase('E1');
		first = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11', salutation: 'fromHris' },
			{ executionId: 'exec-first' },
		);
	});

	it('claims the first letter, renders it with the deadline the case keeps, and archives it', async () => {
		expect(first.run.data.resultData.error).toBeUndefined();
		const [out] = first.output('BEM Invitation');
		const c = await store.getCase(caseId, { actor: 'test', purpose: 'test' });
		expect(c).toMatchObject({ state: 'invited', replyDueOn: '2026-12-28' });
		expect(out).toMatchObject({
			caseId,
			letter: 'first',
			sent: true,
			replyDueOn: '2026-12-28',
			sentOn: '2026-12-11',
			to: 'erika@example.invalid',
		});
		expect(out.subject).toMatch(/Angebot eines Betrieblichen Eingliederungsmanagements/);
		expect(out.text).toContain('Sehr geehrte Frau Mustermann,');
		expect(out.text).toContain('bis zum 28.12.2026');
		expect(out.html).toContain('bis zum 28.12.2026');

		const trail = await audit(caseId);
		const claim = trail.find((e) => e.type === 'invitation_sent');
		expect(claim).toMatchObject({
			on: '2026-12-11',
			idempotencyKey: `${caseId}:first`,
			workflowId: 'wf-invitation',
		});
		expect(JSON.stringify(claim!.data)).not.toMatch(/Erika|Mustermann/);

		const archived = await letters(caseId);
		expect(archived).toHaveLength(1);
		expect(archived[0]).toMatchObject({
			kind: 'first',
			on: '2026-12-11',
			subject: out.subject,
			text: out.text,
			html: out.html,
		});
		expect(archived[0].pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	it('records the channel: e-mail when the employee has an address, a posted letter without one', async () => {
		expect((await audit(caseId)).find((e) => e.type === 'invitation_sent')?.data).toMatchObject({
			channel: 'email',
		});
		// no e-mail address: by post, received 3 working days after Fri 11.12. (Wed 16.12.), due 30.12.
		const posted = await openCase('E-POST');
		const { email: _email, ...withoutEmail } = employee;
		void _email;
		const run = await invite(
			posted,
			{ letter: 'first', on: '2026-12-11' },
			{ json: { employee: withoutEmail } },
		);
		expect(run.run.data.resultData.error).toBeUndefined();
		expect(run.output('BEM Invitation')[0]).toMatchObject({ replyDueOn: '2026-12-30', to: '' });
		expect((await audit(posted)).find((e) => e.type === 'invitation_sent')?.data).toMatchObject({
			channel: 'letter',
		});
		// handed over on Mon 14.12.: the period runs from that day
		const handed = await openCase('E-HAND');
		const byHand = await invite(handed, {
			letter: 'first',
			on: '2026-12-11',
			options: { channel: 'hand', deliveredOn: '2026-12-14' },
		});
		expect(byHand.output('BEM Invitation')[0]).toMatchObject({ replyDueOn: '2026-12-28' });
	});

	it('attaches the PDF, which prints the deadline and the address', async () => {
		const [item] = first.items('BEM Invitation');
		const binary = item.binary?.letter;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileExtension: 'pdf' });
		expect(binary!.fileName).toBe(`bem-first-invitation-${caseId}.pdf`);
		const pdf = Buffer.from(binary!.data, 'base64');
		const printed = pdfText(pdf);
		expect(printed).toContain('28.12.2026');
		expect(printed).toContain('Lindenweg 3');
		expect(printed).toContain('Kassel, 11.12.2026');
		// the archived copy is the same document
		expect((await letters(caseId))[0].pdf!.equals(pdf)).toBe(true);
	});

	it('links to the reply form with a token signed under the store key, valid 14 days after the deadline', async () => {
		const [out] = first.output('BEM Invitation');
		const link = /https:\/\/n8n\.example\/form\/bem-reply\?token=\S+/.exec(out.text as string)![0];
		const token = new URL(link).searchParams.get('token');
		// the token names the letter it answers: the claim's event in the case's trail
		const claim = (await audit(caseId)).find((e) => e.type === 'invitation_sent');
		expect(verifyReplyToken(token, KEY, '2027-01-11')).toEqual({
			ok: true,
			claims: { caseId, letterSeq: claim?.seq, validUntil: '2027-01-11' },
		});
		expect(verifyReplyToken(token, KEY, '2027-01-12')).toEqual({ ok: false, reason: 'expired' });
		expect(verifyReplyToken(token, 'another-key-0123456789', '2026-12-20')).toEqual({
			ok: false,
			reason: 'forged',
		});
		expect(out.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
	});

	it('a repeat run gives sent:false, the same letter, and archives and records nothing', async () => {
		const before = (await audit(caseId)).length;
		const again = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-14', salutation: 'fromHris' },
			{ executionId: 'exec-repeat' },
		);
		expect(again.run.data.resultData.error).toBeUndefined();
		const [out] = again.output('BEM Invitation');
		const [original] = first.output('BEM Invitation');
		expect(out).toMatchObject({
			sent: false,
			replyDueOn: '2026-12-28',
			sentOn: '2026-12-11',
			text: original.text,
		});
		expect(await letters(caseId)).toHaveLength(1);
		expect((await audit(caseId)).length).toBe(before);
	});

	it('sends the second letter after the deadline, referring to the first', async () => {
		const second = await invite(
			caseId,
			{ letter: 'second', on: '2026-12-29', language: 'en' },
			{ executionId: 'exec-second' },
		);
		expect(second.run.data.resultData.error).toBeUndefined();
		const [out] = second.output('BEM Invitation');
		expect(out).toMatchObject({
			letter: 'second',
			sent: true,
			replyDueOn: '2027-01-12',
			sentOn: '2026-12-29',
		});
		expect(out.text).toContain('11 December 2026');
		expect(out.text).toContain('by 12 January 2027');
		const printed = pdfText(
			Buffer.from(second.items('BEM Invitation')[0].binary!.letter.data, 'base64'),
		);
		expect(printed).toContain('12 January 2027');
		expect(await store.getCase(caseId, { actor: 'test', purpose: 'test' })).toMatchObject({
			state: 'reinvited',
			replyDueOn: '2027-01-12',
		});
		expect((await letters(caseId)).map((l) => l.kind)).toEqual(['first', 'second']);
		// and once only
		const repeat = await invite(
			caseId,
			{ letter: 'second', on: '2026-12-30', language: 'en' },
			{ executionId: 'exec-second-repeat' },
		);
		expect(repeat.output('BEM Invitation')[0]).toMatchObject({
			sent: false,
			replyDueOn: '2027-01-12',
		});
		expect(await letters(caseId)).toHaveLength(2);
	});

	it('invites a deferred case again when it is due, once', async () => {
		const id = await openCase('E5');
		expect(
			(await invite(id, { letter: 'first', on: '2026-12-11' })).output('BEM Invitation')[0],
		).toMatchObject({ sent: true });
		await store.recordEvent(id, {
			type: 'reply_deferred',
			on: '2026-12-15',
			actor: 'test',
			data: { followUpOn: '2027-03-01' },
		});
		const again = await invite(
			id,
			{ letter: 'first', on: '2027-03-01' },
			{ executionId: 'exec-followup' },
		);
		expect(again.output('BEM Invitation')[0]).toMatchObject({
			sent: true,
			sentOn: '2027-03-01',
			replyDueOn: '2027-03-15',
		});
		const repeat = await invite(id, { letter: 'first', on: '2027-03-02' });
		expect(repeat.output('BEM Invitation')[0]).toMatchObject({
			sent: false,
			sentOn: '2027-03-01',
			replyDueOn: '2027-03-15',
		});
		expect((await letters(id)).map((l) => l.on)).toEqual(['2026-12-11', '2027-03-01']);
		expect(
			(await audit(id)).filter((e) => e.type === 'invitation_sent').map((e) => e.idempotencyKey),
		).toEqual([`${id}:first`, `${id}:first:2`]);
	});

	it('refuses a second letter before the first deadline has passed, writing nothing', async () => {
		const id = await openCase('E2');
		await invite(id, { letter: 'first', on: '2026-12-11' });
		const before = (await audit(id)).length;
		const { run } = await invite(id, { letter: 'second', on: '2026-12-28' });
		expect(run.data.resultData.error?.name).toBe('NodeOperationError');
		expect(run.data.resultData.error?.message).toMatch(/^Item 0: .*second_invitation_sent refused/);
		expect((await audit(id)).length).toBe(before);
		expect(await letters(id)).toHaveLength(1);
	});
});

describe('BEM Invitation node: bad input', () => {
	let caseId: string;
	beforeAll(async () => {
		caseId = await openCase('E3');
	});

	async function nothingWritten() {
		expect((await audit(caseId)).map((e) => e.type)).toEqual(['case_opened']);
		expect(await letters(caseId)).toHaveLength(0);
	}

	it('refuses health detail in the employee input, naming item and field', async () => {
		const { run } = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11' },
			{ json: { employee: { ...employee, diagnosis: 'F32.1' } } },
		);
		const error = run.data.resultData.error;
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(
			/^Item 0: field "employee\.diagnosis": employee\.diagnosis looks like health detail/,
		);
		expect(error?.message).not.toContain('F32.1');
		const value = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11' },
			{
				json: {
					employee: { ...employee, address: ['Lindenweg 3', 'AU wegen J06.9', '34119 Kassel'] },
				},
			},
		);
		expect(value.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "employee\.address\[1\]"/,
		);
		await nothingWritten();
	});

	it('refuses a template override without the voluntariness or deadline, naming item and field', async () => {
		const noVoluntariness = await invite(caseId, {
			letter: 'first',
			on: '2026-12-11',
			options: { template: JSON.stringify({ sections: { voluntariness: null } }) },
		});
		expect(noVoluntariness.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "options\.template": .*the voluntariness section \("voluntariness"\) is missing/,
		);
		const noDeadline = await invite(caseId, {
			letter: 'first',
			on: '2026-12-11',
			options: {
				template: {
					sections: {
						reply: { heading: 'Ihre Antwort', text: 'Bitte antworten Sie bald: {{replyLink}}' },
						noReply: { text: 'Sonst schreiben wir erneut.' },
						dataProtection: null,
					},
				},
			},
		});
		const message = noDeadline.run.data.resultData.error?.message;
		expect(message).toMatch(/reply deadline placeholder \{\{replyDueOn\}\} is missing/);
		expect(message).toMatch(/data-protection \(Art\. 13 DSGVO\) section/);
		const badJson = await invite(caseId, {
			letter: 'first',
			on: '2026-12-11',
			options: { template: '{ sections: ' },
		});
		expect(badJson.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "options\.template": options\.template is not valid JSON/,
		);
		await nothingWritten();
	});

	it('names bad parameters and an unknown case', async () => {
		const noUrl = await invite(caseId, {
			letter: 'first',
			on: '2026-12-11',
			replyFormUrl: '={{ $json.formUrl }}',
		});
		expect(noUrl.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "replyFormUrl": replyFormUrl is required/,
		);
		const ftp = await invite(caseId, {
			letter: 'first',
			on: '2026-12-11',
			replyFormUrl: 'ftp://n8n.example/form',
		});
		expect(ftp.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "replyFormUrl": replyFormUrl must be an http\(s\) URL/,
		);
		const badDate = await invite(caseId, { letter: 'first', on: '11.12.2026' });
		expect(badDate.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "on": on must be a date/,
		);
		const noDpo = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11' },
			{ json: { company: { ...company, dpoContact: '' } } },
		);
		expect(noDpo.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "company\.dpoContact"/,
		);
		const unknown = await invite('no-such-case', { letter: 'first', on: '2026-12-11' });
		expect(unknown.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "caseId": No BEM case no-such-case/,
		);
		// a resume link other than n8n's own waiting webhook: refused, naming the field, not the value
		for (const resumeUrl of [
			'http://localhost:5678/webhook-waiting/%2e%2e/rest/owner/setup',
			'http://localhost:5678/rest/owner/setup',
			'https://evil.example/steal?x=1',
		]) {
			const hostile = await invite(caseId, {
				letter: 'first',
				on: '2026-12-11',
				options: { resumeUrl },
			});
			const message = hostile.run.data.resultData.error?.message ?? '';
			expect(message).toMatch(/^Item 0: field "options\.resumeUrl": options\.resumeUrl /);
			expect(message).not.toContain(resumeUrl);
			expect(message).not.toMatch(/rest|evil/);
		}
		// a name the PDF's font cannot print: refused before the letter is claimed, naming field and script
		const cjk = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11' },
			{ json: { employee: { ...employee, name: '王小明' } } },
		);
		expect(cjk.run.data.resultData.error?.message).toMatch(
			/^Item 0: field "employee\.name": employee\.name contains Han script characters/,
		);
		expect(cjk.run.data.resultData.error?.message).not.toContain('王');
		const noFirst = await invite(caseId, { letter: 'second', on: '2026-12-29' });
		expect(noFirst.run.data.resultData.error?.message).toMatch(/no first invitation on record/);
		await nothingWritten();
	});

	it('with Continue On Fail, sends a bad item out with its error and invites the rest', async () => {
		const other = await openCase('E4');
		const items = [
			{ json: { caseId, employee: { ...employee, diagnosis: 'x' }, company } },
			{ json: { caseId: other, employee, company } },
		];
		const { run, items: out } = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11' },
			{ items, settings: { onError: 'continueRegularOutput' } },
		);
		expect(run.data.resultData.error).toBeUndefined();
		const [failed, ok] = out('BEM Invitation');
		expect(failed.json).toEqual({
			error:
				'Item 0: field "employee.diagnosis": employee.diagnosis looks like health detail (a diagnosis, symptom or finding); BEM letters name periods only, never health details',
			details: { field: 'employee.diagnosis' },
		});
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(ok.json).toMatchObject({ caseId: other, sent: true });
		expect(ok.pairedItem).toEqual({ item: 1 });
		await nothingWritten();
		expect(await letters(other)).toHaveLength(1);
	});
});

describe('BEM Invitation node: salutation', () => {
	let n = 0;
	const greeting = async (
		salutation: string | undefined,
		person: IDataObject,
		language = 'de',
	): Promise<string> => {
		const caseId = await openCase(`SAL-${++n}`);
		const { run, output } = await invite(
			caseId,
			{ letter: 'first', on: '2026-12-11', language, ...(salutation ? { salutation } : {}) },
			{ json: { employee: { ...employee, salutation: undefined, ...person } } },
		);
		expect(run.data.resultData.error).toBeUndefined();
		return String(output('BEM Invitation')[0].text).split('\n')[0];
	};

	it('is neutral by default, whatever the HRIS says', async () => {
		expect(await greeting(undefined, { salutation: 'Frau' })).toBe('Guten Tag Erika Mustermann,');
		expect(await greeting('neutral', { gender: 'male' })).toBe('Guten Tag Erika Mustermann,');
	});

	it('From HRIS: Frau / Herr from employee.salutation or employee.gender, neutral when missing or diverse', async () => {
		expect(await greeting('fromHris', { salutation: 'Frau' })).toBe(
			'Sehr geehrte Frau Mustermann,',
		);
		expect(await greeting('fromHris', { salutation: 'Herr', gender: 'female' })).toBe(
			'Sehr geehrter Herr Mustermann,',
		);
		expect(await greeting('fromHris', { gender: 'female' })).toBe('Sehr geehrte Frau Mustermann,');
		expect(await greeting('fromHris', { gender: 'M' })).toBe('Sehr geehrter Herr Mustermann,');
		expect(await greeting('fromHris', { gender: 'diverse' })).toBe('Guten Tag Erika Mustermann,');
		expect(await greeting('fromHris', {})).toBe('Guten Tag Erika Mustermann,');
		expect(await greeting('fromHris', { gender: 'female' }, 'en')).toBe('Dear Ms Mustermann,');
	});

	it('refuses an unknown mode, naming the field', async () => {
		const caseId = await openCase(`SAL-${++n}`);
		const { run } = await invite(caseId, { letter: 'first', on: '2026-12-11', salutation: 'du' });
		expect(run.data.resultData.error?.message).toMatch(/^Item 0: field "salutation"/);
		expect((await audit(caseId)).map((e) => e.type)).toEqual(['case_opened']);
	});
});
