import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { todayInBerlin } from '../../../core';
import {
	DEFAULT_ABSENCE_FIELDS,
	DEFAULT_CONTACT_FIELDS,
	DEFAULT_WORK_TIME_FIELDS,
	HCM_DEFAULT_KIND_RULES,
	hcmClient,
	hcmLineManagerSource,
	readHcmBemInputs,
	readHcmContacts,
	readIt2001,
	type AbsenceFields,
	type ContactFields,
	type HcmQuery,
	type KindRule,
	type WorkTimeFields,
} from '../../../core/hris/sap';
import { dayOf, rangeOf } from '../../shared/dates';
import { evaluateBemInputs, readRouting } from '../../BemThreshold/thresholdMode';
import { forEachRead } from '../../shared/forEachItem';
import {
	absenceJson,
	bemInputJson,
	fieldsOf,
	idsOf,
	kindMappingOf,
	lineManagerItems,
	requireLineManagerField,
} from '../../shared/sapParams';
import { connectionOf } from '../transport';
import { versionDescription } from './versionDescription';

export class SapHcmV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('sapHcmGatewayApi');
		const today = todayInBerlin();
		const routing = readRouting(this);
		return forEachRead(
			this,
			'SAP HCM',
			async (itemIndex) => {
				const param = <T>(name: string, fallback: T) =>
					this.getNodeParameter(name, itemIndex, fallback) as T;
				const client = hcmClient(connectionOf(credentials, this.helpers));
				const options = param<{ serverFilter?: boolean; pageSize?: number }>('options', {});
				const paging = {
					serverFilter: options.serverFilter ?? true,
					pageSize: options.pageSize ?? 500,
				};
				const resource = param<string>('resource', 'absence');
				if (resource === 'contact' || resource === 'lineManager') {
					const contactQuery = {
						on: dayOf(param('validOn', ''), 'validOn', today, 'Valid On'),
						fields: fieldsOf(
							DEFAULT_CONTACT_FIELDS,
							param<Partial<ContactFields>>('contactFields', {}),
							'Contact Fields',
						),
						...paging,
					};
					if (resource === 'lineManager') {
						requireLineManagerField(contactQuery.fields);
						return lineManagerItems(
							hcmLineManagerSource(client, contactQuery),
							String(param('employeeIds', '') ?? ''),
							'Personnel Numbers',
						);
					}
					const read = await readHcmContacts(client, {
						...contactQuery,
						employeeIds: idsOf(String(param('personnelNumbers', '') ?? ''), 'Personnel Numbers'),
					});
					return {
						records: read.contacts.map((c) => ({ ...c })),
						problems: read.problems.map((p) => ({ ...p })),
					};
				}
				const query: HcmQuery = {
					range: rangeOf(param('from', ''), param('to', ''), today),
					employeeIds: idsOf(param('employeeIds', ''), 'Personnel Numbers'),
					kinds: kindMappingOf(
						param<{ rule?: KindRule[] }>('kindRules', {}),
						param('useDefaultRules', true),
						HCM_DEFAULT_KIND_RULES,
					),
					absenceFields: fieldsOf(
						DEFAULT_ABSENCE_FIELDS,
						param<Partial<AbsenceFields>>('absenceFields', {}),
						'Absence Fields',
					),
					workTimeFields: fieldsOf(
						DEFAULT_WORK_TIME_FIELDS,
						param<Partial<WorkTimeFields>>('workTimeFields', {}),
						'Working Time Fields',
					),
					...paging,
				};
				if (param<string>('output', 'bemInput') === 'absences') {
					const read = await readIt2001(client, query);
					return {
						records: read.absences.map(absenceJson),
						problems: read.problems.map((p) => ({ ...p })),
					};
				}
				const read = await readHcmBemInputs(client, query);
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
