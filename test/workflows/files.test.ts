import * as fs from 'fs';
import * as path from 'path';

import { BASE_NODES, packageNodes, TestNodeTypes } from '../harness/nodeTypes';

// Every shipped workflow file: only known node types (ours under the package prefix, n8n-nodes-base
// ones the harness can run), no credential data or secrets, every node named, every stage explained
// by a sticky note, a Manual or Execute Workflow trigger for the CLI and tests (HR-form-only workflows
// start from their forms), and no kept data.
const dir = path.resolve(__dirname, '../../workflows');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
const own = Object.keys(packageNodes());
const nodeTypes = new TestNodeTypes();

interface WfNode {
	name: string;
	type: string;
	typeVersion: number;
	alwaysOutputData?: boolean;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, Record<string, unknown>>;
}

/** an expression that only reads a field of the incoming item: `={{ $json.token }}` */
const ITEM_FIELD = /^=\{\{\s*\$json\.\w+\s*\}\}$/;
/**
 * What n8n keeps of a failed execution, decided per workflow (n8n's default keeps them all, items
 * included): kept where items are ids, states and dates; never where they carry names, addresses,
 * absence periods, letters, HR's free text, reply tokens or another run's error text.
 */
const FAILED_RUNS: [RegExp, 'all' | 'none'][] = [
	[/^bem-1-detect-/, 'none'], // the HRIS's staff and absence periods
	[/^bem-2-invitation-cycle/, 'all'], // ids and dates
	[/^bem-2a-send-letter-/, 'none'], // name, address, letter, PDF (its caller's failed run holds ids)
	[/^bem-3-reply-form/, 'none'], // the reply token, good for weeks
	[/^bem-4-deadline-sweep/, 'all'],
	[/^bem-4a-deadline-sweep-schedule/, 'all'], // its one item: the sweep's ids and dates
	[/^bem-5-case-steps/, 'none'], // HR's notes and minutes
	[/^bem-6-retention/, 'all'],
	[/^bem-7-kpi-report/, 'all'],
	[/^bem-8-cockpit/, 'none'], // the page names cases and employee ids
	[/^bem-9-error-alert/, 'none'], // the failed run's error text
];
const SECRET_KEYS =
	/password|secret|token|apikey|api_key|privatekey|private_key|encryptionkey|clientsecret/i;

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
	if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			visit(k, v);
			walk(v, visit);
		}
}

describe('shipped workflow files', () => {
	it('exist', () => {
		expect(files.length).toBeGreaterThanOrEqual(1);
	});

	describe.each(files)('%s', (file) => {
		const wf = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
			id: string;
			name: string;
			nodes: WfNode[];
			connections: Record<string, unknown>;
			settings: Record<string, unknown>;
			pinData?: object;
		};
		const working = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
		const notes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');

		it('uses only known node types, ours with the package prefix', () => {
			for (const n of wf.nodes) {
				const known =
					own.includes(n.type) ||
					(n.type.startsWith('n8n-nodes-base.') && n.type.slice(15) in BASE_NODES);
				expect({ node: n.name, type: n.type, known }).toEqual({
					node: n.name,
					type: n.type,
					known: true,
				});
			}
		});

		it('carries no credential data or secrets, only credential references', () => {
			for (const n of wf.nodes) {
				for (const ref of Object.values(n.credentials ?? {}))
					expect(Object.keys(ref).sort()).toEqual(['id', 'name']);
				walk(n.parameters, (key, value) => {
					// a secret-named parameter may only be empty or read the item's own field (e.g. the reply token a form received)
					if (SECRET_KEYS.test(key) && !(typeof value === 'string' && ITEM_FIELD.test(value)))
						expect({ node: n.name, key, value }).toEqual({
							node: n.name,
							key,
							value: expect.not.stringMatching(/\S/),
						});
				});
			}
			expect(JSON.stringify(wf)).not.toMatch(
				/-----BEGIN|Basic [A-Za-z0-9+/=]{12,}|Bearer [A-Za-z0-9._-]{12,}/,
			);
			expect(wf.pinData ?? {}).toEqual({});
		});

		it('names every node so the canvas reads as the process', () => {
			for (const n of working) {
				expect(n.name).not.toMatch(
					/^(Set|If|Switch|Wait|Code|Merge|NoOp|HTTP Request|Send Email|Execute Workflow|BEM Case|BEM Invitation|BEM Threshold|Personio|Form)\d*$/,
				);
				expect(n.name.length).toBeGreaterThan(3);
			}
		});

		it('explains every stage with a sticky note covering its nodes', () => {
			expect(notes.length).toBeGreaterThan(0);
			for (const n of working) {
				const covered = notes.some((s) => {
					const [x, y] = s.position;
					const w = s.parameters.width as number;
					const h = s.parameters.height as number;
					return (
						n.position[0] >= x &&
						n.position[0] <= x + w &&
						n.position[1] >= y &&
						n.position[1] <= y + h
					);
				});
				expect({ node: n.name, covered }).toEqual({ node: n.name, covered: true });
			}
		});

		it('can be started from the CLI and from tests (a workflow of HR forms only: by submitting a form)', () => {
			const triggers = working.filter((n) => /Trigger$/.test(n.type));
			const formsOnly =
				triggers.length > 0 && triggers.every((n) => n.type === 'n8n-nodes-base.formTrigger');
			expect(
				formsOnly ||
					working.some((n) => /manualTrigger|executeWorkflowTrigger|errorTrigger/.test(n.type)),
			).toBe(true);
		});

		// n8n 3.0 removes Execute Workflow's "Run once for each item" and adds Always Output Data's empty
		// item only when every output is empty: the workflows use neither, so they run alike on 2.x and 3.0
		it('runs unchanged on n8n 3.0: no "Run once for each item", no Always Output Data on several outputs', () => {
			for (const n of working) {
				if (n.type === 'n8n-nodes-base.executeWorkflow')
					expect({ node: n.name, mode: n.parameters.mode }).toEqual({ node: n.name, mode: 'once' });
				if (!n.alwaysOutputData) continue;
				const { outputs } = nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description;
				// outputs an expression computes (Switch) count as several
				const several = !Array.isArray(outputs) || outputs.length > 1;
				expect({ node: n.name, alwaysOutputData: true, several }).toEqual({
					node: n.name,
					alwaysOutputData: true,
					several: false,
				});
			}
		});

		it('keeps no data of successful executions', () => {
			expect(wf.settings).toMatchObject({
				saveDataSuccessExecution: 'none',
				saveManualExecutions: false,
			});
		});

		it('keeps failed executions only where they hold ids, states and dates', () => {
			const choice = FAILED_RUNS.find(([name]) => name.test(file));
			expect({ file, listed: Boolean(choice) }).toEqual({ file, listed: true });
			expect(wf.settings.saveDataErrorExecution).toBe(choice?.[1]);
		});

		it('is exactly what scripts/workflows produces', () => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { buildAll } = require('../../scripts/workflows/index.js') as {
				buildAll(): Record<string, object>;
			};
			expect(JSON.parse(JSON.stringify(buildAll()[file]))).toEqual(wf);
		});
	});
});
