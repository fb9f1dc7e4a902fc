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
	const contact = b.add(
		`Read Contact Details (${v.label})`,
		v.contact.type,
		BEM_NODE_VERSION,
		v.contact.parameters,
		[2, 1],
		{ credentials: v.contact.credentials },
	);
	const recipient = P.shape(b, 'Letter Recipient', [3, 1], {
		employee: ['object', P.EMPLOYEE_FROM_RECORD],
		contactRecordFound: ['boolean', `={{ Boolean($json.${v.contact.idField}) }}`],
	});
	// the request always comes out, with the recipient when there is a record: so a missing record takes
	// the "not found" branch instead of ending this run with nothing (not Always Output Data on the
	// two-output reader, whose empty item n8n 3.0 adds only when the Problems output is empty too)
	const withRecipient = b.add(
		'Request With Recipient',
		'n8n-nodes-base.merge',
		3.2,
		{
			mode: 'combine',
			combineBy: 'combineByPosition',
			options: {
				clashHandling: { values: { resolveClash: 'preferLast', mergeMode: 'shallowMerge' } },
				includeUnpaired: true,
			},
		},
		[3, 2],
	);
	const found = P.ifTrue(b, 'Contact Record Found?', [4, 2], '$json.contactRecordFound === true');
	// the letter kind is fixed per BEM Invitation node, so one node per letter
	const isSecond = P.ifTrue(b, 'Second Letter?', [5, 2], `${input('letter')} === 'second'`);
	const render = (letter, name, at) =>
		P.invitation(b, name, at, {
			letter,
			caseId: `={{ ${input('caseId')} }}`,
			on: `={{ ${input('on')} || '' }}`,
			language: "={{ $('Settings').first().json.language }}",
			employee: '={{ $json.employee }}',
			// Frau/Herr where the HRIS record carries salutation or gender; the connectors read neither yet, so
			// the shipped letters greet neutrally
			salutation: 'fromHris',
			company: "={{ $('Settings').first().json.company }}",
			replyFormUrl: "={{ $('Settings').first().json.replyFormUrl }}",
			// the waiting caller's resume link goes into the BEM file with the letter, not into the link
			options: { resumeUrl: `={{ ${input('resumeUrl')} || '' }}` },
		});
	const renderFirst = render('first', 'Render First Invitation', [6, 1]);
	const renderSecond = render('second', 'Render Second Invitation', [6, 3]);
	const claimed = P.ifTrue(b, 'Letter Not Sent Before?', [7, 2], '$json.sent');
	const byMail = P.ifTrue(b, 'Employee Has E-Mail?', [8, 2], 'Boolean($json.to)');
	const mail = sendEmail(b, 'Mail Invitation to Employee', [9, 1], P.invitationMailParameters());
	const post = sendEmail(b, 'Invitation to HR for Posting', [9, 3], P.postalMailParameters());
	b.connect(start, settings)
		.connect(settings, contact)
		.connect(contact, recipient, 0)
		.connect(settings, withRecipient, 0, 0)
		.connect(recipient, withRecipient, 0, 1)
		.connect(withRecipient, found)
		.connect(found, isSecond, 0);
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
		[9, 3],
		4,
	);

	// only these fields: the Set node drops the rest of the item, the recipient and the PDF with it
	const rendered = (field) => `={{ $('Letter Not Sent Before?').item.json.${field} }}`;
	const result = P.shape(b, 'Letter Result (IDs and Dates Only)', [10, 2], {
		caseId: ['string', rendered('caseId')],
		letter: ['string', rendered('letter')],
		sent: ['boolean', rendered('sent')],
		replyDueOn: ['string', rendered('replyDueOn')],
	});
	b.connect(mail, result).connect(post, result).connect(claimed, result, 1);

	// no contact record: nothing is claimed or sent; HR hears it (ids only) and the caller gets sent: false
	const tellHr = sendEmail(b, 'Mail HR: No Contact Record', [10, 3], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.hrEmail }}",
		subject: `=BEM: Einladung nicht versandt – kein Kontaktdatensatz (Personalnummer {{ ${input('employeeId')} }})`,
		text:
			`=Die ${'{{'} ${input('letter')} === 'second' ? 'zweite' : 'erste' ${'}}'} BEM-Einladung für Fall {{ ${input('caseId')} }} (Personalnummer {{ ${input('employeeId')} }}) wurde nicht versandt: ${v.label} liefert keinen Kontaktdatensatz. ` +
			'Bitte die Stammdaten prüfen (Austritt? Berechtigung der Schnittstelle?). Die tägliche Fristenprüfung versucht es erneut; ist die Person ausgeschieden, den Fall im Formular "Fallschritte" schließen.\n\nNur Fall- und Personalnummer; keine Namen, keine Gesundheitsdaten.',
	});
	const notFound = P.shape(b, 'Letter Result (No Contact Record)', [10, 4], {
		caseId: ['string', `={{ ${input('caseId')} }}`],
		letter: ['string', `={{ ${input('letter')} }}`],
		sent: ['boolean', '={{ false }}'],
		missingContact: ['boolean', '={{ true }}'],
	});
	b.connect(found, tellHr, 1).connect(tellHr, notFound);
	b.note(
		'2 · Return ids and dates only',
		'The caller gets the case id, the letter, whether this run sent it and the reply deadline — no name, no address, no letter. Without a contact record nothing is sent, HR gets a mail naming the case and personnel number, and the caller gets sent: false. This execution ends here and, as a success, keeps no data.',
		[10, 2],
		[10, 4],
		6,
	);
	return b.toJSON();
}

/**
 * Sends letters through 2a: a Set node shaping each request (only these fields reach the sub-workflow)
 * and, one letter per 2a execution, an Execute Workflow node that waits for the ids-and-dates result —
 * behind a Loop Over Items (`names.loop`, positions at[0..2]) where several requests can arrive at once
 * (the sweep), or on its own where there is only ever one (an invitation cycle is one case). Returns the
 * node names { request, loop?, call }; what follows the letter connects to `call` (single request only).
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
	if (names.loop) {
		const { loop, call } = P.callPerItem(b, names, at.slice(1), {
			from: request,
			workflowId: letterWorkflowId,
			waitForSubWorkflow: true,
		});
		b.connect(request, loop);
		return { request, loop, call };
	}
	const call = P.executeWorkflow(b, names.call, at[1], letterWorkflowId, true);
	b.connect(request, call);
	return { request, call };
}

module.exports = { sendLetter, sendLetterNodes };
