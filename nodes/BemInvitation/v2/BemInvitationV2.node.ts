import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { bemStoreMethods } from '../../shared/bemStore';
import { forEachItem } from '../../shared/forEachItem';
import { invite } from '../invite';
import { versionDescription } from './versionDescription';

export class BemInvitationV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	methods = bemStoreMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return forEachItem(
			this,
			this.getInputData(),
			async (itemIndex) => ({ items: [await invite(this, itemIndex)] }),
			{ node: 'BEM Invitation' },
		);
	}
}
