import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { todayInBerlin } from '../../../core';
import { evaluateBemInputs, readRouting } from '../../BemThreshold/thresholdMode';
import { forEachRead } from '../../shared/forEachItem';
import { personioParams, readItem } from '../read';
import { personioClient } from '../transport';
import { versionDescription } from './versionDescription';

export class PersonioV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = personioClient(await this.getCredentials('personioApi'), this.helpers);
		const today = todayInBerlin();
		const routing = readRouting(this);
		return forEachRead(
			this,
			'Personio',
			async (itemIndex) => {
				const { records, problems } = await readItem(
					client,
					personioParams(this, itemIndex),
					today,
				);
				const read = { records, problems: problems as unknown as IDataObject[] };
				return routing ? evaluateBemInputs(this, itemIndex, read) : read;
			},
			routing,
		);
	}
}
