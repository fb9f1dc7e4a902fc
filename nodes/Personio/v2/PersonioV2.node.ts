import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { todayInBerlin } from '../../../core';
import { absenceSourcePrefix } from '../../../core/hris/personio';
import {
	evaluateBemInputs,
	readRouting,
	thresholdSuspects,
} from '../../BemThreshold/thresholdMode';
import {
	auPeriodCacheOf,
	bemStoreMethods,
	getBemStoreOrFail,
	workPatternCacheOf,
} from '../../shared/bemStore';
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
				const store =
					params.resource === 'absence' && params.output !== 'absences' && params.cacheWorkPatterns
						? await getBemStoreOrFail(this)
						: undefined;
				const cache = store && workPatternCacheOf(this, store);
				// the incremental absence mode checks the employees the threshold names: threshold output only
				const absenceCache =
					store && routing && params.incrementalAbsences
						? {
								store: auPeriodCacheOf(this, store),
								suspects: thresholdSuspects(this, itemIndex),
							}
						: undefined;
				// switched off, the mode leaves nothing behind: the tenant's cached AU periods are deleted
				if (store && routing && !params.incrementalAbsences)
					await auPeriodCacheOf(this, store).clearAuPeriods(absenceSourcePrefix(client));
				const { records, problems } = await readItem(client, params, today, cache, absenceCache);
				const read = { records, problems: problems as unknown as IDataObject[] };
				return routing ? evaluateBemInputs(this, itemIndex, read) : read;
			},
			routing,
		);
	}
}
