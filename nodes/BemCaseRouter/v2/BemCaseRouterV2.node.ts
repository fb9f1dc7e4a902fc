import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VERSIONS } from '../../shared/versions';
import { ROUTES, routeCase } from '../../../core/lifecycle/route';
import { bemStoreMethods, getBemStoreOrFail } from '../../shared/bemStore';
import { accessOf, businessDay, caseJson, getCaseOrFail, textOf } from '../../shared/bemCaseParams';
import { forEachItem } from '../../shared/forEachItem';
import { bemCaseRouterProperties, ROUTE_NAMES } from './description';

const ERROR_OUTPUT = ROUTES.indexOf('awaitingReply');

export class BemCaseRouterV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle: '={{ "for " + ($parameter["on"] || "today") }}',
			defaults: { name: 'BEM Case Router' },
			inputs: [NodeConnectionTypes.Main],
			outputs: ROUTES.map(() => NodeConnectionTypes.Main),
			outputNames: ROUTES.map((r) => ROUTE_NAMES[r]),
			// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads the audited BEM file (each read is logged with its purpose)
			credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
			properties: bemCaseRouterProperties,
		};
	}

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
