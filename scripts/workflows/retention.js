// 6 · Retention: every night the BEM file deletes the cases closed longer ago than the retention period
// (credential, default 3 years) and keeps a deletion record without personal data. The admins get the
// count only, and only when something was deleted.
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS, settingsNode, sendEmail } = require('./common');
const { bemCase, ifTrue, startTriggers, TODAY } = require('./bemNodes');

module.exports = function retention() {
	const b = new WorkflowBuilder({
		id: IDS.retention,
		name: 'BEM · 6 Retention (Daily Purge)',
		failedRuns: 'keep',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const settings = settingsNode(b, [1, 2], {
		adminEmail: 'bem-admin@example.com',
		senderEmail: 'bem@example.com',
		today: TODAY,
	});
	startTriggers(b, [0, 1], 'Every Night at 2', { field: 'days', triggerAtHour: 2 }, settings);
	const purge = bemCase(b, 'Purge Expired Cases', [2, 2], {
		operation: 'purgeExpired',
		on: '={{ $json.today }}',
	});
	const any = ifTrue(b, 'Anything Purged?', [3, 2], '$json.purged > 0');
	const mail = sendEmail(b, 'Tell Admins the Count', [4, 2], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.adminEmail }}",
		subject: '=BEM retention: {{ $json.purged }} closed case(s) deleted',
		text:
			"=The retention run for {{ $('Settings').first().json.today }} deleted {{ $json.purged }} closed BEM case(s) whose retention period had ended, " +
			'with their events, letters and access log. A deletion record without personal data remains for each.',
	});
	const nothing = b.add('Nothing Expired', 'n8n-nodes-base.noOp', 1, {}, [4, 3]);
	b.connect(settings, purge).connect(purge, any).connect(any, mail, 0).connect(any, nothing, 1);
	b.note(
		'Retention: daily purge of the BEM file',
		'Every night the cases closed longer ago than the retention period of the **BEM Store** credential (default 3 years) are deleted with their events, letters and access log. What stays is a deletion record with no case id, no employee and no text. The admins get the count — only when there was something to delete. Set the addresses in **Settings**.',
		[0, 1],
		[4, 3],
		6,
	);
	return b.toJSON();
};
