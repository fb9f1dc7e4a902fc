// n8n 3.0's two workflow rule changes, laid over the n8n 2.x engine the harness runs (n8n-core and
// n8n-nodes-base as installed), so a test can show a workflow behaves the same under both:
// - Always Output Data on a node with several outputs adds the empty item only when EVERY output is
//   empty (2.x adds it to the first output whenever that one is empty);
// - the Execute Workflow node no longer has "Run once for each item" (mode 'each'): it fails.
import * as path from 'path';
import { WorkflowExecute } from 'n8n-core';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { BASE_NODES } from './nodeTypes';

type Outputs = INodeExecutionData[][] | null | undefined;
interface Engine {
	ensureAlwaysOutputData(data: Outputs, executionData: unknown): Outputs;
}

const base = path.dirname(require.resolve('n8n-nodes-base/package.json'));
// the very module the harness's node types load (require cache), so its class is the one patched
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ExecuteWorkflow } = require(path.join(base, 'dist/nodes', BASE_NODES.executeWorkflow)) as {
	ExecuteWorkflow: new () => INodeType;
};

/** Applies n8n 3.0's rules until the returned function restores 2.x's. */
export function n8nThreeRules(): () => void {
	const engine = WorkflowExecute.prototype as unknown as Engine;
	const ensure = engine.ensureAlwaysOutputData;
	engine.ensureAlwaysOutputData = function (data, executionData) {
		if (data?.some((output) => output?.length)) return data;
		return ensure.call(this, data, executionData);
	};
	const proto = ExecuteWorkflow.prototype as INodeType;
	const execute = proto.execute!;
	proto.execute = async function (this: IExecuteFunctions) {
		if (this.getNodeParameter('mode', 0, 'once') === 'each')
			throw new Error('n8n 3.0: Execute Workflow has no "Run once for each item" mode');
		return await execute.call(this);
	};
	return () => {
		engine.ensureAlwaysOutputData = ensure;
		proto.execute = execute;
	};
}
