// 2 · Invitation cycle, one execution per case (started by Detect, never waited for): first letter →
// wait for the reply or the deadline → second letter → wait → close with no_reply and send the
// personnel-file extract. The Wait sleeps in n8n's database; a reply wakes it early through the resume
// link the letter's reply form carries; the daily Deadline Sweep covers a lost or restarted wait.
// Letters go out through 2a, so the waiting execution holds only ids, states and dates.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS, sendEmail } = require('./common');
const P = require('./process');
const { sendLetterNodes } = require('./sendLetter');

const START = 'When Invitation Cycle Starts';
const input = (field) => `$('${START}').first().json.${field}`;
/** The morning after the deadline 2a returned (a reply on the due day is in time). */
const dayAfter = (node) =>
	`DateTime.fromISO($('${node}').first().json.replyDueOn, { zone: 'Europe/Berlin' }).plus({ days: 1 }).set({ hour: 7 }).toISO()`;

module.exports = function invitationCycle() {
	const b = new WorkflowBuilder({
		id: IDS.invitationCycle,
		name: 'BEM · 2 Invitation Cycle',
		failedRuns: 'keep',
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
		senderEmail: 'bem@example.com',
		personnelOfficeEmail: 'personalakte@example.com',
	});

	// a letter through 2a: the request carries this execution's resume link for the reply form
	const letterParams = (letter) => ({
		caseId: `={{ ${input('caseId')} }}`,
		employeeId: `={{ ${input('employeeId')} }}`,
		letter,
		resumeUrl: '={{ $execution.resumeUrl }}',
		letterWorkflowId: `={{ ${input('letterWorkflowId')} }}`,
	});

	// stage 1: first letter
	const first = sendLetterNodes(
		b,
		{ request: 'First Letter Request', call: 'Send First Invitation' },
		[
			[2, 2],
			[3, 2],
		],
		letterParams('first'),
	);
	const firstSent = P.ifTrue(b, 'First Letter Sent by This Run?', [4, 2], '$json.sent');
	b.connect(start, settings).connect(settings, first.request).connect(first.call, firstSent);
	b.note(
		'1 · First invitation',
		'The first invitation (German by default) goes out through **BEM · 2a Send Invitation Letter** of the HRIS Detect read (its id comes with the start): it reads the contact details, records **invitation_sent** in the BEM file, archives and mails the letter — once per case: if another run already sent it, nothing is mailed and this cycle ends. Only the case id, the letter and the reply deadline come back, so this waiting execution holds no name, address or letter. Sender, HR address, language, letterhead and reply form URL are set in 2a’s **Settings**.',
		[0, 1],
		[4, 3],
		4,
	);

	// stage 2: wait, route, second letter
	const firstWait = P.waitUntil(
		b,
		'Wait for Reply or First Deadline',
		[5, 2],
		dayAfter('Send First Invitation'),
	);
	const firstRoute = P.caseRouter(b, 'Case After First Deadline', [6, 2], {
		caseId: `={{ ${input('caseId')} }}`,
	});
	const second = sendLetterNodes(
		b,
		{ request: 'Second Letter Request', call: 'Send Second Invitation' },
		[
			[7, 2],
			[8, 2],
		],
		letterParams('second'),
	);
	const secondSent = P.ifTrue(b, 'Second Letter Sent by This Run?', [9, 2], '$json.sent');
	const doneAfterFirst = b.add(
		'Reply In or Sweep Takes Over',
		'n8n-nodes-base.noOp',
		1,
		{},
		[7, 4],
	);
	b.connect(firstSent, firstWait, 0).connect(firstWait, firstRoute);
	b.connect(firstRoute, second.request, P.ROUTE.firstDeadlinePassed);
	for (const route of ['awaitingReply', 'accepted', 'declined', 'closed'])
		b.connect(firstRoute, doneAfterFirst, P.ROUTE[route]);
	b.connect(second.call, secondSent);
	b.note(
		'2 · Wait 14 days, then the second invitation',
		'The execution sleeps until the morning after the reply deadline kept on the case (14 days, rolled to a working day). A reply through the form wakes it early. Then the case decides: accepted or declined → done; still waiting → the daily Deadline Sweep takes over; deadline passed without reply → the second invitation through 2a, which refers to the first and sets a new deadline. A letter the Sweep already sent is not sent again.',
		[5, 1],
		[9, 4],
		5,
	);

	// stage 3: close without reply, personnel-file extract
	const secondWait = P.waitUntil(
		b,
		'Wait for Reply or Second Deadline',
		[10, 2],
		dayAfter('Send Second Invitation'),
	);
	const secondRoute = P.caseRouter(b, 'Case After Second Deadline', [11, 2], {
		caseId: `={{ ${input('caseId')} }}`,
	});
	const close = P.bemCase(b, 'Close Case: No Reply', [12, 2], {
		operation: 'recordEvent',
		caseId: `={{ ${input('caseId')} }}`,
		eventType: 'reply_deadline_passed',
		idempotencyKey: `={{ ${input('caseId')} + ':no_reply' }}`,
	});
	const closedHere = P.ifTrue(b, 'Closed by This Run?', [13, 2], '$json.recorded === true');
	const extract = P.officerCase(b, 'Personnel File Extract', [14, 2], {
		operation: 'personnelFileExtract',
		caseId: '={{ $json.caseId }}',
		purpose: 'personnel-file extract after no reply',
	});
	const extractMail = sendEmail(
		b,
		'Mail Extract to Personnel Office',
		[15, 2],
		P.extractMailParameters(),
	);
	const doneAfterSecond = b.add('Reply In or Sweep Closes', 'n8n-nodes-base.noOp', 1, {}, [12, 4]);
	b.connect(secondSent, secondWait, 0).connect(secondWait, secondRoute);
	b.connect(secondRoute, close, P.ROUTE.secondDeadlinePassed);
	for (const route of ['awaitingReply', 'accepted', 'declined', 'closed'])
		b.connect(secondRoute, doneAfterSecond, P.ROUTE[route]);
	b.connect(close, closedHere).connect(closedHere, extract, 0).connect(extract, extractMail);
	b.note(
		'3 · No reply: close and document',
		'Sleeps until the morning after the second deadline. Without a reply the case is closed with outcome **no_reply** (closing day = the deadline day), and the personnel office gets the extract the personnel file may hold: BEM offered on, no reply, labour-law measures. Everything else stays in the separate BEM file. If the Sweep closed the case first, nothing is sent twice.',
		[10, 1],
		[15, 4],
		6,
	);
	return b.toJSON();
};
