import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { bemStoreMethods, getBemStoreOrFail } from '../../shared/bemStore';
import { forEachItem } from '../../shared/forEachItem';
import { OPERATIONS } from './actions';
import { getMeasureCodes } from './actions/measures.operation';
import { versionDescription } from './versionDescription';

export class BemCaseV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	methods = { ...bemStoreMethods, loadOptions: { getMeasureCodes } };

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
				const out = await ops[itemIndex].execute.call(this, { itemIndex, item, handle });
				const pairedItem = { item: itemIndex };
				return {
					items: Array.isArray(out)
						? out.map((json) => ({ json, pairedItem }))
						: out.items.map((r) => ({ ...r, pairedItem })),
				};
			},
			{ node: 'BEM Case' },
		);
	}
}
