// 1 · Detect (daily): HRIS absences → BEM Threshold (counting from the last BEM closure in the BEM
// file) → Due: read the contact details, open the case, start the invitation cycle for new cases;
// a due employee without a contact record still gets the case (the BEM duty does not wait for master
// data) but no cycle, and HR a digest of what is missing; Approaching: a digest to HR with ids and dates only.
'use strict';
const { WorkflowBuilder } = require('./builder');
const {
	BEM_NODE_VERSION,
	CREDENTIALS,
	IDS,
	manualTrigger,
	scheduleTrigger,
	sendEmail,
} = require('./common');
const P = require('./process');

const VARIANTS = {
	personio: {
		id: IDS.detectPersonio,
		name: 'BEM · 1 Detect (Personio)',
		label: 'Personio',
		/** its letter sub-workflow (2a): the letters read the contact details from the same HRIS */
		letterWorkflowId: IDS.sendLetterPersonio,
		absences: {
			type: 'n8n-nodes-bem.personio',
			credentials: CREDENTIALS.personio,
			parameters: {
				resource: 'absence',
				operation: 'getAll',
				output: 'thresholdResults',
				from: '',
				to: "={{ $('Settings').first().json.asOf }}",
				employeeIds: '',
				absenceTypes: 'sickness',
				options: {},
			},
		},
		contact: {
			type: 'n8n-nodes-bem.personio',
			credentials: CREDENTIALS.personio,
			parameters: {
				resource: 'employee',
				operation: 'getAll',
				employeeIds: '={{ $json.employeeId }}',
				options: {},
			},
			idField: 'id',
		},
	},
	sapSuccessFactors: {
		id: IDS.detectSuccessFactors,
		name: 'BEM · 1 Detect (SAP SuccessFactors)',
		label: 'SAP SuccessFactors',
		/** its letter sub-workflow (2a): the letters read the contact details from the same HRIS */
		letterWorkflowId: IDS.sendLetterSapSuccessFactors,
		absences: {
			type: 'n8n-nodes-bem.sapSuccessFactors',
			credentials: CREDENTIALS.sapSuccessFactors,
			parameters: {
				resource: 'absence',
				operation: 'getAll',
				output: 'thresholdResults',
				from: '',
				to: "={{ $('Settings').first().json.asOf }}",
				employeeIds: '',
				approvalStatuses: ['APPROVED'],
				useDefaultRules: true,
				kindRules: {},
			},
		},
		contact: {
			type: 'n8n-nodes-bem.sapSuccessFactors',
			credentials: CREDENTIALS.sapSuccessFactors,
			parameters: { resource: 'user', operation: 'getAll', userIds: '={{ $json.employeeId }}' },
			idField: 'employeeId',
		},
	},
	sapHcm: {
		id: IDS.detectSapHcm,
		name: 'BEM · 1 Detect (SAP HCM)',
		label: 'SAP HCM',
		/** its letter sub-workflow (2a): the letters read the contact details from the same HRIS */
		letterWorkflowId: IDS.sendLetterSapHcm,
		absences: {
			type: 'n8n-nodes-bem.sapHcm',
			credentials: CREDENTIALS.sapHcm,
			parameters: {
				resource: 'absence',
				operation: 'getAll',
				output: 'thresholdResults',
				from: '',
				to: "={{ $('Settings').first().json.asOf }}",
				employeeIds: '',
				useDefaultRules: true,
				kindRules: {},
				absenceFields: {},
				workTimeFields: {},
				options: {},
			},
		},
		contact: {
			type: 'n8n-nodes-bem.sapHcm',
			credentials: CREDENTIALS.sapHcm,
			parameters: {
				resource: 'contact',
				operation: 'getAll',
				personnelNumbers: '={{ $json.employeeId }}',
				validOn: "={{ $('Settings').first().json.asOf }}",
				contactFields: {},
				options: {},
			},
			idField: 'employeeId',
		},
	},
};

