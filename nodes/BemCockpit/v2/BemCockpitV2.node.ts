import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { bemStoreMethods, getBemStoreOrFail } from '../../shared/bemStore';
import { forEachItem } from '../../shared/forEachItem';
import { cockpitPage } from './page';
import { versionDescription } from './versionDescription';

export class BemCockpitV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	methods = bemStoreMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const handle = await getBemStoreOrFail(this);
		return forEachItem(
			this,
			this.getInputData(),
			async (itemIndex) => ({
				items: [
					{ json: await cockpitPage(this, itemIndex, handle), pairedItem: { item: itemIndex } },
				],
			}),
			{ node: 'BEM Cockpit' },
		);
	}
}
