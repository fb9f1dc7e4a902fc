import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VERSIONS } from '../../shared/versions';
import { bemStoreMethods, getBemStoreOrFail } from '../../shared/bemStore';
import { forEachItem } from '../../shared/forEachItem';
import { OPERATIONS } from './actions';
import { bemCaseProperties } from './description';

export class BemCaseV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle: '={{ $parameter["operation"] }}',
			defaults: { name: 'BEM Case' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads and writes the audited BEM file; every read and step must come from a workflow HR controls
			credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
			properties: bemCaseProperties,
		};
	}

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
