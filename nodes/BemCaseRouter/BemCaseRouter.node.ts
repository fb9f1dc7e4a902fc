import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ROUTES, routeCase } from '../../core/lifecycle/route';
import { bemStoreMethods, getBemStoreOrFail } from '../shared/bemStore';
import { accessOf, businessDay, caseJson, getCaseOrFail, textOf } from '../shared/bemCaseParams';
import { forEachItem } from '../shared/forEachItem';
import { bemCaseRouterProperties, ROUTE_NAMES } from './description';

const ERROR_OUTPUT = ROUTES.indexOf('awaitingReply');

export class BemCaseRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BEM Case Router',
		name: 'bemCaseRouter',
		icon: { light: 'file:bemCaseRouter.svg', dark: 'file:bemCaseRouter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "for " + ($parameter["on"] || "today") }}',
		description:
			'Routes items by where their BEM case stands: to invite, awaiting reply, deadlines passed, accepted, declined, in progress, review due, closed',
		documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-case-router',
		defaults: { name: 'BEM Case Router' },
		inputs: [NodeConnectionTypes.Main],
		outputs: ROUTES.map(() => NodeConnectionTypes.Main),
		outputNames: ROUTES.map((r) => ROUTE_NAMES[r]),
		usableAsTool: true,
		// the agreed credential name of the package (one credential for all BEM nodes); it is no HTTP API
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
		credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
		properties: bemCaseRouterProperties,
	};

	methods = bemStoreMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const handle = await getBemStoreOrFail(this);
		const routeItem = async (itemIndex: number, item: INodeExecutionData) => {
			const caseId = textOf(this, itemIndex, 'caseId');
			const on = businessDay(this, itemIndex);
			const c = await getCaseOrFail(handle, caseId, accessOf(this, itemIndex));
			const route = routeCase(c, on);
			return {
				output: ROUTES.indexOf(route),
				items: [{ json: { ...item.json, ...caseJson(c), route }, pairedItem: { item: itemIndex } }],
			};
		};
		return forEachItem(this, this.getInputData(), routeItem, {
			node: 'BEM Case Router',
			outputs: ROUTES.length,
			errorOutput: ERROR_OUTPUT,
		});
	}
}
