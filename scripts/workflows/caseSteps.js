// 5 · Case steps: the forms HR records the BEM's steps with (consent and first talk, case conference,
// the measure plan, effectiveness reviews, closing), each written to the BEM file as its event. The talk
// records carry the practice guides' checklist as structured fields; measures come from the catalogue
// with an owner and a due date. Reviews and overdue measures are reminded by the Deadline Sweep. Each
// form answers when its run ends (no execution waits); execution data carries case ids, states and
// dates; free text goes straight into the store, which encrypts it.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS } = require('./common');
const { officerCase, hrForm, formAnswer } = require('./bemNodes');
const CATALOGUE = require('../../core/store/measureCatalogue.json');
// the forms' paths, where the BEM cockpit links each case's next step (core's source, as process.js reads it)
require('../lib/ts-require');
const { CASE_STEP_FORMS: FORMS } = require('../../core/cockpit/steps');

/**
 * The shipped measure catalogue as the form's dropdown: German label → code (the store takes the code;
 * the personnel-file extract names a labour-law measure by this label). A works agreement's own codes
 * are planned with the BEM Case node's Plan Measure, whose list the store loads.
 */
const MEASURE_CODES = Object.fromEntries(CATALOGUE.map((e) => [e.de, e.code]));
/** the measure form's stages, each its event */
const STAGES = {
	Geplant: 'measure_planned',
	Begonnen: 'measure_started',
	Umgesetzt: 'measure_implemented',
	Verworfen: 'measure_dropped',
};
/** the talk records' checklist (Erstgespräch, Fallbesprechung, Überprüfung): box label → field */
const CHECKLIST = {
	'Ziele und Freiwilligkeit erklärt': 'goalsExplained',
	'Datenschutz erklärt': 'privacyExplained',
};
/** what HR sees once a step is recorded (a refused step shows n8n's "Problem submitting response") */
const SUBMITTED =
	'Im BEM-File erfasst. Den neuen Stand des Falls zeigt die Fallliste; Überprüfungen und überfällige Maßnahmen erinnert der tägliche Fristenlauf.';

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
const dateField = (name, label, required = true) => ({
	name,
	label,
	type: 'date',
	...(required ? {} : { required: false }),
});

/** Reads a field of the form's submission (the same item, through the nodes in between). */
const field = (form, name) => `$('${form}').item.json.${name}`;
/** The event's data: structured fields as given, the note only when written (the store encrypts it). */
const data = (entries) => `={{ JSON.stringify({ ${entries} }) }}`;
const noteOf = (form) => `note: ${field(form, 'note')} || undefined`;
/** a form's ticked boxes as a list (none ticked: empty) */
const ticked = (form, name) => `[].concat(${field(form, name)} || [])`;

/** The checklist of a talk record: the boxes, the participants (role names), measure ids, next date. */
const talkFields = [
	{
		name: 'checklist',
		label: 'Checkliste',
		type: 'checkbox',
		options: Object.keys(CHECKLIST),
		required: false,
	},
	{
		name: 'talkParticipants',
		label: 'Teilnehmende (nur mit Zustimmung der/des Beschäftigten)',
		type: 'checkbox',
		options: Object.keys(PARTICIPANT_TYPES),
		required: false,
	},
	{
		name: 'agreedMeasures',
		label: 'Vereinbarte Maßnahmen (Maßnahmen-Nr., durch Komma getrennt, z. B. M1, M2)',
		required: false,
	},
	dateField('nextMeetingOn', 'Nächster Termin', false),
];
const talkEntries = (form) =>
	Object.entries(CHECKLIST)
		.map(
			([label, name]) =>
				`${name}: ${ticked(form, 'checklist')}.includes(${JSON.stringify(label)}), `,
		)
		.join('') +
	`participants: ${ticked(form, 'talkParticipants')}.map(function (p) { return ${JSON.stringify(PARTICIPANT_TYPES)}[p]; }), ` +
	`agreedMeasures: String(${field(form, 'agreedMeasures')} || '').split(',').map(function (m) { return m.trim(); }).filter(Boolean), ` +
	`nextMeetingOn: ${field(form, 'nextMeetingOn')} || undefined, ` +
	noteOf(form);

