import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VERSIONS } from '../../shared/versions';
import { bemStoreMethods } from '../../shared/bemStore';
import { forEachItem } from '../../shared/forEachItem';
import { invitationProperties } from './description';
import { invite } from '../invite';

export class BemInvitationV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle:
				'={{ $parameter["letter"] === "second" ? "Second invitation" : "First invitation" }}',
			defaults: { name: 'BEM Invitation' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			// usableAsTool left out on purpose (n8n has no `false`): not a tool, it writes to the BEM file (claims and archives a letter); a letter goes out only from a workflow HR controls
			credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
			properties: invitationProperties,
		};
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
