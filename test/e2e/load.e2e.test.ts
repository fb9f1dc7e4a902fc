// The package in a real n8n (installed under the user folder's .n8n/nodes, as users install it): every
// registered node loads, every shipped workflow imports, and a workflow through BEM Threshold runs.
import * as fs from 'fs';
import * as path from 'path';

import { createN8n, type N8n } from './n8n';

const ROOT = path.resolve(__dirname, '../..');
const pkg = require(path.join(ROOT, 'package.json')) as { n8n: { nodes: string[] } };
const WORKFLOW = path.join(__dirname, '../fixtures/e2e/threshold-due.workflow.json');
const WORKFLOW_ID = 'bemE2eThreshold1';
const SHIPPED = path.join(ROOT, 'workflows');

interface WorkflowFile {
	file: string;
	id?: string;
	name: string;
	nodes: Array<{ name: string; type: string }>;
}
function shippedWorkflows(): WorkflowFile[] {
	return fs
		.readdirSync(SHIPPED)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({
			file: f,
			...(JSON.parse(fs.readFileSync(path.join(SHIPPED, f), 'utf8')) as Omit<WorkflowFile, 'file'>),
		}));
}

/** The type names n8n must list: `n8n-nodes-bem.<description.name>` of each registered node file. */
function registeredNodeTypes(): string[] {
	return pkg.n8n.nodes.map((file) => {
		const mod = require(path.join(ROOT, file)) as Record<
			string,
			new () => { description: { name: string } }
		>;
		const NodeClass = Object.values(mod).find((v) => typeof v === 'function');
		if (!NodeClass) throw new Error(`${file} exports no node class`);
		return `n8n-nodes-bem.${new NodeClass().description.name}`;
	});
}

describe('n8n-nodes-bem in a real n8n', () => {
	let n8n: N8n;

	beforeAll(async () => {
		n8n = await createN8n();
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	it(`export:nodes lists every node of package.json's n8n.nodes`, async () => {
		const expected = registeredNodeTypes();
		expect(expected).toContain('n8n-nodes-bem.bemThreshold');
		const listed = await n8n.exportNodeTypes();
		expect(listed.length).toBeGreaterThan(400); // n8n's own nodes are there too: it is a real n8n
		for (const type of expected) expect(listed).toContain(type);
	});

	it('imports every shipped workflows/*.json with `n8n import:workflow`', async () => {
		const workflows = shippedWorkflows();
		expect(workflows.length).toBeGreaterThan(0);
		const res = await n8n.cli(['import:workflow', '--separate', `--input=${SHIPPED}`]);
		expect({ status: res.status, stderr: res.stderr.slice(-2000) }).toEqual({
			status: 0,
			stderr: expect.any(String),
		});
		// `n8n list:workflow` prints "id|name" per workflow, at log level info
		const list = await n8n.cli(['list:workflow'], undefined, { N8N_LOG_LEVEL: 'info' });
		expect(list.status).toBe(0);
		for (const wf of workflows) {
			expect({ file: wf.file, id: wf.id }).toEqual({ file: wf.file, id: expect.any(String) }); // fixed ids: re-imports update, not copy
			expect(list.stdout).toContain(`${wf.id}|${wf.name}`);
		}
	});

	it("the shipped workflows use only node types this n8n has (ours from package.json, n8n's own)", async () => {
		const listed = new Set(await n8n.exportNodeTypes());
		const unknown = shippedWorkflows().flatMap((wf) =>
			wf.nodes
				.filter((node) => !listed.has(node.type))
				.map((node) => `${wf.file}: ${node.name} (${node.type})`),
		);
		expect(unknown).toEqual([]);
	});

	it('imports and executes Manual Trigger → Code → BEM Threshold, routing the employee to Due', async () => {
		await n8n.importWorkflow(WORKFLOW);
		const run = await n8n.execute(WORKFLOW_ID);

		expect(run.status).toBe('success');
		const runData = run.data.resultData.runData;
		const [due, approaching, below] = runData['BEM Threshold'][0].data.main;
		expect(due).toHaveLength(1);
		expect(approaching ?? []).toHaveLength(0);
		expect(below ?? []).toHaveLength(0);
		expect(due[0].json).toMatchObject({
			employeeId: 'E-1',
			status: 'due',
			reachedOn: '2026-02-13',
		});
		expect([due[0].pairedItem].flat()).toEqual([{ item: 0 }]);
		expect(runData.Due[0].data.main[0]).toHaveLength(1);
		expect(runData.Approaching).toBeUndefined();
		expect(runData.Below).toBeUndefined();
	});

	it("keeps no data of the successful run in n8n's database", async () => {
		const records = n8n.executions(WORKFLOW_ID);
		expect(records.length).toBeGreaterThanOrEqual(1);
		for (const rec of records) {
			// a successful run without saved data is soft-deleted at once and hard-deleted by the pruner
			expect(rec.deletedAt).not.toBeNull();
			const stored = n8n.executionData(rec.id);
			expect(stored?.raw ?? '').not.toContain('Erika');
			expect(stored?.raw ?? '').not.toContain('E-1');
		}
	});
});
