// Versioned nodes: every node of the package serves typeVersion 1 and 2 (new nodes get 2), the shipped
// workflows use 2, and workflows saved with version 1 (copies of the shipped files from before the
// nodes were versioned, test/fixtures/workflows-v1) still run unchanged through n8n-core.
import * as fs from 'fs';
import * as path from 'path';
import type { IVersionedNodeType } from 'n8n-workflow';

import { LATEST_VERSION } from '../../nodes/shared/versions';
import { packageNodes } from '../harness/nodeTypes';
import { buildWorkflow, SHIPPED_WORKFLOWS } from './load';
import { runError, startProcessEnv, processTenant, type ProcessEnv } from './process';
import { TEST_READER } from '../store/backends';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IDS } = require('../../scripts/workflows/common') as { IDS: Record<string, string> };

const V1 = path.resolve(__dirname, '../fixtures/workflows-v1');
const ours = (file: string, dir: string) =>
	buildWorkflow(file, dir).nodes.filter((n) => n.type.startsWith('n8n-nodes-bem.'));

describe('node versions', () => {
	const nodes = Object.entries(packageNodes());

	it.each(nodes)('%s is a versioned node: 1 and 2 load, 2 is the default', (_type, node) => {
		const versioned = node as IVersionedNodeType;
		expect(versioned.description.defaultVersion).toBe(LATEST_VERSION);
		expect(versioned.getNodeType(1).description.version).toEqual([1, 2]);
		expect(versioned.getNodeType(2)).toBeDefined();
		expect(versioned.getNodeType().description).toEqual(versioned.getNodeType(1).description);
	});

	it.each(nodes)(
		'%s: the base description names icons that exist next to the node',
		(_type, node) => {
			const icon = (node as IVersionedNodeType).description.icon as { light: string; dark: string };
			const name = node.description.name;
			const dir = path.resolve(__dirname, '../../nodes', name[0].toUpperCase() + name.slice(1));
			for (const file of [icon.light, icon.dark])
				expect(fs.existsSync(path.join(dir, file.replace(/^file:/, '')))).toBe(true);
		},
	);

	it('offers only BEM Threshold as an AI tool (the others read an HRIS or the BEM file)', () => {
		const tools = nodes.filter(
			([, node]) => (node as IVersionedNodeType).getNodeType(2).description.usableAsTool,
		);
		expect(tools.map(([type]) => type)).toEqual(['n8n-nodes-bem.bemThreshold']);
	});

	it('the shipped workflows use the latest version of our nodes; the fixtures version 1', () => {
		const shipped = fs.readdirSync(SHIPPED_WORKFLOWS).filter((f) => f.endsWith('.json'));
		for (const file of shipped)
			for (const n of ours(file, SHIPPED_WORKFLOWS))
				expect({ file, node: n.name, v: n.typeVersion }).toEqual({
					file,
					node: n.name,
					v: LATEST_VERSION,
				});
		for (const file of fs.readdirSync(V1)) {
			expect(ours(file, V1).length).toBeGreaterThan(0);
			for (const n of ours(file, V1)) expect(n.typeVersion).toBe(1);
		}
	});
});

describe('workflows saved with version 1 run unchanged', () => {
	let env: ProcessEnv;
	beforeAll(async () => {
		env = await startProcessEnv(processTenant(), V1);
		env.setToday('2026-06-01');
	});
	afterAll(() => env.close());

	it('Detect (Personio, BEM Threshold, BEM Case v1) opens the due cases and starts their cycles', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId).sort()).toEqual(['3001', '3003']);
		expect(env.calls.map((c) => c.workflowId)).toEqual([IDS.invitationCycle, IDS.invitationCycle]);
		expect(result.output('Check §167 Threshold', 1).map((j) => j.employeeId)).toEqual(['3002']);
	});

	it('the Invitation Cycle (BEM Case Router, BEM Invitation, Personio v1) sends the first letter and waits', async () => {
		const [c] = await env.store.findCases({ employeeId: '3001' }, TEST_READER);
		const first = await env.run('bem-2-invitation-cycle.json', {
			items: [{ caseId: c.id, employeeId: '3001', letterWorkflowId: IDS.sendLetterPersonio }],
			executionId: '601',
		});
		expect(runError(first)).toBeUndefined();
		expect(first.run.status).toBe('waiting');
		expect(env.subRuns.map((s) => s.file)).toEqual(['bem-2a-send-letter-personio.json']);
		expect(env.smtp.mails.filter((m) => m.to.includes('person3001@example.com'))).toHaveLength(1);
		const mail = env.smtp.mails.find((m) => m.to.includes('person3001@example.com'));
		expect(mail?.attachments[0].contentType).toBe('application/pdf');
		expect(await env.store.getCase(c.id, { actor: 'test', purpose: 'test' })).toMatchObject({
			state: 'invited',
			replyDueOn: '2026-06-15',
		});
	});
});
