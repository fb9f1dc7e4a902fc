// Pieces of the core process workflows (detect, invitation cycle, reply, deadline sweep): our BEM
// nodes with their credential reference, the If/Set/Wait shapes they are tested with, and the
// expressions they share. Execution data carries ids, states and dates; letters leave by mail only.
'use strict';
// core's TypeScript source, so the builders need no build (and read the same order the node is built from)
require('../lib/ts-require');
const { ROUTES } = require('../../core/lifecycle/route');
const { BEM_NODE_VERSION, CREDENTIALS, IDS } = require('./common');

/** Today in Germany as 'YYYY-MM-DD' (deadlines never follow the server's time zone). */
const TODAY = "$now.setZone('Europe/Berlin').toFormat('yyyy-MM-dd')";

/**
 * The reply form of this very n8n: its public base URL (the one n8n puts in $execution.resumeUrl,
 * i.e. WEBHOOK_URL) + form/bem-reply. Replace it in Settings only when the form is served elsewhere.
 */
const OWN_REPLY_FORM_URL =
	"={{ $execution.resumeUrl.replace(/[^/]+\\/[^/]+$/, '') + 'form/bem-reply' }}";

/** A Set node from [name, type, value] triples; keeps the item's other fields or only these. */
function setNode(b, name, at, fields, includeOtherFields, idPrefix) {
	return b.add(
		name,
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: fields.map(([field, type, value], i) => ({
					id: `${idPrefix}-${i}`,
					name: field,
					value,
					type,
				})),
			},
			includeOtherFields,
			options: {},
		},
		at,
	);
}

/** Settings with typed values: strings, numbers, booleans and objects (edited as JSON in the Set node). */
function processSettings(b, at, fields, name = 'Settings') {
	const typed = Object.entries(fields).map(([field, value]) => {
		if (typeof value === 'number') return [field, 'number', value];
		if (typeof value === 'boolean') return [field, 'boolean', value];
		if (typeof value === 'object')
			return [field, Array.isArray(value) ? 'array' : 'object', JSON.stringify(value, null, 2)];
		return [field, 'string', value];
	});
	return setNode(b, name, at, typed, true, 'setting');
}

/** A Set node with the named fields: { field: [type, expression] }; only these unless `keepOthers`. */
function shape(b, name, at, fields, keepOthers = false) {
	return setNode(
		b,
		name,
		at,
		Object.entries(fields).map(([field, [type, value]]) => [field, type, value]),
		keepOthers,
		'field',
	);
}

/** An If on one boolean expression ("true" output first, "false" second). */
function ifTrue(b, name, at, expression) {
	return b.add(
		name,
		'n8n-nodes-base.if',
		2.2,
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: 'condition-0',
						leftValue: `={{ ${expression} }}`,
						rightValue: '',
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
		at,
	);
}

function bemCase(b, name, at, parameters, extra = {}) {
	return b.add(name, 'n8n-nodes-bem.bemCase', BEM_NODE_VERSION, parameters, at, {
		credentials: CREDENTIALS.bemStore,
		...extra,
	});
}

/**
 * A BEM Case node that reads content (the HR forms, the personnel-file extract): it acts through the BEM
 * officer's credential, as the `process` principal may not (case-file.md roles table).
 */
function officerCase(b, name, at, parameters) {
	return bemCase(b, name, at, parameters, { credentials: CREDENTIALS.bemStoreOfficer });
}

/** BEM Case Router output index by route name, read from core/lifecycle ROUTES (the node's outputs). */
const ROUTE = Object.fromEntries(ROUTES.map((route, index) => [route, index]));

function caseRouter(b, name, at, parameters) {
	return b.add(name, 'n8n-nodes-bem.bemCaseRouter', BEM_NODE_VERSION, parameters, at, {
		credentials: CREDENTIALS.bemStore,
	});
}

function invitation(b, name, at, parameters) {
	return b.add(name, 'n8n-nodes-bem.bemInvitation', BEM_NODE_VERSION, parameters, at, {
		credentials: CREDENTIALS.bemStore,
	});
}

/** A Wait that sleeps until a date and can be woken early by its resume URL ($execution.resumeUrl). */
function waitUntil(b, name, at, untilExpression) {
	return b.add(
		name,
		'n8n-nodes-base.wait',
		1.1,
		{
			resume: 'webhook',
			httpMethod: 'GET',
			limitWaitTime: true,
			limitType: 'atSpecifiedTime',
			maxDateAndTime: `={{ ${untilExpression} }}`,
			options: {},
		},
		at,
		{ webhookId: require('./builder').stableId(b.meta.id, name, 'webhook') },
	);
}

/**
 * One sub-workflow execution per item, as n8n 3.0 leaves it to be built (its Execute Workflow node no
 * longer has "Run once for each item"): Loop Over Items hands the items on one at a time to an Execute
 * Workflow node in "Run once with all items" mode, whose output loops back. The loop starts afresh
 * whenever items arrive from `from` (not from its own call), so a node that runs twice (the sweep's
 * router, once per case list) loops over each batch. The call always outputs an item, so a sub-workflow
 * that returns nothing does not end the loop early. Returns { loop, call }; connect `from` to `loop`.
 */
