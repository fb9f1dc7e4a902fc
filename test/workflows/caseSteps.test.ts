import type { IDataObject } from 'n8n-workflow';

import { buildWorkflow } from './load';
import { bemWorld, formSubmission, type BemWorld } from './bemRun';
import { runWorkflow, type RunResult } from '../harness/run';
import type { BemCase } from '../../core';
import { acceptedCase } from '../store/cases';

// 5 · Case steps: HR forms record the BEM's steps in the real store; the form's answer gets ids and
// states only and no execution waits for a page; free text reaches the store encrypted; refused steps
// change nothing. Review reminders are the Deadline Sweep's (sweep.test.ts); this workflow sends no mail.
const wf = buildWorkflow('bem-5-case-steps.json');
const ENDING = 'Show the New Case State';
const NOTE = 'Vereinbart: Gespräch mit Teamleitung über Schichtplan';

describe('BEM · 5 Case Steps', () => {
	let world: BemWorld;
	beforeAll(async () => {
		world = await bemWorld();
	});
	afterAll(() => world.close());

	const accepted = (employeeId: string): Promise<BemCase> =>
		acceptedCase(world.store, {
			employeeId,
			reachedOn: '2026-01-02',
			openedOn: '2026-01-05',
			acceptedOn: '2026-01-08',
			actor: 'test',
		});

	let executions = 0;
	/** one form submission = one execution of its own */
	async function submit(
		form: string,
		values: Record<string, string | string[]>,
	): Promise<RunResult> {
		executions += 1;
		return runWorkflow(wf, {
			startNode: form,
			items: [formSubmission(wf, form, values)],
			credentials: world.credentials,
			executionId: `form-${executions}`,
		});
	}

	/** the sentence for the record in the form's answer (the run's last item, what n8n sends back) */
	function endingText(r: RunResult): unknown {
		return r.output(ENDING)[0]?.message;
	}

	const get = async (id: string) =>
		(await world.store.getCase(id, { actor: 'test', purpose: 'check' }))!;
	const trail = (id: string) => world.store.auditTrail(id, { actor: 'test', purpose: 'check' });
	/** everything the BEM Case nodes emitted (what n8n would keep as execution data) */
	const bemOutputs = (r: RunResult) =>
		JSON.stringify(
			wf.nodes.filter((n) => n.type === 'n8n-nodes-bem.bemCase').map((n) => r.output(n.name)),
		);

	it('lists the participant types in plain German, one role name each; the consent grants them', async () => {
		const form = wf.nodes.find((n) => n.name === 'HR Form: Consent & First Talk')!;
		const fields = (form.parameters.formFields as { values: Array<Record<string, unknown>> })
			.values;
		const participants = fields.find((f) => f.fieldName === 'participants')!;
		expect(participants).toMatchObject({ fieldType: 'checkbox' });
		expect(
			(participants.fieldOptions as { values: Array<{ option: string }> }).values.map(
				(o) => o.option,
			),
		).toEqual([
			'Betriebsrat',
			'Schwerbehindertenvertretung',
			'Betriebsarzt',
			'Führungskraft',
			'Integrationsamt / Reha-Träger',
		]);
		// every type ticked: each becomes its participant role, and the role can then be granted
		const c = await accepted('E-1000');
		const r = await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			participants: [
				'Betriebsrat',
				'Schwerbehindertenvertretung',
				'Betriebsarzt',
				'Führungskraft',
				'Integrationsamt / Reha-Träger',
			],
			heldOn: '2026-01-15',
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		const given = (await trail(c.id)).find((e) => e.type === 'consent_given');
		expect(given?.data.participants).toEqual([
			'works_council',
			'disability_rep',
			'company_doctor',
			'line_manager',
			'integration_office',
		]);
		await world.store.grantRole({
			principal: 'sbv',
			role: 'disability_rep',
			caseId: c.id,
			by: 'test',
			on: '2026-01-16',
		});
	});

	it('records consent and first talk: the case is in progress, the note only encrypted in the store', async () => {
		const c = await accepted('E-1001');
		const r = await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			participants: ['Betriebsrat', 'Integrationsamt / Reha-Träger'],
			heldOn: '2026-01-15',
			note: NOTE,
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		expect((await get(c.id)).state).toBe('in_progress');
		// the consent as the store takes it: its scopes and the ticked types as participant role names
		const given = (await trail(c.id)).find((e) => e.type === 'consent_given');
		expect(given?.data).toEqual({
			scopes: ['bem', 'data_processing'],
			participants: ['works_council', 'integration_office'],
		});
		expect(endingText(r)).toBe(`Case ${c.reference} is now in state "in_progress".`);
		const events = await trail(c.id);
		// the HR forms act as their credential's principal (case-file.md), the person is in n8n's execution
		expect(events.map((e) => [e.type, e.on, e.actor, e.executionId])).toEqual(
			expect.arrayContaining([
				['consent_given', '2026-01-12', 'bem_officer', expect.any(String)],
				['first_talk_held', '2026-01-15', 'bem_officer', expect.any(String)],
			]),
		);
		// the ending page shows the new state from ids and states only
		const shown = r.output(ENDING);
		expect(shown).toHaveLength(1);
		expect(shown[0]).toMatchObject({ caseId: c.id, state: 'in_progress' });
		expect(bemOutputs(r)).not.toContain('Schichtplan');
		expect(JSON.stringify(shown)).not.toContain('Schichtplan');
		expect(await world.backend.dump()).not.toContain('Schichtplan');
		expect(r.order).toEqual([
			'HR Form: Consent & First Talk',
			'Record Written Consent',
			'Record First Talk',
			ENDING,
		]);
	});

	it('opens every HR form only to logged-in n8n users', () => {
		const forms = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.formTrigger');
		expect(forms).toHaveLength(5);
		for (const f of forms)
			expect({ form: f.name, auth: f.parameters.authentication }).toEqual({
				form: f.name,
				auth: 'n8nUserAuth',
			});
	});

	it('starts only from the HR forms and mails nothing: review reminders are the Deadline Sweep’s alone', () => {
		const triggers = wf.nodes.filter((n) => /trigger/i.test(n.type)).map((n) => n.type);
		expect(new Set(triggers)).toEqual(new Set(['n8n-nodes-base.formTrigger']));
		expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.emailSend')).toEqual([]);
		expect(wf.name).toBe('BEM · 5 Case Steps (HR Forms)');
	});

	it('shows only ids, states and dates on the ending page', () => {
		const ending = wf.nodes.find((n) => n.name === ENDING)!;
		const assignments = (
			ending.parameters.assignments as { assignments: Array<{ name: string; value: string }> }
		).assignments;
		expect(assignments.map((a) => a.name)).toEqual(['message']);
		const refs = assignments[0].value.match(/\$json\.\w+/g) ?? [];
		expect(new Set(refs)).toEqual(
			new Set([
				'$json.reference',
				'$json.state',
				'$json.outcome',
				'$json.reviewDueOn',
				'$json.alreadyDone',
			]),
		);
	});

	it('records a case conference and a double submission once', async () => {
		const c = await accepted('E-1002');
		await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			heldOn: '2026-01-15',
		});
		const before = (await trail(c.id)).length;
		const values = { caseId: c.id, heldOn: '2026-01-20' };
		const first = await submit('HR Form: Case Conference', values);
		expect(first.run.data.resultData.error).toBeUndefined();
		const again = await submit('HR Form: Case Conference', values);
		expect(again.run.data.resultData.error).toBeUndefined();
		const events = await trail(c.id);
		expect(events).toHaveLength(before + 1);
		expect(events.at(-1)).toMatchObject({
			type: 'case_conference_held',
			on: '2026-01-20',
			data: {},
		});
		expect(first.output(ENDING)[0]).toMatchObject({
			caseId: c.id,
			state: 'in_progress',
			recorded: true,
		});
		expect(again.output(ENDING)[0]).toMatchObject({
			caseId: c.id,
			state: 'in_progress',
			recorded: false,
			alreadyDone: true,
		});
		expect(endingText(again)).toBe(
			`Case ${c.reference} is now in state "in_progress". This step had already been recorded.`,
		);
	});

	/** plans a measure through the form */
	const planMeasure = (
		caseId: string,
		measureId: string,
		measure: string,
		owner: string,
		on = '2026-01-22',
	) =>
		submit('HR Form: Measure', {
			caseId,
			stage: 'Geplant',
			measureId,
			measure,
			owner,
			dueOn: '2026-02-15',
			on,
			details: 'Ergonomischer Stuhl bestellt',
		});
	const measureStep = (
		caseId: string,
		stage: string,
		measureId: string,
		on: string,
		details?: string,
	) =>
		submit('HR Form: Measure', { caseId, stage, measureId, on, ...(details ? { details } : {}) });

	it('plans catalogue measures with owners and due dates; the last one implemented moves to review; reviews to completion', async () => {
		const c = await accepted('E-1003');
		await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			heldOn: '2026-01-15',
		});
		await world.store.setOwner({
			principal: 'lead-lager',
			displayName: 'Lagerleitung',
			email: 'lager@example.com',
			by: 'test',
			on: '2026-01-20',
		});
		const planned = await planMeasure(c.id, 'M1', 'Anpassung der Arbeitszeit', 'lead-lager');
		expect(planned.run.data.resultData.error).toBeUndefined();
		expect(planned.order).toContain('Record Measure Planned');
		expect((await trail(c.id)).at(-1)).toMatchObject({
			type: 'measure_planned',
			data: { measureId: 'M1', code: 'working_time', owner: 'lead-lager', dueOn: '2026-02-15' },
		});
		await planMeasure(c.id, 'M2', 'Technische Hilfsmittel', 'bem_officer');
		expect(
			await world.store.findMeasures(
				{ overdueOn: '2026-02-16', caseId: c.id },
				{ actor: 'test', purpose: 'check' },
			),
		).toEqual([
			expect.objectContaining({ measureId: 'M1', owner: 'lead-lager', state: 'planned' }),
			expect.objectContaining({ measureId: 'M2', owner: 'bem_officer', state: 'planned' }),
		]);
		expect((await measureStep(c.id, 'Begonnen', 'M1', '2026-01-25')).order).toContain(
			'Record Measure Started',
		);
		const first = await measureStep(c.id, 'Umgesetzt', 'M1', '2026-02-01');
		expect(first.output(ENDING)[0]).toMatchObject({ caseId: c.id, state: 'in_progress' });
		const done = await measureStep(c.id, 'Umgesetzt', 'M2', '2026-02-02');
		expect(done.order).toContain('Record Measure Implemented');
		const inReview = await get(c.id);
		expect(inReview.state).toBe('review');
		expect(inReview.reviewDueOn).toMatch(/^2026-05-0\d$/);
		expect(done.output(ENDING)[0]).toMatchObject({
			caseId: c.id,
			state: 'review',
			reviewDueOn: inReview.reviewDueOn,
		});
		// the personnel file names the labour-law measure by its catalogue label, nothing else
		expect(
			(await world.store.personnelFileExtract(c.id, { actor: 'test', purpose: 'check' }))
				.labourLawMeasures,
		).toEqual(['Anpassung der Arbeitszeit']);
		expect(await world.backend.dump()).not.toContain('Ergonomischer Stuhl');

		const firstReview = await submit('HR Form: Effectiveness Review', {
			caseId: c.id,
			heldOn: inReview.reviewDueOn!,
			effective: 'Yes',
		});
		expect(firstReview.output(ENDING)[0]).toMatchObject({ state: 'review' });
		const second = (await get(c.id)).reviewDueOn!;
		expect(second > inReview.reviewDueOn!).toBe(true);
		const last = await submit('HR Form: Effectiveness Review', {
			caseId: c.id,
			heldOn: second,
			effective: 'Yes',
			note: 'Wirksam laut Teamleitung',
		});
		expect(last.output(ENDING)[0]).toMatchObject({
			caseId: c.id,
			state: 'closed',
			outcome: 'completed',
		});
		expect(endingText(done)).toBe(
			`Case ${c.reference} is now in state "review"; next effectiveness review due on ${inReview.reviewDueOn}.`,
		);
		expect(endingText(last)).toBe(
			`Case ${c.reference} is now in state "closed" (outcome: completed).`,
		);
		expect(await world.backend.dump()).not.toContain('Wirksam laut');
	});

	it('drops a measure with its reason encrypted; an unknown owner is refused and nothing is written', async () => {
		const c = await accepted('E-1008');
		await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			heldOn: '2026-01-15',
		});
		const before = (await trail(c.id)).length;
		const unknown = await planMeasure(c.id, 'M1', 'Coaching / Beratung', 'niemand-bekannt');
		expect(unknown.run.data.resultData.error?.message).toMatch(
			/data\.owner is neither a principal/,
		);
		expect(unknown.output(ENDING)).toEqual([]);
		expect(await trail(c.id)).toHaveLength(before);
		await planMeasure(c.id, 'M1', 'Coaching / Beratung', 'bem_officer');
		const dropped = await measureStep(
			c.id,
			'Verworfen',
			'M1',
			'2026-01-23',
			'Angebot passt nicht VERWORFEN-77',
		);
		expect(dropped.order).toContain('Record Measure Dropped');
		expect((await trail(c.id)).at(-1)).toMatchObject({
			type: 'measure_dropped',
			data: { measureId: 'M1' },
		});
		expect(await world.backend.dump()).not.toContain('VERWORFEN-77');
		expect(bemOutputs(dropped)).not.toContain('VERWORFEN-77');
	});

	it('records the talk checklist as structured fields: boxes, participants by role name, agreed measures, next date', async () => {
		const c = await accepted('E-1009');
		const r = await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			participants: ['Betriebsrat', 'Führungskraft'],
			heldOn: '2026-01-15',
			checklist: ['Ziele und Freiwilligkeit erklärt', 'Datenschutz erklärt'],
			talkParticipants: ['Betriebsrat'],
			agreedMeasures: 'M1, M2',
			nextMeetingOn: '2026-02-01',
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		expect((await trail(c.id)).find((e) => e.type === 'first_talk_held')?.data).toEqual({
			goalsExplained: true,
			privacyExplained: true,
			participants: ['works_council'],
			agreedMeasures: ['M1', 'M2'],
			nextMeetingOn: '2026-02-01',
		});
		// a participant the consent does not name is refused
		const beyond = await submit('HR Form: Case Conference', {
			caseId: c.id,
			heldOn: '2026-01-20',
			talkParticipants: ['Betriebsarzt'],
		});
		expect(beyond.run.data.resultData.error?.message).toMatch(/consent/);
		const conference = await submit('HR Form: Case Conference', {
			caseId: c.id,
			heldOn: '2026-01-20',
			checklist: ['Datenschutz erklärt'],
		});
		expect((await trail(c.id)).at(-1)).toMatchObject({
			type: 'case_conference_held',
			data: { goalsExplained: false, privacyExplained: true, participants: [], agreedMeasures: [] },
		});
		expect(conference.output(ENDING)[0]).toMatchObject({ state: 'in_progress' });
	});

	it('sends an ineffective review back to in progress', async () => {
		const c = await accepted('E-1004');
		await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			heldOn: '2026-01-15',
		});
		await planMeasure(c.id, 'M1', 'Weiterbildung / Qualifizierung', 'bem_officer');
		await measureStep(c.id, 'Umgesetzt', 'M1', '2026-02-02');
		const r = await submit('HR Form: Effectiveness Review', {
			caseId: c.id,
			heldOn: '2026-03-02',
			effective: 'No',
		});
		expect(r.output(ENDING)[0]).toMatchObject({
			caseId: c.id,
			state: 'in_progress',
			reviewDueOn: null,
		});
		expect((await trail(c.id)).at(-1)).toMatchObject({
			type: 'review_held',
			data: { effective: false },
		});
	});

	it('answers each form when its run ends: no Form ending page, no execution left waiting', async () => {
		expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.form')).toEqual([]);
		for (const f of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.formTrigger')) {
			expect([f.name, f.parameters.responseMode]).toEqual([f.name, 'lastNode']);
			const text = (f.parameters.options as { respondWithOptions: { values: IDataObject } })
				.respondWithOptions.values;
			expect(text).toEqual({
				respondWith: 'text',
				formSubmittedText: expect.stringMatching(/^Im BEM-File erfasst\./),
			});
		}
		const c = await accepted('E-1010');
		const r = await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			heldOn: '2026-01-15',
		});
		expect(r.run.waitTill).toBeUndefined();
		expect(r.run.status).toBe('success');
		expect(r.order.at(-1)).toBe(ENDING);
	});

	it('closes: statement period then no suitable measure; withdrawal at once', async () => {
		const c = await accepted('E-1005');
		await submit('HR Form: Consent & First Talk', {
			caseId: c.id,
			consentOn: '2026-01-12',
			heldOn: '2026-01-15',
		});
		const start = await submit('HR Form: Close the Case', {
			caseId: c.id,
			closing: 'Start the 14-day statement period (no suitable measure found)',
			on: '2026-02-02',
		});
		expect(start.order).toContain('Record Statement Period Start');
		expect(start.output(ENDING)[0]).toMatchObject({ state: 'in_progress' });
		const close = await submit('HR Form: Close the Case', {
			caseId: c.id,
			closing: 'Close: no suitable measure (statement period over)',
			on: '2026-02-20',
		});
		expect(close.output(ENDING)[0]).toMatchObject({
			caseId: c.id,
			state: 'closed',
			outcome: 'no_suitable_measure',
		});

		const w = await accepted('E-1006');
		const withdrawn = await submit('HR Form: Close the Case', {
			caseId: w.id,
			closing: 'Close: the employee withdrew',
			on: '2026-01-20',
		});
		expect(withdrawn.output(ENDING)[0]).toMatchObject({
			caseId: w.id,
			state: 'closed',
			outcome: 'withdrawn',
		});
	});

	it('refuses a step the case is not ready for, writes nothing and shows no ending page', async () => {
		const c = await accepted('E-1007');
		const before = await get(c.id);
		const r = await submit('HR Form: Effectiveness Review', {
			caseId: c.id,
			heldOn: '2026-02-02',
			effective: 'Yes',
		});
		expect(r.run.data.resultData.error?.message).toMatch(/review_held/);
		expect(r.output(ENDING)).toEqual([]);
		expect((await get(c.id)).version).toBe(before.version);
	});
});
