// 9 · Error alert: any BEM workflow that fails alerts the admins with a link to the execution and
// nothing personal (no error message: it may name an employee or a date).
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS, settingsNode, sendEmail } = require('./common');

module.exports = function errorAlert() {
	const b = new WorkflowBuilder({
		id: IDS.errorAlert,
		name: 'BEM · Error Alert to Admins',
		failedRuns: 'drop',
		settings: { errorWorkflow: undefined },
	});
	const trigger = b.add('When a BEM Workflow Fails', 'n8n-nodes-base.errorTrigger', 1, {}, [0, 1]);
	const settings = settingsNode(b, [1, 1], {
		adminEmail: 'bem-admin@example.com',
		senderEmail: 'bem@example.com',
	});
	const alert = sendEmail(b, 'Alert Admins', [2, 1], {
		from: '={{ $json.senderEmail }}',
		to: '={{ $json.adminEmail }}',
		subject: '=BEM workflow failed: {{ $json.workflow.name }}',
		text:
			'=The BEM workflow "{{ $json.workflow.name }}" failed at node "{{ $json.execution.lastNodeExecuted }}".\n\n' +
			'Open the execution: {{ $json.execution.url }}\n\n' +
			'This alert carries no personal data. The execution in n8n shows which item failed and why (admins only).',
	});
	b.connect(trigger, settings).connect(settings, alert);
	b.note(
		'Error alert (no personal data)',
		'Every BEM workflow names this one as its error workflow. It mails the admins the workflow, the failed node and the link to the execution — never the error text, which may name an employee or a date. Set the addresses in **Settings**.',
		[0, 1],
		[2, 1],
		3,
	);
	return b.toJSON();
};
