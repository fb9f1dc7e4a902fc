import { runWorkflow } from '../harness/run';
import { chainWorkflow } from '../harness/workflow';
import { startSmtpCatcher, type SmtpCatcher } from '../harness/smtp';

// The harness's mail path: n8n's own Send Email node (nodemailer) delivers to the in-process catcher.
describe('Send Email through the test SMTP catcher', () => {
	let smtp: SmtpCatcher;
	beforeAll(async () => {
		smtp = await startSmtpCatcher();
	});
	afterAll(() => smtp.close());

	it('delivers a mail with its attachment', async () => {
		const wf = chainWorkflow([
			{
				name: 'Send',
				type: 'n8n-nodes-base.emailSend',
				typeVersion: 2.1,
				credentials: { smtp: 'test smtp' },
				parameters: {
					fromEmail: 'hr@example.invalid',
					toEmail: 'erika@example.invalid',
					subject: 'Einladung',
					emailFormat: 'text',
					text: 'Hallo',
					options: { attachments: 'data' },
				},
			},
		]);
		const pdf = Buffer.from('%PDF-1.4 test');
		const { run } = await runWorkflow(wf, {
			startNode: 'Send',
			items: [
				{
					json: {},
					binary: {
						data: {
							data: pdf.toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'brief.pdf',
						},
					},
				},
			],
			credentials: { smtp: smtp.credentials },
		});
		expect(run.data.resultData.error).toBeUndefined();
		expect(smtp.mails).toHaveLength(1);
		expect(smtp.mails[0]).toMatchObject({ subject: 'Einladung', to: ['erika@example.invalid'] });
		expect(smtp.mails[0].attachments[0]).toMatchObject({ filename: 'brief.pdf' });
		expect(smtp.mails[0].attachments[0].content.toString()).toBe('%PDF-1.4 test');
	});
});