/** Records the form's step; the key names the step once (by default per day, a measure's per measure). */
function record(b, name, at, form, { eventType, on, entries, key, per = on }) {
	return officerCase(b, name, at, {
		operation: 'recordEvent',
		caseId: `={{ ${field(form, 'caseId')} }}`,
		eventType,
		on: `={{ ${field(form, on)} }}`,
		data: data(entries),
		idempotencyKey: `={{ ${field(form, 'caseId')} + ':${key}:' + ${field(form, per)} }}`,
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
	const ending = formAnswer(
		b,
		'Show the New Case State',
		[5, 6],
		'=Case {{ $json.reference }} is now in state "{{ $json.state }}"' +
			'{{ $json.outcome ? " (outcome: " + $json.outcome + ")" : "" }}' +
			'{{ $json.reviewDueOn ? "; next effectiveness review due on " + $json.reviewDueOn : "" }}.' +
			'{{ $json.alreadyDone ? " This step had already been recorded." : "" }}',
	);
	const form = (name, at, options) => hrForm(b, name, at, { submitted: SUBMITTED, ...options });

	// consent and first talk
	const talkForm = 'HR Form: Consent & First Talk';
	form(talkForm, [0, 1], {
		path: FORMS.firstTalk,
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
			...talkFields,
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
		entries: talkEntries(talkForm),
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
	form(conferenceForm, [0, 3], {
		path: FORMS.caseConference,
		title: 'BEM: case conference',
		description:
			'Record a case conference (Fallbesprechung) with the people the employee agreed to.',
		fields: [caseIdField, dateField('heldOn', 'Case conference held on'), ...talkFields, noteField],
	});
	const conference = record(b, 'Record Case Conference', [2, 3], conferenceForm, {
		eventType: 'case_conference_held',
		on: 'heldOn',
		entries: talkEntries(conferenceForm),
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

	// the measure plan
	const measureForm = 'HR Form: Measure';
	form(measureForm, [0, 5], {
		path: FORMS.measure,
		title: 'BEM: Maßnahmenplan',
		description:
			'Eine Maßnahme planen (aus dem Katalog, mit verantwortlicher Person und Frist), ihren Beginn, ihre Umsetzung oder ihren Verzicht erfassen. Ist die letzte offene Maßnahme umgesetzt, beginnt die Wirksamkeitsprüfung. Ins Personalakte-Extrakt kommen nur arbeitsrechtliche Maßnahmen mit ihrem Katalognamen.',
		fields: [
			caseIdField,
			{ name: 'stage', label: 'Schritt', type: 'radio', options: Object.keys(STAGES) },
			{
				name: 'measureId',
				label: 'Maßnahmen-Nr. (z. B. M1; beim Planen frei gewählt)',
				placeholder: 'M1',
			},
			{
				name: 'measure',
				label: 'Maßnahme (nur beim Planen)',
				type: 'dropdown',
				options: Object.keys(MEASURE_CODES),
				required: false,
			},
			{
				name: 'owner',
				label: 'Verantwortlich (Principal aus dem Verzeichnis oder Rolle, nur beim Planen)',
				required: false,
			},
			dateField('dueOn', 'Umzusetzen bis (nur beim Planen)', false),
			dateField('on', 'Datum des Schritts'),
			{
				name: 'details',
				label:
					'Vereinbart / Grund des Verzichts (keine Gesundheitsdaten — verschlüsselt gespeichert)',
				type: 'textarea',
				required: false,
			},
		],
	});
	const f = (name) => field(measureForm, name);
	const measureEntries = {
		measure_planned:
			`measureId: ${f('measureId')}, code: ${JSON.stringify(MEASURE_CODES)}[${f('measure')}], ` +
			`owner: ${f('owner')} || undefined, dueOn: ${f('dueOn')} || undefined, details: ${f('details')} || undefined`,
		measure_started: `measureId: ${f('measureId')}`,
		measure_implemented: `measureId: ${f('measureId')}`,
		measure_dropped: `measureId: ${f('measureId')}, reason: ${f('details')} || undefined`,
	};
	const stage = b.add(
		'Which Measure Step?',
		'n8n-nodes-base.switch',
		3.2,
		{
			rules: {
				values: Object.keys(STAGES).map((label) => ({
					conditions: condition(`stage-${STAGES[label]}`, '={{ $json.stage }}', label),
					renameOutput: true,
					outputKey: label,
				})),
			},
			options: {},
		},
		[1, 5],
	);
	const names = {
		measure_planned: 'Record Measure Planned',
		measure_started: 'Record Measure Started',
		measure_implemented: 'Record Measure Implemented',
		measure_dropped: 'Record Measure Dropped',
	};
	b.connect(measureForm, stage);
	Object.values(STAGES).forEach((eventType, i) => {
		const n = record(b, names[eventType], [2, 5 + i * 0.5], measureForm, {
			eventType,
			on: 'on',
			entries: measureEntries[eventType],
			key: eventType,
			per: 'measureId',
		});
		b.connect(stage, n, i).connect(n, ending);
	});
	b.note(
		'3 · Measure plan',
		'Planned: a catalogue measure with its owner (a principal of the owner directory, kept with BEM Case › Set Measure Owner, or a role) and due date; the sweep reminds owners of overdue ones. Implemented: when the last open measure is, the case moves to **review** and the first effectiveness review falls due (default 3 months). Dropped measures (reason encrypted) no longer count open.',
		[0, 5],
		[2, 6.5],
		4,
	);

	// effectiveness review
	const reviewForm = 'HR Form: Effectiveness Review';
	form(reviewForm, [0, 8], {
		path: FORMS.review,
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
			...talkFields,
			noteField,
		],
	});
	const review = record(b, 'Record Review', [2, 8], reviewForm, {
		eventType: 'review_held',
		on: 'heldOn',
		entries: `effective: ${field(reviewForm, 'effective')} === 'Yes', ${talkEntries(reviewForm)}`,
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
	form(closeForm, [0, 10], {
		path: FORMS.close,
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
		'The form’s answer',
		'Each form answers when its run ends: HR sees that the step is recorded (or n8n’s "Problem submitting response" when the store refused it); no execution waits for a page. The answer carries the case id, its state and dates — nothing else.',
		[5, 6],
		[5, 6],
		5,
	);
	return b.toJSON();
};
