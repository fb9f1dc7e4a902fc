// 5 · Case steps: the forms HR records the BEM's steps with (consent and first talk, case conference,
// measures, effectiveness reviews, closing), each written to the BEM file as its event. Reviews that
// fall due are reminded by the Deadline Sweep (one daily place for every deadline). Execution data
// carries case ids, states and dates; the free-text note goes straight into the store, which encrypts it.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS } = require('./common');
const { officerCase, ifTrue, hrForm, formEnding } = require('./bemNodes');

/** Labour-law measures (what may go into the personnel file); the form's dropdown stores the label as given. */
const LABOUR_LAW_MEASURES = [
	'Stufenweise Wiedereingliederung (graduated return to work)',
	'Änderung der Arbeitszeit (change of working time)',
	'Reduzierung der Arbeitszeit (reduced hours)',
	'Änderung der Arbeitsaufgaben (change of duties)',
	'Umsetzung / Versetzung (transfer to another position)',
	'Arbeitsplatzanpassung (workplace adaptation)',
	'Qualifizierung (training)',
	'Änderungsvertrag (contract amendment)',
];
const NO_LABOUR_LAW_MEASURE = 'None (organisational measure only)';

const CLOSING = {
	statement: 'Start the 14-day statement period (no suitable measure found)',
	noMeasure: 'Close: no suitable measure (statement period over)',
	withdrawn: 'Close: the employee withdrew',
	ended: 'Close: employment ended',
};

/**
 * The participant types a consent may name, in plain German for HR, mapped to the participant role names
 * of the BEM file (case-file.md): a participant role is granted on a case only within the consent.
 */
const PARTICIPANT_TYPES = {
	Betriebsrat: 'works_council',
	Schwerbehindertenvertretung: 'disability_rep',
	Betriebsarzt: 'company_doctor',
	Führungskraft: 'line_manager',
	'Integrationsamt / Reha-Träger': 'integration_office',
};
/** what every consent covers: the BEM itself and the processing of its data */
const CONSENT_SCOPES = ['bem', 'data_processing'];
/** The consent's typed data: its scopes and the ticked participant types as role names. */
const consentData =
	`={{ JSON.stringify({ scopes: ${JSON.stringify(CONSENT_SCOPES)}, participants: ` +
	`[].concat($json.participants || []).map(function (p) { return ${JSON.stringify(PARTICIPANT_TYPES)}[p]; }) }) }}`;

const caseIdField = {
	name: 'caseId',
	label: 'BEM case ID',
	placeholder: 'as in the reminder or the case list',
};
const noteField = {
	name: 'note',
	label: 'Note (optional; never diagnoses or symptoms — stored encrypted in the BEM file)',
	type: 'textarea',
	required: false,
};
const dateField = (name, label) => ({ name, label, type: 'date' });

/** Reads a field of the form's submission (the same item, through the nodes in between). */
const field = (form, name) => `$('${form}').item.json.${name}`;
/** The event's data: structured fields as given, the note only when written (the store encrypts it). */
const data = (entries) => `={{ JSON.stringify({ ${entries} }) }}`;
const noteOf = (form) => `note: ${field(form, 'note')} || undefined`;

function record(b, name, at, form, { eventType, on, entries, key }) {
	return officerCase(b, name, at, {
		operation: 'recordEvent',
		caseId: `={{ ${field(form, 'caseId')} }}`,
		eventType,
		on: `={{ ${field(form, on)} }}`,
		data: data(entries),
		idempotencyKey: `={{ ${field(form, 'caseId')} + ':${key}:' + ${field(form, on)} }}`,
	});
}

function condition(id, leftValue, rightValue) {
	return {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
		conditions: [{ id, leftValue, rightValue, operator: { type: 'string', operation: 'equals' } }],
		combinator: 'and',
	};
}

