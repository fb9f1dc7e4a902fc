// 1 · Detect (daily): HRIS absences → BEM Threshold (counting from the last BEM closure in the BEM
// file) → Due: open the case, start the invitation cycle for new cases (the letter reads the contact
// details, once); Approaching: a digest to the BEM officer with ids and dates only, once per crossing.
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
			// the BEM file keeps the work patterns: a daily run asks Personio only for who changed
			credentials: { ...CREDENTIALS.personio, ...CREDENTIALS.bemStore },
			parameters: {
				resource: 'absence',
				operation: 'getAll',
				output: 'thresholdResults',
				cacheWorkPatterns: true,
				from: '',
				to: "={{ $('Settings').first().json.asOf }}",
				employeeIds: '',
				absenceTypes: 'sickness',
				options: {},
			},
		},
		/** read by the letter workflow (2a), once per letter */
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
		/** the approaching notice's line managers (only where the works agreement provides for it) */
		lineManagers: {
			type: 'n8n-nodes-bem.personio',
			credentials: CREDENTIALS.personio,
			parameters: { resource: 'lineManager', operation: 'getAll' },
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
			// the BEM file keeps the work patterns: a daily run asks SuccessFactors only for who changed
			credentials: { ...CREDENTIALS.sapSuccessFactors, ...CREDENTIALS.bemStore },
			parameters: {
				resource: 'absence',
				operation: 'getAll',
				output: 'thresholdResults',
				cacheWorkPatterns: true,
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
		lineManagers: {
			type: 'n8n-nodes-bem.sapSuccessFactors',
			credentials: CREDENTIALS.sapSuccessFactors,
			parameters: { resource: 'lineManager', operation: 'getAll' },
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
		// the customer's service names each employee's manager: map Line Manager Personnel Number Field
		lineManagers: {
			type: 'n8n-nodes-bem.sapHcm',
			credentials: CREDENTIALS.sapHcm,
			parameters: {
				resource: 'lineManager',
				operation: 'getAll',
				validOn: "={{ $('Settings').first().json.asOf }}",
				contactFields: {},
				options: {},
			},
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
		// the approaching digest's recipient
		bemOfficerEmail: 'bem-team@example.com',
		// true only where the works agreement provides for telling line managers who comes near
		lineManagerNotice: false,
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

	// Due: open the case → start the invitation cycle for new cases only. No contact read here: the
	// letter workflow (2a) reads the contact details once, when the letter goes out, and mails HR when
	// the HRIS has no record (the case stays open — the BEM duty does not wait for master data).
	const caseInput = P.shape(b, 'Case Input', [6, 1], {
		employeeId: ['string', '={{ $json.employeeId }}'],
		reachedOn: ['string', '={{ $json.reachedOn }}'],
		reason: ['string', '={{ $json.reason }}'],
		// the employee's Bundesland (the HRIS node's Holiday State by Location); '' for the store's state
		holidayState: ['string', "={{ $json.holidayState || '' }}"],
	});
	const open = P.bemCase(b, 'Open BEM Case', [7, 1], {
		operation: 'open',
		on: "={{ $('Settings').first().json.asOf }}",
		options: { holidayState: '={{ $json.holidayState }}' },
	});
	const created = P.ifTrue(b, 'New Case?', [8, 1], '$json.created');
	const cycleInput = P.shape(b, 'Invitation Cycle Input', [9, 1], {
		caseId: ['string', '={{ $json.caseId }}'],
		employeeId: ['string', '={{ $json.employeeId }}'],
		letterWorkflowId: ['string', v.letterWorkflowId],
	});
	const cycle = P.startInvitationCycle(
		b,
		{ loop: 'Each New Case', call: 'Start Invitation Cycle (One per Case)' },
		[
			[10, 1],
			[11, 1],
		],
		cycleInput,
	);
	b.connect(threshold, caseInput, 0)
		.connect(caseInput, open)
		.connect(open, created)
		.connect(created, cycleInput, 0)
		.connect(cycleInput, cycle.loop);
	b.note(
		'2 · Due: open the BEM case and invite',
		`For each employee who reached the threshold the BEM case is opened in the BEM file and — only for a newly opened case — the invitation cycle starts in its own execution, one case after the other, with the case id and personnel number only. The letter (2a) reads the contact details from ${v.label} itself, once per letter; without a contact record it sends nothing, tells HR, and the case stays open for the daily Deadline Sweep to invite once the record is fixed. An employee who already has an open case is left alone, so running this twice a day sends nothing new.`,
		[6, 0],
		[11, 1],
		5,
	);

	// Approaching: a digest to the BEM officer, once per crossing. The BEM file keeps who this workflow
	// reported as approaching (ids only); the digest names only who newly entered. It sits below the
	// threshold branch, so (execution order v1, top first) it runs after it, also when nobody approaches
	const approaching = "$('Check §167 Threshold').all(1).map(i => i.json)";
	const update = P.bemCase(
		b,
		'Who Newly Approaches?',
		[2, 5],
		{
			operation: 'updateApproaching',
			source: '={{ $workflow.id }}',
			employeeIds: `={{ ${approaching}.map(e => e.employeeId) }}`,
			on: "={{ $('Settings').first().json.asOf }}",
			purpose: 'approaching digest: who newly entered',
		},
		{ executeOnce: true },
	);
	const anyNew = P.ifTrue(b, 'Anyone New?', [3, 5], '$json.enteredCount > 0');
	const digest = sendEmail(b, 'Mail Approaching Digest to BEM Officer', [4, 5], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.bemOfficerEmail }}",
		subject:
			"=BEM: {{ $json.enteredCount }} Beschäftigte neu nahe der Sechs-Wochen-Schwelle ({{ $('Settings').first().json.asOf }})",
		text:
			'=Diese Beschäftigten sind seit dem letzten Lauf neu nahe der BEM-Schwelle (§167 Abs. 2 SGB IX). Noch nichts zu tun; zur Planung:\n\n' +
			`{{ ${approaching}.filter(e => $json.entered.includes(e.employeeId)).map(e => 'Personalnummer ' + e.employeeId + ': ' + e.countedWorkingDays + ' von ' + e.thresholdWorkingDays + ' Arbeitstagen (' + e.windowStart + ' bis ' + e.windowEnd + ')').join('\\n') }}\n\n` +
			'Wer nahe der Schwelle bleibt oder darunter fällt, wird nicht erneut gemeldet; wer später wieder nahe kommt, schon. Nur Personalnummern und Zahlen; keine Gesundheitsdaten.',
	});
	b.connect(settings, update).connect(update, anyNew).connect(anyNew, digest, 0);
	lineManagerNotice(b, v, anyNew);
	b.note(
		'3 · Approaching: digest to the BEM officer, once per crossing',
		'Employees a few working days below the threshold are listed in one mail to the BEM officer (Settings) — personnel numbers, counts and dates only — when they newly come near it: no mail while they stay there or fall back, one again if they come near later. The BEM file keeps only who is near now (ids). Nothing is opened or sent to them.',
		[2, 4],
		[4, 5],
		7,
	);
	return b.toJSON();
}

