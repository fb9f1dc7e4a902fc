// 4 · Deadline sweep (daily): acts on every deadline the BEM file keeps, so a restart or a lost waiting
// execution never loses one. Overdue replies → second invitation (claimed once: a racing invitation
// cycle sends nothing) or close with no_reply + personnel-file extract; the day's reminders (reviews
// due, stale and un-invited cases, overdue measures) → one mail per recipient, each item once a day.
// A letter claimed but never archived (its run was cut off) is sent here, re-issued if claimed days ago.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS, manualTrigger, scheduleTrigger, sendEmail } = require('./common');
const P = require('./process');
const { sendLetterNodes } = require('./sendLetter');

const AS_OF = "={{ $('Settings').first().json.asOf }}";
/** the trigger the daily schedule (4a) starts the sweep through */
const SCHEDULED = 'Every Morning at 7 (from 4a)';

function sweep() {
	const b = new WorkflowBuilder({
		id: IDS.sweep,
		name: 'BEM · 4 Deadline Sweep',
		failedRuns: 'keep',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	// the Manual trigger is the one the editor's "Execute workflow" button runs: n8n picks a Schedule
	// Trigger over a Manual one, so the daily schedule lives in its own workflow (4a) and calls this one
	const manual = manualTrigger(b, [0, 4]);
	const schedule = b.add(
		SCHEDULED,
		'n8n-nodes-base.executeWorkflowTrigger',
		1.1,
		{ inputSource: 'passthrough' },
		[0, 2],
	);
	const settings = P.processSettings(b, [1, 3], {
		asOf: `={{ $json.asOf || ${P.TODAY} }}`,
		senderEmail: 'bem@example.com',
		hrEmail: 'bem-team@example.com',
		// the reminders' recipient (reviews due, stale and un-invited cases)
		bemOfficerEmail: 'bem-team@example.com',
		bemOfficerName: '',
		personnelOfficeEmail: 'personalakte@example.com',
		// the letter sub-workflow of your HRIS (see the note): Personio's by default
		letterWorkflowId: IDS.sendLetterPersonio,
	});
	const overdue = P.bemCase(
		b,
		'Cases With Reply Overdue',
		[2, 2],
		{
			operation: 'find',
			replyOverdueOn: AS_OF,
			limit: 1000,
			purpose: 'deadline sweep: overdue replies',
		},
		{ executeOnce: true },
	);
	const notInvited = P.bemCase(
		b,
		'Cases Not Yet Invited',
		[2, 4],
		{
			operation: 'find',
			state: 'open',
			limit: 1000,
			purpose: 'deadline sweep: cases not yet invited',
		},
		{ executeOnce: true },
	);
	const route = P.caseRouter(b, 'Where Is the Case?', [3, 3], {
		caseId: '={{ $json.caseId }}',
		on: AS_OF,
	});
	b.connect(schedule, settings)
		.connect(manual, settings)
		.connect(settings, overdue)
		.connect(overdue, route)
		.connect(settings, notInvited)
		.connect(notInvited, route);
	b.note(
		'1 · Find overdue replies and uninvited cases',
		'Every morning at 7 (started by **BEM · 4a Deadline Sweep Schedule**, which must be published), or **Execute workflow** here (optionally with an `asOf` date to catch up), the BEM file lists the cases whose reply deadline has passed and the cases opened but not yet invited. The router looks at each case on that date. Mail addresses are in **Settings**; letters go out through the **BEM · 2a Send Invitation Letter** sub-workflow named in Settings (`letterWorkflowId`: bemSendLetter001 Personio, bemSendLetterSSF SAP SuccessFactors, bemSendLetterHCM SAP HCM; its own Settings hold the letterhead and the reply form URL).',
		[0, 1],
		[3, 4],
		4,
	);

	// a letter branch: through 2a (contact details, claim, render, mail), which returns ids and dates only
	const letterBranch = (letter, row, routeOutput, title, text) => {
		const Letter = letter === 'first' ? 'First' : 'Second';
		const { request } = sendLetterNodes(
			b,
			{
				request: `${Letter} Letter Request`,
				loop: `Each ${Letter} Letter`,
				call: `Send ${Letter} Invitation`,
			},
			[
				[4, row],
				[5, row],
				[6, row],
			],
			{
				caseId: '={{ $json.caseId }}',
				employeeId: '={{ $json.employeeId }}',
				letter,
				on: AS_OF,
				letterWorkflowId: "={{ $('Settings').first().json.letterWorkflowId }}",
			},
		);
		b.connect(route, request, routeOutput);
		// a letter claimed in the BEM file whose run was cut off before its copy was archived (worker killed,
		// database down): the case has already moved on, so only this query still finds it. It sits above
		// the overdue find (execution order v1 runs the top branch first): a letter re-issued here moves its
		// deadline before the router could take the case for one whose reply is overdue
		const unsent = P.bemCase(
			b,
			`Cases With ${Letter} Letter Not Sent`,
			[3, row],
			{
				operation: 'find',
				letterUnsent: letter,
				limit: 1000,
				purpose: `deadline sweep: ${letter} letters claimed but not sent`,
			},
			{ executeOnce: true },
		);
		b.connect(settings, unsent).connect(unsent, request);
		b.note(title, text, [3, row - 1], [6, row], 5);
	};
	letterBranch(
		'first',
		-5,
		P.ROUTE.toInvite,
		'2 · Opened but never invited: first invitation',
		'A case opened by Detect whose invitation cycle never started (n8n stopped in between) gets its first invitation here. The letter is claimed in the BEM file first: a cycle that did start sends it, this branch then sends nothing. A first letter claimed but never sent (its run was cut off before the copy was archived) goes out here too — dated today with a new 14-day deadline when it was claimed on an earlier day.',
	);
	letterBranch(
		'second',
		0,
		P.ROUTE.firstDeadlinePassed,
		'3 · First deadline passed: second invitation',
		'No reply to the first invitation by its deadline: the second invitation goes out through 2a (contact details from Personio there — swap that node for your HRIS). It is claimed in the BEM file first, so if the case’s own invitation cycle woke at the same time, only one of them mails it. A second letter claimed but never sent goes out here as well.',
	);

	// second deadline passed → close no_reply, extract
	const close = P.bemCase(b, 'Close Case: No Reply', [4, 4], {
		operation: 'recordEvent',
		caseId: '={{ $json.caseId }}',
		eventType: 'reply_deadline_passed',
		on: AS_OF,
		idempotencyKey: "={{ $json.caseId + ':no_reply' }}",
	});
	const closedHere = P.ifTrue(b, 'Closed by This Run?', [5, 4], '$json.recorded === true');
	const extract = P.officerCase(b, 'Personnel File Extract', [6, 4], {
		operation: 'personnelFileExtract',
		caseId: '={{ $json.caseId }}',
		purpose: 'personnel-file extract after no reply',
	});
	const extractMail = sendEmail(
		b,
		'Mail Extract to Personnel Office',
		[7, 4],
		P.extractMailParameters(),
	);
	b.connect(route, close, P.ROUTE.secondDeadlinePassed)
		.connect(close, closedHere)
		.connect(closedHere, extract, 0)
		.connect(extract, extractMail);
	b.note(
		'4 · Second deadline passed: close and document',
		'No reply to the second invitation either: the case is closed with outcome **no_reply** and the personnel office gets the extract (offered on, no reply, labour-law measures) — once, even if the invitation cycle closes it at the same time.',
		[4, 3],
		[7, 4],
		6,
	);

	// the day's reminders: one mail per recipient, each item claimed once a day in the BEM file
	const reminders = P.bemCase(
		b,
		'Reminders Due Today',
		[2, 7],
		{
			operation: 'dueReminders',
			on: AS_OF,
			officerEmail: "={{ $('Settings').first().json.bemOfficerEmail }}",
			officerName: "={{ $('Settings').first().json.bemOfficerName }}",
			purpose: 'deadline sweep: reminders',
		},
		{ executeOnce: true },
	);
	const reminderMail = sendEmail(b, 'Mail Each Reminder', [3, 7], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: '={{ $json.to }}',
		subject: '={{ $json.subject }}',
		text: '={{ $json.text }}',
	});
	b.connect(settings, reminders).connect(reminders, reminderMail);
	b.note(
		'5 · Reminders: reviews, stale and un-invited cases, overdue measures',
		'One mail per recipient and day. The BEM officer (Settings) hears of effectiveness reviews due (3 and 6 months after the measures), of cases with no step for 90 days, and of cases opened but still not invited (e.g. no contact data in the HRIS) — the duty to offer the BEM stands. Each overdue measure’s owner gets the case and measure ids, the catalogue label and the due date, never its content. Every reminder is claimed in the BEM file first: a second run the same day mails only what is new.',
		[2, 6],
		[3, 7],
		7,
	);
	return b.toJSON();
}

/**
 * 4a · The sweep's daily schedule: every morning at 7 it starts the Deadline Sweep (a published
 * sub-workflow), whose own editor button then runs its Manual trigger.
 */
function sweepSchedule() {
	const b = new WorkflowBuilder({
		id: IDS.sweepSchedule,
		name: 'BEM · 4a Deadline Sweep Schedule (Every Morning at 7)',
		failedRuns: 'keep',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const schedule = scheduleTrigger(b, [0, 1], 'Every Morning at 7', {
		field: 'days',
		triggerAtHour: 7,
	});
	const manual = manualTrigger(b, [0, 2]);
	const call = P.executeWorkflow(b, 'Run the Deadline Sweep', [1, 1], IDS.sweep, true);
	b.connect(schedule, call).connect(manual, call);
	b.note(
		'Every morning at 7: the Deadline Sweep',
		'Starts **BEM · 4 Deadline Sweep** every morning at 7 — publish this workflow to run it daily (`npm start` publishes it in the demo). The sweep itself is opened and run by hand from its own editor with **Execute workflow**.',
		[0, 0],
		[1, 2],
		4,
	);
	return b.toJSON();
}

module.exports = sweep;
module.exports.sweepSchedule = sweepSchedule;