module.exports = function caseSteps() {
	const b = new WorkflowBuilder({
		id: IDS.caseSteps,
		name: 'BEM · 5 Case Steps (HR Forms)',
		failedRuns: 'drop',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const ending = formEnding(b, 'Show the New Case State', [5, 6], {
		title: 'Recorded in the BEM file',
		message:
			'=Case {{ $json.reference }} is now in state "{{ $json.state }}"' +
			'{{ $json.outcome ? " (outcome: " + $json.outcome + ")" : "" }}' +
			'{{ $json.reviewDueOn ? "; next effectiveness review due on " + $json.reviewDueOn : "" }}.' +
			'{{ $json.alreadyDone ? " This step had already been recorded." : "" }}',
	});

	// consent and first talk
	const talkForm = 'HR Form: Consent & First Talk';
	hrForm(b, talkForm, [0, 1], {
		path: 'bem-first-talk',
		title: 'BEM: written consent and first talk',
		description:
			'Record that the employee gave the written, revocable consent (the BEM and the processing of its data, with the participants the employee agreed to) and that the first talk took place. Only the participants ticked here may be given access to the case.',
		fields: [
			caseIdField,
			dateField('consentOn', 'Written consent given on'),
			{
				name: 'participants',
				label: 'Participants the employee agreed to (Beteiligte laut Einwilligung)',
				type: 'checkbox',
				options: Object.keys(PARTICIPANT_TYPES),
				required: false,
			},
			dateField('heldOn', 'First talk held on'),
			noteField,
		],
	});
	const consent = officerCase(b, 'Record Written Consent', [1, 1], {
		operation: 'recordEvent',
		caseId: '={{ $json.caseId }}',
		eventType: 'consent_given',
		on: '={{ $json.consentOn }}',
		data: consentData,
		idempotencyKey: "={{ $json.caseId + ':consent_given:' + $json.consentOn }}",
	});
	const talk = record(b, 'Record First Talk', [2, 1], talkForm, {
		eventType: 'first_talk_held',
		on: 'heldOn',
		entries: noteOf(talkForm),
		key: 'first_talk_held',
	});
	b.connect(talkForm, consent).connect(consent, talk).connect(talk, ending);
	b.note(
		'1 · Consent and first talk',
		'HR records the written consent (scopes BEM and data processing; the participants the employee agreed to) and the first talk. The first talk needs the consent first; the case moves to **in progress**. Notes are optional, never diagnoses, and stored encrypted.',
		[0, 1],
		[2, 1],
		4,
	);

	// case conference
	const conferenceForm = 'HR Form: Case Conference';
	hrForm(b, conferenceForm, [0, 3], {
		path: 'bem-case-conference',
		title: 'BEM: case conference',
		description:
			'Record a case conference (Fallbesprechung) with the people the employee agreed to.',
		fields: [caseIdField, dateField('heldOn', 'Case conference held on'), noteField],
	});
	const conference = record(b, 'Record Case Conference', [2, 3], conferenceForm, {
		eventType: 'case_conference_held',
		on: 'heldOn',
		entries: noteOf(conferenceForm),
		key: 'case_conference_held',
	});
	b.connect(conferenceForm, conference).connect(conference, ending);
	b.note(
		'2 · Case conference',
		'Records that a case conference took place. The state does not change.',
		[0, 3],
		[2, 3],
		4,
	);

	// measures
	const measureForm = 'HR Form: Measure';
	hrForm(b, measureForm, [0, 5], {
		path: 'bem-measure',
		title: 'BEM: measure planned or implemented',
		description:
			'Record a measure of the plan. Only the labour-law measure (if any) may later go into the personnel file.',
		fields: [
			caseIdField,
			{
				name: 'stage',
				label: 'The measure was',
				type: 'radio',
				options: ['Planned', 'Implemented'],
			},
			{
				name: 'labourLawMeasure',
				label: 'Labour-law measure',
				type: 'dropdown',
				options: [...LABOUR_LAW_MEASURES, NO_LABOUR_LAW_MEASURE],
			},
			dateField('on', 'Date (planned on / implemented on)'),
			{
				name: 'description',
				label: 'What was agreed (optional; no health details — stored encrypted)',
				type: 'textarea',
				required: false,
			},
		],
	});
	const measureEntries =
		`labourLawMeasure: ${field(measureForm, 'labourLawMeasure')} === '${NO_LABOUR_LAW_MEASURE}' ? undefined : ${field(measureForm, 'labourLawMeasure')}, ` +
		`description: ${field(measureForm, 'description')} || undefined`;
	const stage = ifTrue(b, 'Planned or Implemented?', [1, 5], `$json.stage === 'Implemented'`);
	const implemented = record(b, 'Record Measure Implemented', [2, 5], measureForm, {
		eventType: 'measure_implemented',
		on: 'on',
		entries: measureEntries,
		key: 'measure_implemented',
	});
	const planned = record(b, 'Record Measure Planned', [2, 6], measureForm, {
		eventType: 'measure_planned',
		on: 'on',
		entries: measureEntries,
		key: 'measure_planned',
	});
	b.connect(measureForm, stage)
		.connect(stage, implemented, 0)
		.connect(stage, planned, 1)
		.connect(implemented, ending)
		.connect(planned, ending);
	b.note(
		'3 · Measures',
		'A planned measure is a fact on the file. An implemented one moves the case to **review** and sets the first effectiveness review (default 3 months). The labour-law measure is a fixed choice: it is what the personnel-file extract may name.',
		[0, 5],
		[2, 6],
		4,
	);

	// effectiveness review
	const reviewForm = 'HR Form: Effectiveness Review';
	hrForm(b, reviewForm, [0, 8], {
		path: 'bem-review',
		title: 'BEM: effectiveness review',
		description: 'Record a review of whether the implemented measures work.',
		fields: [
			caseIdField,
			dateField('heldOn', 'Review held on'),
			{
				name: 'effective',
				label: 'Are the measures effective?',
				type: 'radio',
				options: ['Yes', 'No'],
			},
			noteField,
		],
	});
	const review = record(b, 'Record Review', [2, 8], reviewForm, {
		eventType: 'review_held',
		on: 'heldOn',
		entries: `effective: ${field(reviewForm, 'effective')} === 'Yes', ${noteOf(reviewForm)}`,
		key: 'review_held',
	});
	b.connect(reviewForm, review).connect(review, ending);
	b.note(
		'4 · Effectiveness review',
		'Effective: the next review is set; after the second effective review the case closes as **completed**. Not effective: back to **in progress** to revise the plan; the reviews start again. The daily Deadline Sweep reminds HR when a review falls due.',
		[0, 8],
		[2, 8],
		4,
	);

	// closing
	const closeForm = 'HR Form: Close the Case';
	hrForm(b, closeForm, [0, 10], {
		path: 'bem-close',
		title: 'BEM: close the case',
		description:
			'Without a suitable measure the employee first gets a 14-day statement period; close after it. The employee may withdraw at any time.',
		fields: [
			caseIdField,
			{ name: 'closing', label: 'Step', type: 'dropdown', options: Object.values(CLOSING) },
			dateField('on', 'Date'),
			noteField,
		],
		button: 'Record',
	});
	const which = b.add(
		'Which Closing Step?',
		'n8n-nodes-base.switch',
		3.2,
		{
			rules: {
				values: Object.entries(CLOSING).map(([key, label]) => ({
					conditions: condition(`closing-${key}`, '={{ $json.closing }}', label),
					renameOutput: true,
					outputKey: label.replace(/ \(.*\)$/, ''),
				})),
			},
			options: {},
		},
		[1, 10],
	);
	const closers = [
		record(b, 'Record Statement Period Start', [2, 10], closeForm, {
			eventType: 'statement_period_started',
			on: 'on',
			entries: noteOf(closeForm),
			key: 'statement_period_started',
		}),
		record(b, 'Close: No Suitable Measure', [2, 11], closeForm, {
			eventType: 'case_closed',
			on: 'on',
			entries: `outcome: 'no_suitable_measure', ${noteOf(closeForm)}`,
			key: 'case_closed',
		}),
		record(b, 'Close: Withdrawn by the Employee', [2, 12], closeForm, {
			eventType: 'withdrawn',
			on: 'on',
			entries: noteOf(closeForm),
			key: 'withdrawn',
		}),
		record(b, 'Close: Employment Ended', [2, 13], closeForm, {
			eventType: 'employment_ended',
			on: 'on',
			entries: noteOf(closeForm),
			key: 'employment_ended',
		}),
	];
	b.connect(closeForm, which);
	closers.forEach((n, i) => b.connect(which, n, i).connect(n, ending));
	b.note(
		'5 · Closing',
		'No suitable measure: start the 14-day statement period, then close after it. Withdrawal and the end of employment close the case at once. Closed cases are kept for the retention period, then purged.',
		[0, 10],
		[2, 13],
		4,
	);
	b.note(
		'Ending page',
		'HR sees the case id, its new state and the next review date — nothing else.',
		[5, 6],
		[5, 6],
		5,
	);
	return b.toJSON();
};
