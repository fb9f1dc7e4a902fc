import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VERSIONS } from '../../shared/versions';
import { HrisHttpError, sharedTokenCache, todayInBerlin } from '../../../core';
import { PersonioClient } from '../../../core/hris/personio';
import { n8nTransport } from '../../shared/hrisTransport';
import { personioProperties } from './description';
import { ParamError, readItem, type PersonioParams } from '../read';

export class PersonioV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle:
				'={{ $parameter["resource"] === "employee" ? "Get many employees" : $parameter["output"] === "bemInput" ? "BEM input" : "Get many absences" }}',
			defaults: { name: 'Personio' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['Records', 'Problems'],
			// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads employees' sickness absences from the HRIS, which an AI agent must not fetch at will
			credentials: [{ name: 'personioApi', required: true }],
			properties: personioProperties,
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const records: INodeExecutionData[] = [];
		const problems: INodeExecutionData[] = [];
		const credentials = await this.getCredentials('personioApi');
		const client = new PersonioClient({
			baseUrl: String(credentials.baseUrl ?? ''),
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			appId: credentials.appId ? String(credentials.appId) : undefined,
			partnerId: credentials.partnerId ? String(credentials.partnerId) : undefined,
			apiVersion: credentials.apiVersion === 'v1' ? 'v1' : 'v2',
			transport: n8nTransport(this.helpers),
			tokenCache: sharedTokenCache,
		});
		const today = todayInBerlin();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				const params: PersonioParams = {
					resource: this.getNodeParameter('resource', itemIndex) as PersonioParams['resource'],
					output: this.getNodeParameter(
						'output',
						itemIndex,
						'absences',
					) as PersonioParams['output'],
					from: this.getNodeParameter('from', itemIndex, '') as string,
					to: this.getNodeParameter('to', itemIndex, '') as string,
					employeeIds: this.getNodeParameter('employeeIds', itemIndex, '') as string,
					absenceTypes: this.getNodeParameter(
						'absenceTypes',
						itemIndex,
						'sickness',
					) as PersonioParams['absenceTypes'],
					kindRules: this.getNodeParameter(
						'kindRules',
						itemIndex,
						{},
					) as PersonioParams['kindRules'],
					options: this.getNodeParameter('options', itemIndex, {}) as PersonioParams['options'],
				};
				const result = await readItem(client, params, today);
				for (const json of result.records) records.push({ json, pairedItem });
				for (const json of result.problems)
					problems.push({ json: json as unknown as IDataObject, pairedItem });
			} catch (error) {
				const message =
					error instanceof HrisHttpError || error instanceof ParamError
						? error.message
						: `Personio: ${(error as Error).message}`;
				if (!this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), message, {
						itemIndex,
						description:
							error instanceof HrisHttpError
								? 'Nothing was read for this item. Check the credential, its scopes and Personio’s status, then run again.'
								: undefined,
					});
				}
				records.push({ json: { error: message }, pairedItem });
			}
		}
		return [records, problems];
	}
}
