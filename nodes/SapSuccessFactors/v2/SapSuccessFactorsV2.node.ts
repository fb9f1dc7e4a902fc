import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VERSIONS } from '../../shared/versions';
import {
	fetchTransport,
	HrisHttpError,
	sharedTokenCache,
	todayInBerlin,
	type HttpTransport,
} from '../../../core';
import {
	mintSfToken,
	readEmployeeTimes,
	readSfBemInputs,
	readSfUsers,
	SapCredentialError,
	SF_DEFAULT_KIND_RULES,
	sfClient,
	type SfAuthConfig,
	type SfConnection,
} from '../../../core/hris/sap';
import { n8nTransport } from '../../shared/hrisTransport';
import {
	absenceJson,
	bemInputJson,
	idsOf,
	kindMappingOf,
	rangeOf,
	SapParamError,
} from '../../shared/sapParams';
import { sapSuccessFactorsProperties } from './description';

export function sfConnectionOf(credentials: IDataObject, transport: HttpTransport): SfConnection {
	const auth: SfAuthConfig =
		credentials.authentication === 'basicLegacy'
			? {
					type: 'basicLegacy',
					username: String(credentials.username ?? ''),
					password: String(credentials.password ?? ''),
				}
			: {
					type: 'samlBearer',
					clientId: String(credentials.clientId ?? ''),
					userId: String(credentials.userId ?? ''),
					privateKey: String(credentials.privateKey ?? ''),
					certificate: String(credentials.certificate ?? ''),
				};
	return {
		apiServer: String(credentials.apiServer ?? ''),
		companyId: String(credentials.companyId ?? ''),
		auth,
		transport,
		tokenCache: sharedTokenCache,
	};
}

export class SapSuccessFactorsV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle:
				'={{ $parameter["resource"] === "user" ? "Users (contact details)" : $parameter["output"] === "absences" ? "AU absences" : "BEM input" }}',
			defaults: { name: 'SAP SuccessFactors' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['Records', 'Problems'],
			// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads employees' sickness absences and contact details from the HRIS, which an AI agent must not fetch at will
			credentials: [
				{ name: 'sapSuccessFactorsApi', required: true, testedBy: 'sapSuccessFactorsApiTest' },
			],
			properties: sapSuccessFactorsProperties,
		};
	}

	methods = {
		credentialTest: {
			// Signs an assertion, gets a token, reads one Employee Time record: proves key, client, user and permission.
			// Credential tests get no httpRequest helper, so the core's fetch transport is used here.
			async sapSuccessFactorsApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					const conn = {
						...sfConnectionOf(credential.data ?? {}, fetchTransport),
						retry: { maxTotalMs: 20_000, maxAttempts: 3 },
					};
					if (conn.auth.type === 'samlBearer') await mintSfToken(conn);
					const client = sfClient({ ...conn, tokenCache: undefined });
					await client.get('EmployeeTime?$top=1&$select=externalCode');
					return { status: 'OK', message: 'Connection successful' };
				} catch (error) {
					const message =
						error instanceof HrisHttpError || error instanceof SapCredentialError
							? error.message
							: 'The connection failed';
					return { status: 'Error', message };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const records: INodeExecutionData[] = [];
		const problems: INodeExecutionData[] = [];
		const credentials = await this.getCredentials('sapSuccessFactorsApi');
		const today = todayInBerlin();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				const client = sfClient(sfConnectionOf(credentials, n8nTransport(this.helpers)));
				if (this.getNodeParameter('resource', itemIndex, 'absence') === 'user') {
					const read = await readSfUsers(
						client,
						idsOf(String(this.getNodeParameter('userIds', itemIndex, '') ?? ''), 'User IDs'),
					);
					for (const user of read.users) records.push({ json: { ...user }, pairedItem });
					for (const p of read.problems) problems.push({ json: { ...p }, pairedItem });
					continue;
				}
				const output = this.getNodeParameter('output', itemIndex, 'bemInput') as string;
				const query = {
					range: rangeOf(
						this.getNodeParameter('from', itemIndex, '') as string,
						this.getNodeParameter('to', itemIndex, '') as string,
						today,
					),
					employeeIds: idsOf(
						this.getNodeParameter('employeeIds', itemIndex, '') as string,
						'User IDs',
					),
					approvalStatuses: this.getNodeParameter('approvalStatuses', itemIndex, [
						'APPROVED',
					]) as string[],
					kinds: kindMappingOf(
						this.getNodeParameter('kindRules', itemIndex, {}) as {
							rule?: Array<{ code: string; kind: string }>;
						},
						this.getNodeParameter('useDefaultRules', itemIndex, true) as boolean,
						SF_DEFAULT_KIND_RULES,
					),
				};
				if (output === 'absences') {
					const read = await readEmployeeTimes(client, query);
					for (const a of read.absences) records.push({ json: absenceJson(a), pairedItem });
					for (const p of read.problems) problems.push({ json: { ...p }, pairedItem });
				} else {
					const read = await readSfBemInputs(client, query);
					for (const input of read.inputs) records.push({ json: bemInputJson(input), pairedItem });
					for (const p of read.problems) problems.push({ json: { ...p }, pairedItem });
				}
			} catch (error) {
				const known =
					error instanceof HrisHttpError ||
					error instanceof SapParamError ||
					error instanceof SapCredentialError;
				const message = known ? error.message : `SAP SuccessFactors: ${(error as Error).message}`;
				if (!this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), message, {
						itemIndex,
						description:
							error instanceof HrisHttpError
								? 'Nothing was read for this item. Check the credential, the API user’s permissions and SuccessFactors’ status, then run again.'
								: undefined,
					});
				}
				records.push({ json: { error: message }, pairedItem });
			}
		}
		return [records, problems];
	}
}
