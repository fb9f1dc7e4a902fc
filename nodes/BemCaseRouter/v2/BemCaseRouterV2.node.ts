import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ROUTES, routeCase } from '../../../core/lifecycle/route';
import { bemStoreMethods, getBemStoreOrFail } from '../../shared/bemStore';
import { accessOf, businessDay, caseJson, getCaseOrFail, textOf } from '../../shared/bemCaseParams';
import { forEachItem } from '../../shared/forEachItem';
import { versionDescription } from './versionDescription';

const ERROR_OUTPUT = ROUTES.indexOf('awaitingReply');

export class BemCaseRouterV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	methods = bemStoreMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const handle = await getBemStoreOrFail(this);
		const routeItem = async (itemIndex: number, item: INodeExecutionData) => {
			const caseId = textOf(this, itemIndex, 'caseId');
			const on = businessDay(this, itemIndex);
			const c = await getCaseOrFail(handle, caseId, accessOf(this, itemIndex, handle));
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