// Line managers: told only where the works agreement provides for it (Settings, off by default), after
// the officer's digest (below it on the canvas), about the same newly approaching employees — one mail
// per manager with their reports' personnel numbers; no counts, dates or names. Whom the HRIS names no
// reachable manager for, the BEM officer hears (the digest already went; nothing is mailed twice).
function lineManagerNotice(b, v, anyNew) {
	const wanted = P.ifTrue(
		b,
		'Tell Line Managers? (Works Agreement)',
		[4, 7],
		"$('Settings').first().json.lineManagerNotice === true",
	);
	const read = b.add(
		'Read Line Managers',
		v.lineManagers.type,
		BEM_NODE_VERSION,
		{ ...v.lineManagers.parameters, employeeIds: "={{ $json.entered.join(', ') }}" },
		[5, 7],
		{ credentials: v.lineManagers.credentials },
	);
	const perManager = b.add(
		'One Item per Line Manager',
		'n8n-nodes-base.summarize',
		1.1,
		{
			fieldsToSummarize: { values: [{ aggregation: 'append', field: 'employeeId' }] },
			fieldsToSplitBy: 'lineManagerEmail',
			options: {},
		},
		[6, 7],
	);
	const notice = sendEmail(b, 'Mail Approaching Notice to Line Manager', [7, 7], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: '={{ $json.lineManagerEmail }}',
		subject: '=BEM: Beschäftigte Ihres Bereichs nahe der Sechs-Wochen-Schwelle',
		text:
			'=Guten Tag,\n\nnach der Betriebsvereinbarung zum Betrieblichen Eingliederungsmanagement teilen wir Ihnen mit: Diese Beschäftigten Ihres Bereichs sind seit dem letzten Lauf neu nahe der Schwelle, ab der ihnen ein BEM anzubieten ist (§\u00a0167 Abs.\u00a02 SGB\u00a0IX):\n\n' +
			"{{ $json.appended_employeeId.map(id => 'Personalnummer ' + id).join('\\n') }}\n\n" +
			"Für Sie ist nichts zu tun. Das BEM ist freiwillig; ob ein BEM angeboten wird, klärt das BEM-Team ({{ $('Settings').first().json.bemOfficerEmail }}) direkt mit den Beschäftigten. Bitte behandeln Sie diese Mitteilung vertraulich, leiten Sie sie nicht weiter und sprechen Sie niemanden auf seine Gesundheit an.",
	});
	const unreachable = sendEmail(
		b,
		'Mail Unreachable Line Managers to BEM Officer',
		[6, 8],
		{
			from: "={{ $('Settings').first().json.senderEmail }}",
			to: "={{ $('Settings').first().json.bemOfficerEmail }}",
			subject:
				"=BEM: Führungskraft für {{ $('Read Line Managers').all(1).length }} Beschäftigte nicht erreichbar (Mitteilung nach Betriebsvereinbarung)",
			text:
				'=Die Betriebsvereinbarung sieht vor, die Führungskraft zu informieren, wenn Beschäftigte neu nahe der BEM-Schwelle sind. Für diese Personalnummern ging keine Mitteilung hinaus (im HRIS pflegen; die Mitteilung wird nicht nachgeholt):\n\n' +
				"{{ $('Read Line Managers').all(1).map(i => 'Personalnummer ' + i.json.employeeId + ': ' + i.json.problem).join('\\n') }}",
		},
		{ executeOnce: true },
	);
	b.connect(anyNew, wanted, 0)
		.connect(wanted, read, 0)
		.connect(read, perManager, 0)
		.connect(perManager, notice)
		.connect(read, unreachable, 1);
	b.note(
		'4 · Line managers: only where the works agreement says so',
		`Off by default. Set **lineManagerNotice** in Settings to true only where your works agreement provides for telling line managers: then each manager of a newly approaching employee gets one mail listing those personnel numbers — no counts, dates, names or health detail — read from ${v.label} (the employee's manager and the manager's address, nothing else). Employees without a reachable manager are listed to the BEM officer. The managers' addresses appear in this branch's execution data.`,
		[4, 7],
		[7, 8],
		6,
	);
}

module.exports = { detect, VARIANTS };
