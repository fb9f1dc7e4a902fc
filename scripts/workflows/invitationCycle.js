// 2 · Invitation cycle, one execution per case (started by Detect, never waited for): first letter →
// wait for the reply or the deadline → second letter → wait → close with no_reply and send the
// personnel-file extract. The Wait sleeps in n8n's database; a reply wakes it early through the resume
// link the letter's reply form carries; the daily Deadline Sweep covers a lost or restarted wait.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS, sendEmail } = require('./common');
const P = require('./process');

const START = 'When Invitation Cycle Starts';
const input = (field) => `$('${START}').first().json.${field}`;
/** The reply form link; `resume` lets a reply wake this execution's Wait early. */
const REPLY_FORM_URL = "={{ $('Settings').first().json.replyFormUrl + ($('Settings').first().json.replyFormUrl.includes('?') ? '&' : '?') + 'resume=' + encodeURIComponent($execution.resumeUrl) }}";
/** The morning after the stored deadline (a reply on the due day is in time). */
const dayAfter = (node) => `DateTime.fromISO($('${node}').first().json.replyDueOn, { zone: 'Europe/Berlin' }).plus({ days: 1 }).set({ hour: 7 }).toISO()`;

module.exports = function invitationCycle() {
	const b = new WorkflowBuilder({ id: IDS.invitationCycle, name: 'BEM · 2 Invitation Cycle', settings: { errorWorkflow: IDS.errorAlert } });
	const start = b.add(START, 'n8n-nodes-base.executeWorkflowTrigger', 1.1, { inputSource: 'passthrough' }, [0, 2]);
	const settings = P.processSettings(b, [1, 2], {
		senderEmail: 'bem@example.com',
		hrEmail: 'bem-team@example.com',
		personnelOfficeEmail: 'personalakte@example.com',
		replyFormUrl: P.OWN_REPLY_FORM_URL,
		language: 'de',
	});

	// stage 1: first letter
	const invitationParams = (letter) => ({
		letter,
		caseId: `={{ ${input('caseId')} }}`,
		language: "={{ $('Settings').first().json.language }}",
		employee: `={{ ${input('employee')} }}`,
		company: `={{ ${input('company')} }}`,
		replyFormUrl: REPLY_FORM_URL,
		options: {},
	});
	const first = P.invitation(b, 'Render First Invitation', [2, 2], invitationParams('first'));
	const firstClaimed = P.ifTrue(b, 'First Letter Not Sent Before?', [3, 2], '$json.sent');
	const firstByMail = P.ifTrue(b, 'First: Employee Has E-Mail?', [4, 2], 'Boolean($json.to)');
	const firstMail = sendEmail(b, 'Mail First Invitation to Employee', [5, 1], P.invitationMailParameters());
	const firstPost = sendEmail(b, 'First Invitation to HR for Posting', [5, 3], P.postalMailParameters());
	b.connect(start, settings).connect(settings, first).connect(first, firstClaimed).connect(firstClaimed, firstByMail, 0);
	b.connect(firstByMail, firstMail, 0).connect(firstByMail, firstPost, 1);
	b.note(
		'1 · First invitation',
		'Renders the first invitation (German by default), records **invitation_sent** in the BEM file and archives the letter — once per case: if another run already sent it, nothing is mailed. The letter goes to the employee by e-mail with the PDF attached; without an e-mail address HR gets the PDF to post. Set sender and HR addresses in **Settings**; the reply form URL defaults to this n8n’s own form (its WEBHOOK_URL + form/bem-reply).',
		[0, 1],
		[5, 3],
		4,
	);

	// stage 2: wait, route, second letter
	const firstWait = P.waitUntil(b, 'Wait for Reply or First Deadline', [6, 2], dayAfter('Render First Invitation'));
	const firstRoute = P.caseRouter(b, 'Case After First Deadline', [7, 2], { caseId: `={{ ${input('caseId')} }}` });
	const second = P.invitation(b, 'Render Second Invitation', [8, 2], invitationParams('second'));
	const secondClaimed = P.ifTrue(b, 'Second Letter Not Sent Before?', [9, 2], '$json.sent');
	const secondByMail = P.ifTrue(b, 'Second: Employee Has E-Mail?', [10, 2], 'Boolean($json.to)');
	const secondMail = sendEmail(b, 'Mail Second Invitation to Employee', [11, 1], P.invitationMailParameters());
	const secondPost = sendEmail(b, 'Second Invitation to HR for Posting', [11, 3], P.postalMailParameters());
	const doneAfterFirst = b.add('Reply In or Sweep Takes Over', 'n8n-nodes-base.noOp', 1, {}, [8, 4]);
	b.connect(firstMail, firstWait).connect(firstPost, firstWait).connect(firstWait, firstRoute);
	b.connect(firstRoute, second, P.ROUTE.firstDeadlinePassed);
	for (const route of ['awaitingReply', 'accepted', 'declined', 'closed']) b.connect(firstRoute, doneAfterFirst, P.ROUTE[route]);
	b.connect(second, secondClaimed).connect(secondClaimed, secondByMail, 0);
	b.connect(secondByMail, secondMail, 0).connect(secondByMail, secondPost, 1);
	b.note(
		'2 · Wait 14 days, then the second invitation',
		'The execution sleeps until the morning after the reply deadline kept on the case (14 days, rolled to a working day). A reply through the form wakes it early. Then the case decides: accepted or declined → done; still waiting → the daily Deadline Sweep takes over; deadline passed without reply → the second invitation, which refers to the first and sets a new deadline. A letter the Sweep already sent is not sent again.',
		[6, 1],
		[11, 4],
		5,
	);

	// stage 3: close without reply, personnel-file extract
	const secondWait = P.waitUntil(b, 'Wait for Reply or Second Deadline', [12, 2], dayAfter('Render Second Invitation'));
	const secondRoute = P.caseRouter(b, 'Case After Second Deadline', [13, 2], { caseId: `={{ ${input('caseId')} }}` });
	const close = P.bemCase(b, 'Close Case: No Reply', [14, 2], {
		operation: 'recordEvent',
		caseId: `={{ ${input('caseId')} }}`,
		eventType: 'reply_deadline_passed',
		idempotencyKey: `={{ ${input('caseId')} + ':no_reply' }}`,
	});
	const closedHere = P.ifTrue(b, 'Closed by This Run?', [15, 2], '$json.recorded === true');
	const extract = P.bemCase(b, 'Personnel File Extract', [16, 2], { operation: 'personnelFileExtract', caseId: '={{ $json.caseId }}', purpose: 'personnel-file extract after no reply' });
	const extractMail = sendEmail(b, 'Mail Extract to Personnel Office', [17, 2], P.extractMailParameters());
	const doneAfterSecond = b.add('Reply In or Sweep Closes', 'n8n-nodes-base.noOp', 1, {}, [14, 4]);
	b.connect(secondMail, secondWait).connect(secondPost, secondWait).connect(secondWait, secondRoute);
	b.connect(secondRoute, close, P.ROUTE.secondDeadlinePassed);
	for (const route of ['awaitingReply', 'accepted', 'declined', 'closed']) b.connect(secondRoute, doneAfterSecond, P.ROUTE[route]);
	b.connect(close, closedHere).connect(closedHere, extract, 0).connect(extract, extractMail);
	b.note(
		'3 · No reply: close and document',
		'Sleeps until the morning after the second deadline. Without a reply the case is closed with outcome **no_reply** (closing day = the deadline day), and the personnel office gets the extract the personnel file may hold: BEM offered on, no reply, labour-law measures. Everything else stays in the separate BEM file. If the Sweep closed the case first, nothing is sent twice.',
		[12, 1],
		[17, 4],
		6,
	);
	return b.toJSON();
};
