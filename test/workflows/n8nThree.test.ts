// The shipped workflows behave the same under n8n 2.x and under n8n 3.0's rules (test/harness/n8nThree):
// one sub-workflow execution per item through Loop Over Items instead of Execute Workflow's removed
// "Run once for each item", and the letter's "no contact record" branch without Always Output Data on
// the two-output HRIS reader (SAP reports the missing record on Problems, so 3.0 would add no item).
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { hcmBasicCredential, hcmContact, SapGatewayServer } from '../hris/sap/hcmServer';
import { n8nThreeRules } from '../harness/n8nThree';
import { runWorkflow, type WorkflowJson } from '../harness/run';
import { startProcessEnv, runError, type ProcessEnv } from './process';
import { TEST_READER } from '../store/backends';

/* eslint-disable @typescript-eslint/no-require-imports */
const { IDS } = require('../../scripts/workflows/common') as { IDS: Record<string, string> };
interface Builder {
	add(...args: unknown[]): string;
	connect(from: string, to: string, output?: number, input?: number): Builder;
	toJSON(): WorkflowJson;
}
const { WorkflowBuilder } = require('../../scripts/workflows/builder') as {
	WorkflowBuilder: new (meta: object) => Builder;
};
const P = require('../../scripts/workflows/process') as {
	shape(b: unknown, name: string, at: number[], fields: object, keep?: boolean): string;
	callPerItem(
		b: unknown,
		names: { loop: string; call: string },
		at: number[][],
		options: { from: string; workflowId: string; waitForSubWorkflow: boolean },
	): { loop: string; call: string };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const RULES: Array<[string, boolean]> = [
	['n8n 2.x', false],
	['n8n 3.0 rules', true],
];

describe.each(RULES)('under %s', (_title, three) => {
	let restore: (() => void) | undefined;
	beforeAll(() => {
		if (three) restore = n8nThreeRules();
	});
	afterAll(() => restore?.());

	describe('per item through Loop Over Items (the helper Detect and the Deadline Sweep use)', () => {
		// Manual → two Set nodes → "Requests" (so it runs twice, as the sweep's router does) → the loop
		function perItem(waitForSubWorkflow: boolean): WorkflowJson {
			const b = new WorkflowBuilder({ id: 'perItemTest', name: 'per item', failedRuns: 'drop' });
			const manual = b.add('Start', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]);
			const one = P.shape(b, 'Batch One', [1, 0], { n: ['array', '["a", "b"]'] });
			const split = b.add(
				'One Item Each',
				'n8n-nodes-base.splitOut',
				1,
				{ fieldToSplitOut: 'n', include: 'noOtherFields', options: {} },
				[2, 0],
			);
			const two = P.shape(b, 'Batch Two', [1, 1], { n: ['string', 'c'] });
			const requests = b.add('Requests', 'n8n-nodes-base.noOp', 1, {}, [3, 0]);
			const { loop } = P.callPerItem(
				b,
				{ loop: 'Each Request', call: 'Call' },
				[
					[4, 0],
					[5, 0],
				],
				{
					from: requests,
					workflowId: 'sub',
					waitForSubWorkflow,
				},
			);
			b.connect(manual, one).connect(one, split).connect(split, requests);
			b.connect(manual, two).connect(two, requests);
			b.connect(requests, loop);
			return b.toJSON();
		}

		it.each([true, false])(
			'calls the sub-workflow once per item, for every run of the node before it, even when a sub-workflow returns nothing (waits: %s)',
			async (wait) => {
				const calls: INodeExecutionData[][] = [];
				const run = await runWorkflow(perItem(wait), {
					executeWorkflow: (async (
						_info: unknown,
						_data: unknown,
						options: { inputData?: INodeExecutionData[] },
					) => {
						calls.push(options.inputData ?? []);
						return { data: [[]], executionId: `sub-${calls.length}` };
					}) as never,
				});
				expect(runError(run)).toBeUndefined();
				expect(calls.map((items) => items.map((i) => i.json.n))).toEqual([['a'], ['b'], ['c']]);
			},
		);
	});

	describe('BEM · 1 Detect (Personio)', () => {
		let env: ProcessEnv;
		beforeAll(async () => {
			env = await startProcessEnv();
			env.setToday('2026-06-01');
		});
		afterAll(() => env.close());

		it('starts one invitation cycle per new case, without waiting, each with that case only', async () => {
			const result = await env.run('bem-1-detect-personio.json', {
				items: [{ asOf: '2026-06-01' }],
			});
			expect(runError(result)).toBeUndefined();
			const open = await env.store.findCases({ state: 'open' }, TEST_READER);
			expect(open.map((c) => c.employeeId).sort()).toEqual(['3001', '3003']);
			expect(env.calls.map((c) => [c.workflowId, c.waitForSubWorkflow])).toEqual([
				[IDS.invitationCycle, false],
				[IDS.invitationCycle, false],
			]);
			const byCase = (a: IDataObject, b: IDataObject) =>
				String(a.caseId).localeCompare(String(b.caseId));
			expect(env.calls.map((c) => c.items.length)).toEqual([1, 1]);
			expect(env.calls.map((c) => c.items[0].json).sort(byCase)).toEqual(
				open
					.map((c) => ({
						caseId: c.id,
						employeeId: c.employeeId,
						letterWorkflowId: IDS.sendLetterPersonio,
					}))
					.sort(byCase),
			);
		});
	});

	describe('BEM · 2a Send Invitation Letter (SAP HCM)', () => {
		const LETTER = 'bem-2a-send-letter-sap-hcm.json';
		let env: ProcessEnv;
		let hcm: SapGatewayServer;
		beforeAll(async () => {
			env = await startProcessEnv();
			env.setToday('2026-06-01');
			// 00003002 has a contact record; 00003001 has none (SAP says so on the Problems output)
			hcm = await new SapGatewayServer({
				absences: [],
				work: [],
				contacts: [hcmContact('00003002')],
			}).start();
			env.credentials.sapHcmGatewayApi = hcmBasicCredential(hcm) as IDataObject;
		});
		afterAll(async () => {
			await hcm.stop();
			await env.close();
		});

		const open = async (employeeId: string) =>
			(
				await env.store.openCase({
					employeeId,
					reachedOn: '2026-03-13',
					reason: 'continuous',
					on: '2026-06-01',
					actor: 'test',
				})
			).case.id;

		it('no contact record, only a problem: nothing sent, HR told, the caller gets sent: false', async () => {
			const caseId = await open('00003001');
			const before = env.smtp.mails.length;
			const run = await env.run(LETTER, {
				items: [{ caseId, employeeId: '00003001', letter: 'first' }],
			});
			expect(runError(run)).toBeUndefined();
			expect(run.output('Read Contact Details (SAP HCM)', 0).filter((r) => r.employeeId)).toEqual(
				[],
			);
			expect(run.output('Read Contact Details (SAP HCM)', 1)).toHaveLength(1);
			expect(run.run.data.resultData.lastNodeExecuted).toBe('Letter Result (No Contact Record)');
			expect(run.output('Letter Result (No Contact Record)')).toEqual([
				{ caseId, letter: 'first', sent: false, missingContact: true },
			]);
			expect(env.smtp.mails.slice(before).map((m) => [m.to, m.subject])).toEqual([
				[
					['bem-team@example.com'],
					'BEM: Einladung nicht versandt – kein Kontaktdatensatz (Personalnummer 00003001)',
				],
			]);
			expect(await env.store.getCase(caseId, { actor: 'test', purpose: 'assert' })).toMatchObject({
				state: 'open',
			});
		});

		it('a contact record: the letter is claimed and mailed, the caller gets ids and dates', async () => {
			const caseId = await open('00003002');
			const before = env.smtp.mails.length;
			const run = await env.run(LETTER, {
				items: [{ caseId, employeeId: '00003002', letter: 'first' }],
			});
			expect(runError(run)).toBeUndefined();
			expect(run.run.data.resultData.lastNodeExecuted).toBe('Letter Result (IDs and Dates Only)');
			expect(run.output('Letter Result (IDs and Dates Only)')).toEqual([
				{ caseId, letter: 'first', sent: true, replyDueOn: '2026-06-15' },
			]);
			const mails = env.smtp.mails.slice(before);
			expect(mails.map((m) => m.to)).toEqual([['person3002@example.com']]);
			expect(mails[0].attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
		});
	});
});
