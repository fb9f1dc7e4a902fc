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
import { bemStoreMethods, getBemStoreOrFail, workPatternCacheOf } from '../../shared/bemStore';
import { forEachRead } from '../../shared/forEachItem';
import { personioParams, readItem } from '../read';
import { personioClient } from '../transport';
import { versionDescription } from './versionDescription';

export class PersonioV2 implements INodeType {
	description: INodeTypeDescription;
	methods = bemStoreMethods;

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
				const params = personioParams(this, itemIndex);
				// both BEM outputs need the work patterns the cache keeps
				const cache =
					params.resource === 'absence' && params.output !== 'absences' && params.cacheWorkPatterns
						? workPatternCacheOf(this, await getBemStoreOrFail(this))
						: undefined;
				const { records, problems } = await readItem(client, params, today, cache);
				const read = { records, problems: problems as unknown as IDataObject[] };
				return routing ? evaluateBemInputs(this, itemIndex, read) : read;
			},
			routing,
		);
	}
}
