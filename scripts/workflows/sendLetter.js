// 2a · Send invitation letter (sub-workflow, one per HRIS): one letter for one case — contact details from the HRIS,
// claim and render in the BEM file, mail it (or to HR for posting) — and return ids, the letter, whether
// it went out and the reply deadline. It finishes at once and keeps no data of a success, so the name,
// address and letter never sit in the invitation cycle's waiting execution.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { BEM_NODE_VERSION, IDS, sendEmail } = require('./common');
const P = require('./process');
const { VARIANTS } = require('./detect');

const START = 'When a Letter Is Requested';
const input = (field) => `$('${START}').item.json.${field}`;

function sendLetter(variant) {
	// the contact read is Detect's, per HRIS (its parameters read the employee id and date from Settings' item)
	const v = VARIANTS[variant];
	const b = new WorkflowBuilder({
		id: v.letterWorkflowId,
		name: `BEM · 2a Send Invitation Letter (${v.label})`,
		failedRuns: 'drop',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const start = b.add(
		START,
		'n8n-nodes-base.executeWorkflowTrigger',
		1.1,
		{ inputSource: 'passthrough' },
		[0, 2],
	);
	const settings = P.processSettings(b, [1, 2], {
		asOf: `={{ ${input('on')} || ${P.TODAY} }}`,
		senderEmail: 'bem@example.com',
		hrEmail: 'bem-team@example.com',
		replyFormUrl: P.OWN_REPLY_FORM_URL,
		language: 'de',
		internalMailAddress: 'Muster GmbH\nMusterstraße 1\n12345 Musterstadt',
		company: P.COMPANY,
	});
	// always an item, so a missing record takes the "not found" branch instead of ending this run with nothing
	const contact = b.add(
		`Read Contact Details (${v.label})`,
		v.contact.type,
		BEM_NODE_VERSION,
		v.contact.parameters,
		[2, 2],
		{ credentials: v.contact.credentials, alwaysOutputData: true },
	);
	const found = P.ifTrue(b, 'Contact Record Found?', [3, 2], `Boolean($json.${v.contact.idField})`);
	const recipient = P.shape(b, 'Letter Recipient', [3, 1], {
		employee: ['object', P.EMPLOYEE_FROM_RECORD],
	});
	// the letter kind is fixed per BEM Invitation node, so one node per letter
	const isSecond = P.ifTrue(b, 'Second Letter?', [4, 2], `${input('letter')} === 'second'`);
	const render = (letter, name, at) =>
		P.invitation(b, name, at, {
			letter,
			caseId: `={{ ${input('caseId')} }}`,
			on: `={{ ${input('on')} || '' }}`,
			language: "={{ $('Settings').first().json.language }}",
			employee: '={{ $json.employee }}',
			company: "={{ $('Settings').first().json.company }}",
			replyFormUrl: "={{ $('Settings').first().json.replyFormUrl }}",
			// the waiting caller's resume link goes into the BEM file with the letter, not into the link
			options: { resumeUrl: `={{ ${input('resumeUrl')} || '' }}` },
		});
	const renderFirst = render('first', 'Render First Invitation', [5, 1]);
	const renderSecond = render('second', 'Render Second Invitation', [5, 3]);
	const claimed = P.ifTrue(b, 'Letter Not Sent Before?', [6, 2], '$json.sent');
	const byMail = P.ifTrue(b, 'Employee Has E-Mail?', [7, 2], 'Boolean($json.to)');
	const mail = sendEmail(b, 'Mail Invitation to Employee', [8, 1], P.invitationMailParameters());
	const post = sendEmail(b, 'Invitation to HR for Posting', [8, 3], P.postalMailParameters());
	b.connect(start, settings)
		.connect(settings, contact)
		.connect(contact, found, 0)
		.connect(found, recipient, 0)
		.connect(recipient, isSecond);
	b.connect(isSecond, renderSecond, 0)
		.connect(isSecond, renderFirst, 1)
		.connect(renderFirst, claimed)
		.connect(renderSecond, claimed)
		.connect(claimed, byMail, 0);
	b.connect(byMail, mail, 0).connect(byMail, post, 1);
	b.note(
		'1 · Contact details, claim, render, mail',
		`Called by the Invitation Cycle and the Deadline Sweep with a case id, the personnel number and which letter (first or second). The contact details are read from ${v.label} here, the letter is claimed in the BEM file — once per case and letter: if another run already sent it, nothing is mailed — rendered and archived, and mailed to the employee with the PDF, or to HR for posting without an e-mail address. Sender, HR address, language, company letterhead and the reply form URL (default: this n8n’s own form) are in **Settings**.`,
		[0, 0],
		[8, 3],
		4,
	);

	// only these fields: the Set node drops the rest of the item, the recipient and the PDF with it
	const rendered = (field) => `={{ $('Letter Not Sent Before?').item.json.${field} }}`;
	const result = P.shape(b, 'Letter Result (IDs and Dates Only)', [9, 2], {
		caseId: ['string', rendered('caseId')],
		letter: ['string', rendered('letter')],
		sent: ['boolean', rendered('sent')],
		replyDueOn: ['string', rendered('replyDueOn')],
	});
	b.connect(mail, result).connect(post, result).connect(claimed, result, 1);

	// no contact record: nothing is claimed or sent; HR hears it (ids only) and the caller gets sent: false
	const tellHr = sendEmail(b, 'Mail HR: No Contact Record', [9, 3], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.hrEmail }}",
		subject: `=BEM: Einladung nicht versandt – kein Kontaktdatensatz (Personalnummer {{ ${input('employeeId')} }})`,
		text:
			`=Die ${'{{'} ${input('letter')} === 'second' ? 'zweite' : 'erste' ${'}}'} BEM-Einladung für Fall {{ ${input('caseId')} }} (Personalnummer {{ ${input('employeeId')} }}) wurde nicht versandt: ${v.label} liefert keinen Kontaktdatensatz. ` +
			'Bitte die Stammdaten prüfen (Austritt? Berechtigung der Schnittstelle?). Die tägliche Fristenprüfung versucht es erneut; ist die Person ausgeschieden, den Fall im Formular "Fallschritte" schließen.\n\nNur Fall- und Personalnummer; keine Namen, keine Gesundheitsdaten.',
	});
	const notFound = P.shape(b, 'Letter Result (No Contact Record)', [9, 4], {
		caseId: ['string', `={{ ${input('caseId')} }}`],
		letter: ['string', `={{ ${input('letter')} }}`],
		sent: ['boolean', '={{ false }}'],
		missingContact: ['boolean', '={{ true }}'],
	});
	b.connect(found, tellHr, 1).connect(tellHr, notFound);
	b.note(
		'2 · Return ids and dates only',
		'The caller gets the case id, the letter, whether this run sent it and the reply deadline — no name, no address, no letter. Without a contact record nothing is sent, HR gets a mail naming the case and personnel number, and the caller gets sent: false. This execution ends here and, as a success, keeps no data.',
		[9, 2],
		[9, 4],
		6,
	);
	return b.toJSON();
}

/**
 * Sends a letter through 2a: a Set node shaping the request (only these fields reach the sub-workflow)
 * and an Execute Workflow node that waits for the ids-and-dates result. Returns both node names.
 */
function sendLetterNodes(
	b,
	names,
	at,
	{ caseId, employeeId, letter, on, resumeUrl, letterWorkflowId },
) {
	const fields = {
		caseId: ['string', caseId],
		employeeId: ['string', employeeId],
		letter: ['string', letter],
	};
	if (on) fields.on = ['string', on];
	if (resumeUrl) fields.resumeUrl = ['string', resumeUrl];
	const request = P.shape(b, names.request, at[0], fields);
	const call = b.add(
		names.call,
		'n8n-nodes-base.executeWorkflow',
		1.1,
		{
			source: 'database',
			workflowId: { __rl: true, value: letterWorkflowId, mode: 'id' },
			mode: 'each',
			options: { waitForSubWorkflow: true },
		},
		at[1],
	);
	b.connect(request, call);
	return { request, call };
}

module.exports = { sendLetter, sendLetterNodes };
