import { buildWorkflow } from './load';
import { runWorkflow } from '../harness/run';
import { startSmtpCatcher, type SmtpCatcher } from '../harness/smtp';

describe('BEM · Error Alert to Admins', () => {
	let smtp: SmtpCatcher;
	beforeAll(async () => {
		smtp = await startSmtpCatcher();
	});
	afterAll(() => smtp.close());

	it('mails the admins the workflow, node and execution link, and no error text', async () => {
		const wf = buildWorkflow('bem-9-error-alert.json');
		const failure = {
			execution: {
				id: '231',
				url: 'http://localhost:5678/workflow/bemInviteCycle01/executions/231',
				lastNodeExecuted: 'Render First Invitation',
				mode: 'trigger',
				error: {
					message:
						'Item 0: Employee "1001", absence #2, field "end": 2026-03-01 is before the start 2026-03-10',
					stack: 'NodeOperationError: …',
				},
			},
			workflow: { id: 'bemInviteCycle01', name: 'BEM · 2 Invitation Cycle' },
		};
		const { run } = await runWorkflow(wf, {
			startNode: 'When a BEM Workflow Fails',
			items: [{ json: failure }],
			credentials: { smtp: smtp.credentials },
		});
		expect(run.data.resultData.error).toBeUndefined();
		expect(smtp.mails).toHaveLength(1);
		const mail = smtp.mails[0];
		expect(mail.subject).toBe('BEM workflow failed: BEM · 2 Invitation Cycle');
		expect(mail.text).toContain('http://localhost:5678/workflow/bemInviteCycle01/executions/231');
		expect(mail.text).toContain('Render First Invitation');
		expect(mail.text).not.toMatch(/1001|2026-03|absence|Employee/);
	});
});
