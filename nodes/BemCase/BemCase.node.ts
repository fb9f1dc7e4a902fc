import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { bemStoreMethods, getBemStoreOrFail } from '../shared/bemStore';
import { forEachItem } from '../shared/forEachItem';
import { OPERATIONS } from './actions';
import { bemCaseProperties } from './description';

export class BemCase implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BEM Case',
		name: 'bemCase',
		icon: { light: 'file:bemCase.svg', dark: 'file:bemCase.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Opens BEM cases and records their steps in the separate, audited BEM file (§167 Abs. 2 SGB IX)',
		documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-case',
		defaults: { name: 'BEM Case' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// the agreed credential name of the package (one credential for all BEM nodes); it is no HTTP API
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
		credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
		properties: bemCaseProperties,
	};

	methods = bemStoreMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const handle = await getBemStoreOrFail(this);
		// an unknown operation is a broken node, not a bad item: it fails even with Continue On Fail
		const ops = items.map((_, itemIndex) => {
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const op = OPERATIONS[operation];
			if (!op)
				throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, {
					itemIndex,
				});
			return op;
		});
		return forEachItem(
			this,
			items,
			async (itemIndex, item) => {
				const results = await ops[itemIndex].execute.call(this, { itemIndex, item, handle });
				return { items: results.map((json) => ({ json, pairedItem: { item: itemIndex } })) };
			},
			{ node: 'BEM Case' },
		);
	}
}
