// The tests' workflow builder: a Manual Trigger ("Start") and the given nodes behind it, each fed by the
// one before on its first output — the one-node test workflow and the HRIS → connector → BEM Threshold
// chain alike.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from './run';

export interface ChainNode {
	name: string;
	/** a full type ('n8n-nodes-base.emailSend') or one of ours without the package ('bemThreshold') */
	type: string;
	/** default 1 */
	typeVersion?: number;
	parameters?: IDataObject;
	/** credential type → the credential's name (its id too) */
	credentials?: Record<string, string>;
	/** node settings (onError, alwaysOutputData, …) */
	settings?: IDataObject;
}

export function chainWorkflow(
	nodes: ChainNode[],
	meta: { id?: string; name?: string } = {},
): WorkflowJson {
	const names = ['Start', ...nodes.map((n) => n.name)];
	return {
		...meta,
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes.map((n, i) => ({
				id: String(i + 2),
				name: n.name,
				type: n.type.includes('.') ? n.type : `n8n-nodes-bem.${n.type}`,
				typeVersion: n.typeVersion ?? 1,
				position: [200 * (i + 1), 0] as [number, number],
				parameters: (n.parameters ?? {}) as INodeParameters,
				...(n.credentials
					? {
							credentials: Object.fromEntries(
								Object.entries(n.credentials).map(([type, name]) => [type, { id: name, name }]),
							),
						}
					: {}),
				...n.settings,
			})),
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		),
	} as WorkflowJson;
}