function callPerItem(b, names, at, { from, workflowId, waitForSubWorkflow }) {
	const loop = b.add(
		names.loop,
		'n8n-nodes-base.splitInBatches',
		3,
		{ batchSize: 1, options: { reset: `={{ $prevNode.name === '${from}' }}` } },
		at[0],
	);
	const call = executeWorkflow(b, names.call, at[1], workflowId, waitForSubWorkflow, {
		alwaysOutputData: true,
	});
	b.connect(loop, call, 1).connect(call, loop);
	return { loop, call };
}

/** An Execute Workflow node calling a workflow by id once with all its input items. */
function executeWorkflow(b, name, at, workflowId, waitForSubWorkflow, extra = {}) {
	return b.add(
		name,
		'n8n-nodes-base.executeWorkflow',
		1.1,
		{
			source: 'database',
			workflowId: { __rl: true, value: workflowId, mode: 'id' },
			mode: 'once',
			options: { waitForSubWorkflow },
		},
		at,
		extra,
	);
}

/** Starts the invitation cycle once per case, without waiting for it (its Wait sleeps for weeks). */
function startInvitationCycle(b, names, at, from) {
	return callPerItem(b, names, at, {
		from,
		workflowId: IDS.invitationCycle,
		waitForSubWorkflow: false,
	});
}

/**
 * The employee object the letter needs, from an HRIS employee record (Personio: firstName, lastName,
 * email, department; salutation or gender where the record carries them: the letter's form of address). The letter's address field uses internal mail (department + company address)
 * unless the record carries a postal address.
 */
const EMPLOYEE_FROM_RECORD =
	"={{ { name: [$json.firstName, $json.lastName].filter(Boolean).join(' '), ...($json.lastName ? { lastName: $json.lastName } : {}), ...($json.salutation ? { salutation: $json.salutation } : {}), ...($json.gender ? { gender: $json.gender } : {}), email: $json.email || '', " +
	"address: $json.address || [$json.department ? 'Abteilung ' + $json.department : '', $('Settings').first().json.internalMailAddress].filter(Boolean).join('\\n') } }}";

/** Company settings HR fills in once: letterhead, contact, data-protection officer. */
const COMPANY = {
	name: 'Muster GmbH',
	letterhead: ['Muster GmbH', 'Musterstraße 1', '12345 Musterstadt'],
	place: 'Musterstadt',
	contact: {
		name: 'Erika Musterfrau',
		role: 'BEM-Beauftragte',
		phone: '+49 30 0000000',
		email: 'bem@example.com',
	},
	dpoContact:
		'Datenschutzbeauftragte, Muster GmbH, Musterstraße 1, 12345 Musterstadt, datenschutz@example.com',
	representation: 'worksCouncil',
};

/** Mail an invitation (subject, text, HTML and the PDF from the BEM Invitation node) to the employee. */
function invitationMailParameters() {
	return {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: '={{ $json.to }}',
		subject: '={{ $json.subject }}',
		text: '={{ $json.text }}',
		html: '={{ $json.html }}',
		attachments: 'letter',
	};
}

/** The same letter to HR for posting when the employee has no e-mail address. */
function postalMailParameters() {
	return {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.hrEmail }}",
		subject: '=BEM: Einladungsschreiben per Post versenden (Aktenzeichen {{ $json.reference }})',
		text:
			'=Für den BEM-Fall {{ $json.reference }} (Fall-ID {{ $json.caseId }}) liegt keine E-Mail-Adresse vor. Bitte das angehängte Einladungsschreiben ' +
			'({{ $json.letter === "second" ? "zweite Einladung" : "erste Einladung" }}) ausdrucken und per Post versenden.\n' +
			'Antwortfrist laut Schreiben: {{ $json.replyDueOn }}.',
		attachments: 'letter',
	};
}

/** Mail the personnel-file extract (offered, response, labour-law measures; nothing else) to the personnel office. */
function extractMailParameters() {
	return {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.personnelOfficeEmail }}",
		subject:
			'=BEM abgeschlossen: Vermerk für die Personalakte (Personalnummer {{ $json.employeeId }})',
		text:
			'=Vermerk für die Personalakte (§167 Abs. 2 SGB IX) — nur dieser Inhalt gehört in die Personalakte:\n\n' +
			'Personalnummer: {{ $json.employeeId }}\n' +
			'BEM angeboten am: {{ $json.offeredOn }}\n' +
			"Antwort: {{ { accepted: 'angenommen', declined: 'abgelehnt', no_reply: 'keine Antwort (nach zweiter Einladung)' }[$json.response] || 'offen' }}\n" +
			"Arbeitsrechtliche Maßnahmen: {{ ($json.labourLawMeasures || []).length ? $json.labourLawMeasures.join(', ') : 'keine' }}\n\n" +
			'Alle weiteren Unterlagen bleiben in der gesonderten BEM-Akte.',
	};
}

module.exports = {
	TODAY,
	ROUTE,
	COMPANY,
	EMPLOYEE_FROM_RECORD,
	OWN_REPLY_FORM_URL,
	processSettings,
	shape,
	ifTrue,
	bemCase,
	officerCase,
	caseRouter,
	invitation,
	waitUntil,
	callPerItem,
	executeWorkflow,
	startInvitationCycle,
	invitationMailParameters,
	postalMailParameters,
	extractMailParameters,
};
