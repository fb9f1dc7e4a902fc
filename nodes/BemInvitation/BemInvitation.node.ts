import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { bemStoreMethods } from '../shared/bemStore';
import { forEachItem } from '../shared/forEachItem';
import { invitationProperties } from './description';
import { invite } from './invite';

export class BemInvitation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BEM Invitation',
		name: 'bemInvitation',
		icon: { light: 'file:bemInvitation.svg', dark: 'file:bemInvitation.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["letter"] === "second" ? "Second invitation" : "First invitation" }}',
		description:
			'Claims, renders (text, HTML, PDF) and archives a BEM invitation letter with its reply deadline and signed reply link (§167 Abs. 2 SGB IX)',
		documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-invitation',
		defaults: { name: 'BEM Invitation' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// spelled out here (not BEM_STORE_CREDENTIALS) so the community lint sees the credential is tested;
		// `bemStore` is the package's one store credential, not an HTTP API
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
		credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
		properties: invitationProperties,
	};

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
