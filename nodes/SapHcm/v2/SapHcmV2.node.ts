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
import { HrisHttpError, todayInBerlin } from '../../../core';
import {
	DEFAULT_ABSENCE_FIELDS,
	DEFAULT_CONTACT_FIELDS,
	DEFAULT_WORK_TIME_FIELDS,
	HCM_DEFAULT_KIND_RULES,
	hcmClient,
	readHcmBemInputs,
	readHcmContacts,
	readIt2001,
	type AbsenceFields,
	type ContactFields,
	type HcmConnection,
	type HcmQuery,
	type WorkTimeFields,
} from '../../../core/hris/sap';
import { n8nTransport } from '../../shared/hrisTransport';
import {
	absenceJson,
	bemInputJson,
	dayOf,
	fieldsOf,
	idsOf,
	kindMappingOf,
	rangeOf,
	SapParamError,
} from '../../shared/sapParams';
import { sapHcmProperties } from './description';

function connectionOf(
	credentials: IDataObject,
	helpers: IExecuteFunctions['helpers'],
): HcmConnection {
	const ca = String(credentials.caCertificate ?? '').trim();
	const transport = n8nTransport(helpers, {
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		...(ca !== '' ? { agentOptions: { ca } } : {}),
	});
	return {
		serviceUrl: String(credentials.serviceUrl ?? ''),
		sapClient: String(credentials.sapClient ?? ''),
		auth:
			credentials.authentication === 'bearer'
				? { type: 'bearer', token: String(credentials.token ?? '') }
				: {
						type: 'basic',
						username: String(credentials.username ?? ''),
						password: String(credentials.password ?? ''),
					},
		transport,
	};
}

export class SapHcmV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle:
				'={{ $parameter["resource"] === "contact" ? "Contacts" : $parameter["output"] === "absences" ? "AU absences" : "BEM input" }}',
			defaults: { name: 'SAP HCM' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['Records', 'Problems'],
			// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads employees' sickness absences and contact details from the HRIS, which an AI agent must not fetch at will
			credentials: [{ name: 'sapHcmGatewayApi', required: true }],
			properties: sapHcmProperties,
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const records: INodeExecutionData[] = [];
		const problems: INodeExecutionData[] = [];
		const credentials = await this.getCredentials('sapHcmGatewayApi');
		const today = todayInBerlin();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				const client = hcmClient(connectionOf(credentials, this.helpers));
				const options = this.getNodeParameter('options', itemIndex, {}) as {
					serverFilter?: boolean;
					pageSize?: number;
				};
				if (this.getNodeParameter('resource', itemIndex, 'absence') === 'contact') {
					const validOn = String(this.getNodeParameter('validOn', itemIndex, '') ?? '');
					const read = await readHcmContacts(client, {
						employeeIds: idsOf(
							String(this.getNodeParameter('personnelNumbers', itemIndex, '') ?? ''),
							'Personnel Numbers',
						),
						on: dayOf(validOn, 'Valid On', today),
						fields: fieldsOf(
							DEFAULT_CONTACT_FIELDS,
							this.getNodeParameter('contactFields', itemIndex, {}) as Partial<ContactFields>,
							'Contact Fields',
						),
						serverFilter: options.serverFilter ?? true,
						pageSize: options.pageSize ?? 500,
					});
					for (const contact of read.contacts) records.push({ json: { ...contact }, pairedItem });
					for (const p of read.problems) problems.push({ json: { ...p }, pairedItem });
					continue;
				}
				const output = this.getNodeParameter('output', itemIndex, 'bemInput') as string;
				const query: HcmQuery = {
					range: rangeOf(
						this.getNodeParameter('from', itemIndex, '') as string,
						this.getNodeParameter('to', itemIndex, '') as string,
						today,
					),
					employeeIds: idsOf(
						this.getNodeParameter('employeeIds', itemIndex, '') as string,
						'Personnel Numbers',
					),
					kinds: kindMappingOf(
						this.getNodeParameter('kindRules', itemIndex, {}) as {
							rule?: Array<{ code: string; kind: string }>;
						},
						this.getNodeParameter('useDefaultRules', itemIndex, true) as boolean,
						HCM_DEFAULT_KIND_RULES,
					),
					absenceFields: fieldsOf(
						DEFAULT_ABSENCE_FIELDS,
						this.getNodeParameter('absenceFields', itemIndex, {}) as Partial<AbsenceFields>,
						'Absence Fields',
					),
					workTimeFields: fieldsOf(
						DEFAULT_WORK_TIME_FIELDS,
						this.getNodeParameter('workTimeFields', itemIndex, {}) as Partial<WorkTimeFields>,
						'Working Time Fields',
					),
					serverFilter: options.serverFilter ?? true,
					pageSize: options.pageSize ?? 500,
				};
				if (output === 'absences') {
					const read = await readIt2001(client, query);
					for (const a of read.absences) records.push({ json: absenceJson(a), pairedItem });
					for (const p of read.problems) problems.push({ json: { ...p }, pairedItem });
				} else {
					const read = await readHcmBemInputs(client, query);
					for (const input of read.inputs) records.push({ json: bemInputJson(input), pairedItem });
					for (const p of read.problems) problems.push({ json: { ...p }, pairedItem });
				}
			} catch (error) {
				const known = error instanceof HrisHttpError || error instanceof SapParamError;
				const message = known ? error.message : `SAP HCM: ${(error as Error).message}`;
				if (!this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), message, {
						itemIndex,
						description:
							error instanceof HrisHttpError
								? 'Nothing was read for this item. Check the service URL, SAP client, user authorizations and field mapping, then run again.'
								: undefined,
					});
				}
				records.push({ json: { error: message }, pairedItem });
			}
		}
		return [records, problems];
	}
}
