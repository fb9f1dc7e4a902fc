import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { todayInBerlin } from '../../../core';
import {
	readEmployeeTimes,
	readSfBemInputs,
	readSfUsers,
	SF_DEFAULT_KIND_RULES,
	sfClient,
	sfLineManagerSource,
	sfSourceKey,
	type KindRule,
} from '../../../core/hris/sap';
import { rangeOf } from '../../shared/dates';
import { evaluateBemInputs, readRouting } from '../../BemThreshold/thresholdMode';
import { bemStoreMethods, getBemStoreOrFail, workPatternCacheOf } from '../../shared/bemStore';
import { forEachRead } from '../../shared/forEachItem';
import { n8nTransport } from '../../shared/hrisTransport';
import {
	absenceJson,
	bemInputJson,
	idsOf,
	kindMappingOf,
	lineManagerItems,
} from '../../shared/sapParams';
import { sapSuccessFactorsApiTest, sfConnectionOf } from '../transport';
import { versionDescription } from './versionDescription';

export class SapSuccessFactorsV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	methods = {
		credentialTest: { sapSuccessFactorsApiTest, ...bemStoreMethods.credentialTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('sapSuccessFactorsApi');
		const today = todayInBerlin();
		const routing = readRouting(this);
		return forEachRead(
			this,
			'SAP SuccessFactors',
			async (itemIndex) => {
				const param = <T>(name: string, fallback: T) =>
					this.getNodeParameter(name, itemIndex, fallback) as T;
				const connection = sfConnectionOf(credentials, n8nTransport(this.helpers));
				const client = sfClient(connection);
				const resource = param<string>('resource', 'absence');
				if (resource === 'lineManager')
					return lineManagerItems(
						sfLineManagerSource(client),
						String(param('employeeIds', '') ?? ''),
						'User IDs',
					);
				if (resource === 'user') {
					const read = await readSfUsers(
						client,
						idsOf(String(param('userIds', '') ?? ''), 'User IDs'),
					);
					return {
						records: read.users.map((u) => ({ ...u })),
						problems: read.problems.map((p) => ({ ...p })),
					};
				}
				const query = {
					range: rangeOf(param('from', ''), param('to', ''), today),
					employeeIds: idsOf(param('employeeIds', ''), 'User IDs'),
					approvalStatuses: param('approvalStatuses', ['APPROVED']),
					kinds: kindMappingOf(
						param<{ rule?: KindRule[] }>('kindRules', {}),
						param('useDefaultRules', true),
						SF_DEFAULT_KIND_RULES,
					),
				};
				if (param<string>('output', 'bemInput') === 'absences') {
					const read = await readEmployeeTimes(client, query);
					return {
						records: read.absences.map(absenceJson),
						problems: read.problems.map((p) => ({ ...p })),
					};
				}
				// both BEM outputs need the work patterns the cache keeps
				const cache = param('cacheWorkPatterns', false)
					? {
							store: workPatternCacheOf(this, await getBemStoreOrFail(this)),
							source: sfSourceKey(connection),
						}
					: undefined;
				const read = await readSfBemInputs(client, { ...query, workPatternCache: cache });
				const inputs = {
					records: read.inputs.map(bemInputJson),
					problems: read.problems.map((p) => ({ ...p })),
				};
				return routing ? evaluateBemInputs(this, itemIndex, inputs) : inputs;
			},
			routing,
		);
	}
}
