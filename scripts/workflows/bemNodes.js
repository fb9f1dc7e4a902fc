// Node helpers for the case-steps, retention and KPI workflows: the BEM Case node (credential reference
// only), HR forms (n8n Form Trigger behind n8n user login, fields with stable names), the form ending
// page, and the "Run for a Date" trigger other workflows, the CLI and tests start a dated run from.
'use strict';
const { stableId } = require('./builder');
const { manualTrigger, scheduleTrigger } = require('./common');
const { bemCase, officerCase, ifTrue, TODAY: BERLIN_TODAY } = require('./process');

/**
 * An HR form. `fields`: [{ name, label, type?, required?, options?, placeholder? }]; the submission's
 * item carries each field under its `name` (Form Trigger ≥ 2.5 "Custom Field Name").
 */
function hrForm(b, name, at, { path, title, description, fields, button = 'Record' }) {
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
			// the Form Ending page answers once the step is recorded
			responseMode: 'onReceived',
			options: { path, appendAttribution: false, buttonLabel: button, useWorkflowTimezone: true },
		},
		at,
		{ webhookId: stableId('form', path) },
	);
}

/** The page HR sees after submitting: ids, state and dates only. */
function formEnding(b, name, at, { title, message }) {
	return b.add(
		name,
		'n8n-nodes-base.form',
		2.5,
		{
			operation: 'completion',
			respondWith: 'text',
			completionTitle: title,
			completionMessage: message,
			options: { appendAttribution: false },
		},
		at,
	);
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

module.exports = { bemCase, officerCase, ifTrue, hrForm, formEnding, startTriggers, TODAY };
