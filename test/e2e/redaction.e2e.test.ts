// Issue 12's measurement, kept as a test: what n8n (the cached runtime, 2.41.1, no licence) does with
// a node type's `sensitiveOutputFields`. A probe node (test/e2e/redactionProbe, loaded through
// N8N_CUSTOM_EXTENSIONS) declares `absences` and `diagnosis` sensitive and emits them; the workflow
// even asks for the strictest redaction policy. The run goes through the REST API as the editor's
// "Execute workflow" (manual mode). Both the stored execution_data and the editor's REST read of the
// execution hold the values in clear: without the `feat:dataRedaction` licence the policy resolves to
// 'none', and 2.41.1 never applies its node-defined-field strategy at all (docs/n8n-runtime.md,
// "Execution data and redaction"). If a later n8n starts redacting, this test fails and says so.
import * as fs from 'fs';
import * as path from 'path';

import * as lib from '../../scripts/lib/n8n';
import { demo } from './demo';
import { createN8n, type N8n } from './n8n';

const PROBE_DIR = path.join(__dirname, 'redactionProbe');
const WORKFLOW_ID = 'BemRedactProbe01';
const TRIGGER = 'Run Probe';
const SECRETS = ['PROBE-ABSENCE-7', 'PROBE-DIAGNOSIS-F32.1'];

describe('n8n and sensitiveOutputFields (measured, no licence)', () => {
	let n8n: N8n;
	let cookie: string;
	let executionId: string;
	const owner = {
		email: 'owner@example.com',
		firstName: 'Probe',
		lastName: 'Owner',
		password: 'Probe-Owner-2026!',
	};

	beforeAll(async () => {
		n8n = await createN8n({ server: false, env: { N8N_CUSTOM_EXTENSIONS: PROBE_DIR } });
		const file = path.join(n8n.userFolder, 'probe.json');
		fs.writeFileSync(
			file,
			JSON.stringify({
				id: WORKFLOW_ID,
				name: 'Redaction probe',
				active: false,
				nodes: [
					{
						id: 'a0000000-0000-4000-8000-000000000001',
						name: TRIGGER,
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'a0000000-0000-4000-8000-000000000002',
						name: 'Probe',
						type: 'CUSTOM.redactionProbe',
						typeVersion: 1,
						position: [200, 0],
						parameters: {},
					},
				],
				connections: { [TRIGGER]: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
				settings: {
					executionOrder: 'v1',
					saveManualExecutions: true,
					saveDataSuccessExecution: 'all',
					redactionPolicy: 'all',
				},
			}),
		);
		await n8n.importWorkflow(file);
		await n8n.start();
		cookie = await lib.setupOwner(n8n.baseUrl, owner);
		expect(await n8n.exportNodeTypes()).toContain('CUSTOM.redactionProbe');
		executionId = await demo.runInServer(n8n.baseUrl, cookie, WORKFLOW_ID, TRIGGER);
		await lib.poll(`probe execution ${executionId} to end`, () => {
			const r = n8n.executions(WORKFLOW_ID).find((e) => e.id === executionId);
			return r && lib.executionEnded(r) ? r : undefined;
		});
	}, 1800000);

	afterAll(async () => {
		await n8n?.dispose();
	});

	it('the stored execution_data holds the declared-sensitive fields in clear', () => {
		const stored = n8n.executionData(executionId);
		expect(stored).toBeDefined();
		expect(SECRETS.filter((s) => stored!.raw.includes(s))).toEqual(SECRETS);
		expect(stored!.raw).not.toContain('__redacted');
	});

	it('the REST read the editor shows (GET /rest/executions/:id) holds them in clear too', async () => {
		const res = await fetch(`${n8n.baseUrl}/rest/executions/${executionId}`, {
			headers: { cookie },
		});
		expect(res.status).toBe(200);
		const body = await res.text();
		expect(SECRETS.filter((s) => body.includes(s))).toEqual(SECRETS);
		expect(body).not.toContain('__redacted');
	});
});