function detect(variant) {
	const v = VARIANTS[variant];
	const b = new WorkflowBuilder({
		id: v.id,
		name: v.name,
		failedRuns: 'drop',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const schedule = scheduleTrigger(b, [0, 1], 'Every Morning at 6', {
		field: 'days',
		triggerAtHour: 6,
	});
	const manual = manualTrigger(b, [0, 3]);
	const settings = P.processSettings(b, [1, 2], {
		asOf: `={{ $json.asOf || ${P.TODAY} }}`,
		senderEmail: 'bem@example.com',
		hrEmail: 'bem-team@example.com',
	});
	const lastClosures = P.bemCase(
		b,
		'Last BEM Closures',
		[2, 2],
		{
			operation: 'lastClosures',
			purpose: 'threshold restart after the last BEM closure',
		},
		{ executeOnce: true },
	);
	// the HRIS node reads the absences and counts them itself: only the results leave it (issue 12)
	const threshold = b.add(
		'Check §167 Threshold',
		v.absences.type,
		BEM_NODE_VERSION,
		{
			...v.absences.parameters,
			thresholdOptions: {
				referenceDate: "={{ $('Settings').first().json.asOf }}",
				lastClosuresField: 'lastBemClosures',
			},
		},
		[3, 2],
		{
			credentials: v.absences.credentials,
			executeOnce: true,
		},
	);
	b.connect(schedule, settings)
		.connect(manual, settings)
		.connect(settings, lastClosures)
		.connect(lastClosures, threshold);
	b.note(
		`1 · Read ${v.label} and check the threshold`,
		`Every morning (or **Run Now**) the sickness absences of the last twelve months are read from ${v.label} and checked against §167 Abs. 2 SGB IX inside the ${v.label} node: more than six weeks of incapacity within twelve months. Counting restarts the day after an employee's last BEM closed after an offer (one lookup in the BEM file; a case closed before any invitation restarts nothing). Only ids, dates and counts leave the node; no absence record is shown or stored.`,
		[0, 1],
		[3, 3],
		4,
	);

	// Due: contact details → open the case → start the invitation cycle for new cases only
	const contact = b.add(
		'Read Contact Details',
		v.contact.type,
		BEM_NODE_VERSION,
		v.contact.parameters,
		[6, 1],
		{
			credentials: v.contact.credentials,
		},
	);
	const caseInput = P.shape(b, 'Case Input', [7, 1], {
		employeeId: ['string', "={{ $('Check §167 Threshold').item.json.employeeId }}"],
		reachedOn: ['string', "={{ $('Check §167 Threshold').item.json.reachedOn }}"],
		reason: ['string', "={{ $('Check §167 Threshold').item.json.reason }}"],
	});
	const open = P.bemCase(b, 'Open BEM Case', [8, 1], {
		operation: 'open',
		on: "={{ $('Settings').first().json.asOf }}",
	});
	const created = P.ifTrue(b, 'New Case?', [9, 1], '$json.created');
	const cycleInput = P.shape(b, 'Invitation Cycle Input', [10, 1], {
		caseId: ['string', '={{ $json.caseId }}'],
		employeeId: ['string', '={{ $json.employeeId }}'],
		letterWorkflowId: ['string', v.letterWorkflowId],
	});
	const cycle = P.startInvitationCycle(
		b,
		{ loop: 'Each New Case', call: 'Start Invitation Cycle (One per Case)' },
		[
			[11, 1],
			[12, 1],
		],
		cycleInput,
	);
	b.connect(threshold, contact, 0)
		.connect(contact, caseInput, 0)
		.connect(caseInput, open)
		.connect(open, created)
		.connect(created, cycleInput, 0)
		.connect(cycleInput, cycle.loop);
	b.note(
		'2 · Due: open the BEM case and invite',
		'For each employee who reached the threshold: the contact details (name, e-mail, and department or postal address) are read, the BEM case is opened in the BEM file, and — only for a newly opened case — the invitation cycle starts in its own execution, one case after the other, with the case id and personnel number only (the letter reads the contact details itself). An employee who already has an open case is left alone, so running this twice a day sends nothing new.',
		[6, 0],
		[12, 1],
		5,
	);

	// Missing contact details: the case is opened all the same, HR hears what to fix
	const noRecord = b.add(
		'Due Without Contact Record',
		'n8n-nodes-base.merge',
		3.2,
		{
			mode: 'combine',
			combineBy: 'combineByFields',
			advanced: true,
			mergeByFields: { values: [{ field1: 'employeeId', field2: v.contact.idField }] },
			joinMode: 'keepNonMatches',
			outputDataFrom: 'input1',
			options: {},
		},
		[7, 5],
	);
	const openAnyway = P.bemCase(b, 'Open BEM Case Without Contact Details', [8, 5], {
		operation: 'open',
		on: "={{ $('Settings').first().json.asOf }}",
		options: { passThroughFields: '' },
	});
	// a case already past its invitation (accepted, in progress …) needs no contact details from here
	const toInvite = P.ifTrue(b, 'Invitation Still Due?', [9, 5], "$json.state === 'open'");
	const noRecordLine = P.shape(b, 'Missing: No Contact Record', [10, 5], {
		employeeId: ['string', '={{ $json.employeeId }}'],
		problem: [
			'string',
			`={{ 'kein Kontaktdatensatz in ${v.label}; BEM-Fall ' + $json.caseId + ($json.state === 'open' ? ' ist eröffnet und wartet auf die Einladung' : ' (Stand: ' + $json.state + ')') }}`,
		],
	});
	const problemLine = P.shape(b, 'Missing: Problem Reported', [10, 6], {
		employeeId: ['string', "={{ $('Check §167 Threshold').item.json.employeeId }}"],
		problem: ['string', `={{ '${v.label} meldet: ' + $json.field + ' – ' + $json.problem }}`],
	});
	const allMissing = b.add(
		'All Missing Contact Details',
		'n8n-nodes-base.merge',
		3.2,
		{ mode: 'append' },
		[11, 5],
	);
	const collectMissing = b.add(
		'Collect Missing Contact Details',
		'n8n-nodes-base.aggregate',
		1,
		{
			aggregate: 'aggregateAllItemData',
			destinationFieldName: 'missing',
			include: 'specifiedFields',
			fieldsToInclude: 'employeeId, problem',
			options: {},
		},
		[12, 5],
	);
	const distinct =
		'$json.missing.map(m => m.employeeId).filter((id, i, all) => all.indexOf(id) === i)';
	const missingDigest = sendEmail(b, 'Mail Missing Contact Details to HR', [13, 5], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.hrEmail }}",
		subject: `=BEM: Kontaktdaten fehlen für {{ ${distinct}.length }} Beschäftigte ({{ $('Settings').first().json.asOf }})`,
		text:
			`=Diese Beschäftigten haben die BEM-Schwelle (§167 Abs. 2 SGB IX) erreicht, aber beim Lesen ihrer Kontaktdaten (Name, E-Mail, Anschrift) aus ${v.label} gab es Probleme. ` +
			'Ohne Kontaktdatensatz ist der BEM-Fall trotzdem eröffnet; die Einladung folgt, sobald der Datensatz lesbar ist (die tägliche Fristenprüfung lädt dann ein). Bitte die Stammdaten prüfen und ergänzen:\n\n' +
			`{{ ${distinct}.map(id => 'Personalnummer ' + id + ': ' + $json.missing.filter(m => m.employeeId === id).map(m => m.problem).join('; ')).join('\\n') }}\n\n` +
			'Nur Personalnummern und die Art des Problems; keine Namen, keine Gesundheitsdaten.',
	});
	b.connect(threshold, noRecord, 0, 0)
		.connect(contact, noRecord, 0, 1)
		.connect(noRecord, openAnyway)
		.connect(openAnyway, toInvite)
		.connect(toInvite, noRecordLine, 0)
		.connect(noRecordLine, allMissing, 0, 0);
	b.connect(contact, problemLine, 1)
		.connect(problemLine, allMissing, 0, 1)
		.connect(allMissing, collectMissing)
		.connect(collectMissing, missingDigest);
	b.note(
		'4 · Contact details missing: open the case, tell HR',
		`A due employee ${v.label} returns no contact record for (unknown personnel number, record deleted or hidden from the API user) still gets the BEM case — the duty to offer the BEM does not wait for master data — but no invitation yet: there is no one to address it to. Together with every problem ${v.label} reports about a contact record, HR gets one mail listing personnel numbers and the kind of problem only. Once the record is fixed, the daily Deadline Sweep sends the first invitation of the open case.`,
		[6, 5],
		[13, 6],
		3,
	);

	// Approaching: a digest to HR
	const collect = b.add(
		'Collect Approaching',
		'n8n-nodes-base.aggregate',
		1,
		{
			aggregate: 'aggregateAllItemData',
			destinationFieldName: 'approaching',
			include: 'specifiedFields',
			fieldsToInclude:
				'employeeId, countedWorkingDays, thresholdWorkingDays, remainingWorkingDays, windowStart, windowEnd',
			options: {},
		},
		[6, 3],
	);
	const digest = sendEmail(b, 'Mail Approaching Digest to HR', [7, 3], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.hrEmail }}",
		subject:
			"=BEM: {{ $json.approaching.length }} Beschäftigte nahe der Sechs-Wochen-Schwelle ({{ $('Settings').first().json.asOf }})",
		text:
			'=Diese Beschäftigten sind nahe der BEM-Schwelle (§167 Abs. 2 SGB IX). Noch nichts zu tun; zur Planung:\n\n' +
			"{{ $json.approaching.map(e => 'Personalnummer ' + e.employeeId + ': ' + e.countedWorkingDays + ' von ' + e.thresholdWorkingDays + ' Arbeitstagen (' + e.windowStart + ' bis ' + e.windowEnd + ')').join('\\n') }}\n\n" +
			'Nur Personalnummern und Zahlen; keine Gesundheitsdaten.',
	});
	b.connect(threshold, collect, 1).connect(collect, digest);
	b.note(
		'3 · Approaching: digest to HR',
		'Employees a few working days below the threshold are listed in one mail to HR — personnel numbers, counts and dates only. Nothing is opened or sent to them.',
		[6, 3],
		[7, 3],
		7,
	);
	return b.toJSON();
}

module.exports = { detect, VARIANTS };
