// Runs workflow JSON headlessly through n8n-core's own engine (WorkflowExecute), as n8n does, with our
// node types and real n8n-nodes-base nodes. A Wait leaves the run 'waiting'; `resume` feeds the saved
// execution data back in, the way n8n's WaitTracker or a resume webhook does.
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteResponsePromiseData,
	type INodeExecutionData,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { makeCredentialsHelper } from './credentials';
import { TestNodeTypes } from './nodeTypes';

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: IWorkflowBase['nodes'];
	connections: IWorkflowBase['connections'];
	settings?: IWorkflowBase['settings'];
	staticData?: IDataObject;
}

export interface RunOptions {
	/** the node to start from (default: the first manual or execute-workflow trigger) */
	startNode?: string;
	/** items handed to the start node */
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** called when a node runs Execute Workflow (sub-workflows) */
	executeWorkflow?: IWorkflowExecuteAdditionalData['executeWorkflow'];
	executionId?: string;
	/** this n8n's base URL, for $execution.resumeUrl and the other instance URLs (default http://localhost:5678) */
	n8nBaseUrl?: string;
}

export interface RunResult {
	run: IRun;
	order: string[];
	workflow: Workflow;
	/** items a node emitted on an output in its last run (json only) */
	output(node: string, outputIndex?: number): IDataObject[];
	/** the full items, with binary and pairedItem */
	items(node: string, outputIndex?: number): INodeExecutionData[];
	/** what Respond to Webhook nodes sent to the waiting HTTP request (a form's POST), in order */
	responses: IExecuteResponsePromiseData[];
}

let nodeTypes: TestNodeTypes | undefined;
export function getNodeTypes(): TestNodeTypes {
	nodeTypes ??= new TestNodeTypes();
	return nodeTypes;
}

function additionalData(
	hooks: ExecutionLifecycleHooks,
	options: RunOptions,
): IWorkflowExecuteAdditionalData {
	const base = options.n8nBaseUrl ?? 'http://localhost:5678';
	return {
		hooks,
		// $execution.id / $execution.resumeUrl, as n8n sets them for the running execution
		executionId: options.executionId ?? 'exec-1',
		credentialsHelper: makeCredentialsHelper(options.credentials ?? {}),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		executeWorkflow: options.executeWorkflow ?? (async () => ({ data: [[]], executionId: 'sub' })),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => ({ ok: false, error: new Error('no task runner in tests') }),
	} as unknown as IWorkflowExecuteAdditionalData;
}

function result(
	run: IRun,
	order: string[],
	workflow: Workflow,
	responses: IExecuteResponsePromiseData[],
): RunResult {
	const items = (node: string, outputIndex = 0) => {
		const runs = run.data.resultData.runData[node];
		if (!runs || runs.length === 0) return [];
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};
	return {
		run,
		order,
		workflow,
		items,
		responses,
		output: (node, i = 0) => items(node, i).map((item) => item.json),
	};
}

function startNodeOf(wf: WorkflowJson, name?: string) {
	const node = name
		? wf.nodes.find((n) => n.name === name)
		: wf.nodes.find((n) => /manualTrigger|executeWorkflowTrigger/.test(n.type));
	if (!node) throw new Error(`start node ${name ?? '(manual trigger)'} not found`);
	return node;
}

async function execute(
	wf: WorkflowJson,
	data: IRunExecutionData,
	options: RunOptions,
): Promise<RunResult> {
	const workflow = new Workflow({
		id: wf.id ?? 'wf-test',
		name: wf.name,
		nodes: wf.nodes,
		connections: wf.connections,
		active: false,
		nodeTypes: getNodeTypes(),
		settings: wf.settings ?? {},
		staticData: wf.staticData,
	});
	const hooks = new ExecutionLifecycleHooks(
		'manual',
		options.executionId ?? 'exec-1',
		wf as unknown as IWorkflowBase,
	);
	const order: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (name: string) => {
		order.push(name);
	});
	const responses: IExecuteResponsePromiseData[] = [];
	hooks.addHandler('sendResponse', (response) => {
		responses.push(response);
	});
	const run = await new WorkflowExecute(
		additionalData(hooks, options),
		'manual',
		data,
	).processRunExecutionData(workflow);
	return result(run, order, workflow, responses);
}

export async function runWorkflow(wf: WorkflowJson, options: RunOptions = {}): Promise<RunResult> {
	const node = startNodeOf(wf, options.startNode);
	const data = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;
	return execute(wf, data, options);
}

/** Resumes a waiting run (as after its wait time, or with a resume webhook's payload). */
export async function resumeWorkflow(
	wf: WorkflowJson,
	previous: RunResult,
	payload?: IDataObject,
	options: RunOptions = {},
): Promise<RunResult> {
	const data = JSON.parse(JSON.stringify(previous.run.data)) as IRunExecutionData;
	if (payload !== undefined && data.executionData)
		data.executionData.nodeExecutionStack[0].data.main = [[{ json: payload }]];
	return execute(wf, data, options);
}
