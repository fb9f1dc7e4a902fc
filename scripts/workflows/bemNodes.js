// Node helpers for the case-steps, retention and KPI workflows: the BEM Case node (credential reference
// only), HR forms (n8n Form Trigger behind n8n user login, fields with stable names), the form's
// answer, and the "Run for a Date" trigger other workflows, the CLI and tests start a dated run from.
'use strict';
const { stableId } = require('./builder');
const { manualTrigger, scheduleTrigger } = require('./common');
const { bemCase, officerCase, ifTrue, shape, TODAY: BERLIN_TODAY } = require('./process');

/**
 * An HR form. `fields`: [{ name, label, type?, required?, options?, placeholder? }]; the submission's
 * item carries each field under its `name` (Form Trigger ≥ 2.5 "Custom Field Name"). The form answers
 * when the workflow finishes ("Workflow Finishes") with the static `submitted` text, or n8n's "Problem
 * submitting response" when the step was refused: no Form ending page waits for the browser, so no
 * execution is left waiting. (The reply form's Respond to Webhook needs Form Trigger 2.1, which has no
 * n8n user login; from 2.2 on the Form Trigger refuses a Respond to Webhook node.)
 */
function hrForm(b, name, at, { path, title, description, fields, button = 'Record', submitted }) {
	const values = fields.map((f) => ({
		fieldLabel: f.label,
		fieldName: f.name,
		fieldType: f.type ?? 'text',
		...(f.placeholder ? { placeholder: f.placeholder } : {}),
		...(f.options ? { fieldOptions: { values: f.options.map((option) => ({ option })) } } : {}),
		...(f.required === false ? {} : { requiredField: true }),
	}));
	return b.add(
		name,
		'n8n-nodes-base.formTrigger',
		2.6,
		{
			// only people logged in to this n8n may open the forms of the BEM file
			authentication: 'n8nUserAuth',
			formTitle: title,
			formDescription: description,
			formFields: { values },
			responseMode: 'lastNode',
			options: {
				path,
				appendAttribution: false,
				buttonLabel: button,
				useWorkflowTimezone: true,
				respondWithOptions: { values: { respondWith: 'text', formSubmittedText: submitted } },
			},
		},
		at,
		{ webhookId: stableId('form', path) },
	);
}

/**
 * The run's last node, whose item n8n sends as the form's HTTP answer: the case's ids, state and dates
 * as the BEM Case node gave them, and the sentence for the record (`message`).
 */
function formAnswer(b, name, at, message) {
	return shape(b, name, at, { message: ['string', message] }, true);
}

/** Starts a run from another workflow or a test, with `today` ('YYYY-MM-DD') as the business date. */
function runForDate(b, at, name = 'Run for a Date (Sub-workflow / Tests)') {
	return b.add(
		name,
		'n8n-nodes-base.executeWorkflowTrigger',
		1.1,
		{ inputSource: 'passthrough' },
		at,
	);
}

/**
 * The three ways a dated run starts, stacked in one column from `at`: the schedule, the Manual trigger
 * (CLI) and Run for a Date; each connected to `next`. Returns their names.
 */
function startTriggers(b, at, scheduleName, rule, next) {
	const names = [
		scheduleTrigger(b, at, scheduleName, rule),
		manualTrigger(b, [at[0], at[1] + 1]),
		runForDate(b, [at[0], at[1] + 2]),
	];
	for (const name of names) b.connect(name, next);
	return names;
}

/** The business date: the `today` a caller passed, else today in Berlin. */
const TODAY = `={{ $json.today || ${BERLIN_TODAY} }}`;

module.exports = { bemCase, officerCase, ifTrue, hrForm, formAnswer, startTriggers, TODAY };
