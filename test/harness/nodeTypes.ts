// The node types a test workflow may use: every node this package registers in package.json (loaded
// from the TypeScript sources, under the `n8n-nodes-bem.` prefix users see) plus the n8n-nodes-base
// nodes the shipped workflows use.
import * as path from 'path';
import {
	NodeHelpers,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import pkg from '../../package.json';

export const PACKAGE = 'n8n-nodes-bem';
const root = path.resolve(__dirname, '../..');
const base = path.dirname(require.resolve('n8n-nodes-base/package.json'));

type AnyNodeType = INodeType | IVersionedNodeType;

function instantiate(modulePath: string): AnyNodeType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(modulePath) as Record<string, new () => AnyNodeType>;
	// the class is named like its file (Form.node.js exports Form, next to helpers)
	const named = mod[path.basename(modulePath).replace(/\.node\.(js|ts)$/, '')];
	const Cls = named ?? Object.values(mod).find((v) => typeof v === 'function');
	if (!Cls) throw new Error(`no node class in ${modulePath}`);
	return new Cls();
}

/** n8n-nodes-base nodes by type name -> path under its dist/nodes. */
export const BASE_NODES: Record<string, string> = {
	manualTrigger: 'ManualTrigger/ManualTrigger.node.js',
	executeWorkflowTrigger: 'ExecuteWorkflow/ExecuteWorkflowTrigger/ExecuteWorkflowTrigger.node.js',
	scheduleTrigger: 'Schedule/ScheduleTrigger.node.js',
	set: 'Set/Set.node.js',
	if: 'If/If.node.js',
	switch: 'Switch/Switch.node.js',
	wait: 'Wait/Wait.node.js',
	noOp: 'NoOp/NoOp.node.js',
	code: 'Code/Code.node.js',
	merge: 'Merge/Merge.node.js',
	aggregate: 'Transform/Aggregate/Aggregate.node.js',
	summarize: 'Transform/Summarize/Summarize.node.js',
	emailSend: 'EmailSend/EmailSend.node.js',
	executeWorkflow: 'ExecuteWorkflow/ExecuteWorkflow/ExecuteWorkflow.node.js',
	stickyNote: 'StickyNote/StickyNote.node.js',
	formTrigger: 'Form/FormTrigger.node.js',
	form: 'Form/Form.node.js',
	respondToWebhook: 'RespondToWebhook/RespondToWebhook.node.js',
	webhook: 'Webhook/Webhook.node.js',
	errorTrigger: 'ErrorTrigger/ErrorTrigger.node.js',
	httpRequest: 'HttpRequest/HttpRequest.node.js',
	filter: 'Filter/Filter.node.js',
	splitOut: 'Transform/SplitOut/SplitOut.node.js',
	splitInBatches: 'SplitInBatches/SplitInBatches.node.js',
	limit: 'Transform/Limit/Limit.node.js',
	removeDuplicates: 'Transform/RemoveDuplicates/RemoveDuplicates.node.js',
	dateTime: 'DateTime/DateTime.node.js',
	stopAndError: 'StopAndError/StopAndError.node.js',
};

/** Our nodes, keyed `n8n-nodes-bem.<name>`, from the paths package.json registers (dist/… -> sources). */
export function packageNodes(): Record<string, AnyNodeType> {
	const types: Record<string, AnyNodeType> = {};
	for (const distPath of pkg.n8n.nodes) {
		const source = path.join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const node = instantiate(source);
		types[`${PACKAGE}.${node.description.name}`] = node;
	}
	return types;
}

const cache = new Map<string, AnyNodeType>();

function baseNode(name: string): AnyNodeType {
	let node = cache.get(name);
	if (!node) {
		const rel = BASE_NODES[name];
		if (!rel)
			throw new Error(`n8n-nodes-base.${name} is not registered in test/harness/nodeTypes.ts`);
		node = instantiate(path.join(base, 'dist/nodes', rel));
		cache.set(name, node);
	}
	return node;
}

export class TestNodeTypes implements INodeTypes {
	private readonly own = packageNodes();

	getByName(type: string): AnyNodeType {
		return this.resolve(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.resolve(type), version);
	}

	getKnownTypes() {
		return {};
	}

	private resolve(type: string): AnyNodeType {
		if (type.startsWith('n8n-nodes-base.')) return baseNode(type.slice('n8n-nodes-base.'.length));
		const node = this.own[type];
		if (!node)
			throw new Error(
				`Unknown node type ${type} (our package registers: ${Object.keys(this.own).join(', ')})`,
			);
		return node;
	}
}
