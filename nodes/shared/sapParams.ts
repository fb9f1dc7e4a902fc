// Parameters and output shared by the SAP SuccessFactors and SAP HCM nodes: the date range's properties,
// the mapping of SAP codes to contract kinds, ids and field names, and turning core results into items.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { thresholdResultsChoice } from '../BemThreshold/thresholdMode';
import {
	badFieldName,
	IGNORE,
	KindMapping,
	toAbsenceRecord,
	type AbsenceFields,
	type ContactFields,
	type KindRule,
	type SapAbsence,
	type SapBemInput,
	type WorkTimeFields,
} from '../../core/hris/sap';
import {
	readLineManagers,
	type LineManager,
	type LineManagerSource,
} from '../../core/hris/lineManagers';
import { splitList } from './fields';
import { BemParamError } from './paramError';

const KIND_OPTIONS = [
	{ name: 'Accident (Work or Commute)', value: 'accident' },
	{ name: 'Graduated Return (Stufenweise Wiedereingliederung)', value: 'graduated_return' },
	{ name: 'Hospital', value: 'hospital' },
	{ name: 'Medical Rehab (Reha)', value: 'rehab' },
	{ name: 'Not AU (Leave Out)', value: IGNORE },
	{ name: 'Sick (AU)', value: 'sick' },
	{ name: 'Sick Without Certificate', value: 'sick_uncertified' },
];

export function outputProperty(): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'BEM Input (One Item per Employee)',
				value: 'bemInput',
				description:
					'Work pattern and AU absences in the shape the BEM Threshold node reads — connect it directly',
			},
			{
				name: 'One Item per Absence',
				value: 'absences',
				description: 'The AU absence records with SAP’s IDs, to check the mapping',
			},
			thresholdResultsChoice,
		],
		default: 'bemInput',
	};
}

/** One resource besides Absence, with its one Get Many operation. */
export interface ResourceChoice {
	name: string;
	value: string;
	plural: string;
	description: string;
}

/** Each employee's line manager (core/hris/lineManagers.ts), on both SAP nodes alike. */
export const LINE_MANAGER_RESOURCE: ResourceChoice = {
	name: 'Line Manager',
	value: 'lineManager',
	plural: 'line managers',
	description:
		"Each employee's line manager: IDs and e-mail address only, for the approaching notice where the works agreement provides for it",
};

/**
 * Resource (Absence, the contact details a letter needs, line managers) with one Get Many operation
 * each; the other properties are shown for one resource only (`forResource`). Default Absence keeps
 * workflows built before the other resources working.
 */
export function resourceProperties(
	absence: string,
	...others: ResourceChoice[]
): INodeProperties[] {
	const getMany = (resource: string, what: string, description: string): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: forResource(resource),
		options: [{ name: 'Get Many', value: 'getAll', action: `Get many ${what}`, description }],
		default: 'getAll',
	});
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Absence', value: 'absence' },
				...others.map((r) => ({ name: r.name, value: r.value })),
			].sort((a, b) => a.name.localeCompare(b.name)),
			default: 'absence',
		},
		getMany('absence', 'absences', absence),
		...others.map((r) => getMany(r.value, r.plural, r.description)),
	];
}

export function forResource(
	...resources: string[]
): NonNullable<INodeProperties['displayOptions']> {
	return { show: { resource: resources } };
}

/** The Line Manager resource's ids: required, as there is no "everyone" here. */
export function lineManagerIdsProperty(
	displayName: string,
	placeholder: string,
	what: string,
): INodeProperties {
	return {
		displayName,
		name: 'employeeIds',
		type: 'string',
		required: true,
		displayOptions: forResource(LINE_MANAGER_RESOURCE.value),
		default: '',
		placeholder,
		description: `${what} of the employees whose line managers to read, separated by commas. An employee the HRIS does not return, one without a line manager and a manager without an e-mail address go to the Problems output.`,
	};
}

/** The Line Manager resource's items: one per employee with a manager and address, the rest as problems. */
export async function lineManagerItems<S extends string>(
	source: LineManagerSource<S>,
	idsText: string,
	label: string,
): Promise<{ records: IDataObject[]; problems: IDataObject[] }> {
	const ids = idsOf(idsText, label);
	if (ids.length === 0) throw new BemParamError(`${label}: at least one ID is required`);
	const read = await readLineManagers(source, ids);
	return {
		records: read.lineManagers.map(lineManagerJson),
		problems: read.problems.map((p) => ({ ...p })),
	};
}

export function rangeProperties(): INodeProperties[] {
	return [
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '',
			placeholder: '2025-11-23',
			description:
				'First day (YYYY-MM-DD). Empty: twelve months back from To, the BEM look-back window.',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: '2026-11-22',
			description: 'Last day (YYYY-MM-DD). Empty: today in Germany.',
		},
	];
}

export function kindRulesProperties(
	codeLabel: string,
	placeholder: string,
	defaultsText: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Use Default Codes',
			name: 'useDefaultRules',
			type: 'boolean',
			default: true,
			description: `Whether to apply the default mapping after your rules: ${defaultsText}`,
		},
		{
			displayName: `${codeLabel} Mapping`,
			name: 'kindRules',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Rule',
			description: `Which of your ${codeLabel} codes are incapacity for work (AU), and of which kind. First matching rule wins; * matches anything. Codes no rule matches are not read.`,
			options: [
				{
					displayName: 'Rule',
					name: 'rule',
					values: [
						{
							displayName: 'Code',
							name: 'code',
							type: 'string',
							default: '',
							placeholder,
							description: `The ${codeLabel} code as in SAP (not case-sensitive, * as wildcard)`,
						},
						{
							displayName: 'Counts As',
							name: 'kind',
							type: 'options',
							options: KIND_OPTIONS,
							default: 'sick',
						},
					],
				},
			],
		},
	];
}

export function kindMappingOf(
	rules: { rule?: KindRule[] } | undefined,
	useDefaults: boolean,
	defaults: KindRule[],
): KindMapping {
	const own = (rules?.rule ?? []).filter((r) => typeof r.code === 'string' && r.code.trim() !== '');
	const all = useDefaults ? [...own, ...defaults] : own;
	if (all.length === 0)
		throw new BemParamError(
			'No code counts as AU: add a rule to the mapping or turn on the default codes',
		);
	return new KindMapping(all);
}

/** "1001, 1002" → ids; only characters SAP ids have (they go into $filter). */
export function idsOf(text: string, label: string): string[] {
	const ids = splitList(text);
	const bad = ids.findIndex((id) => !/^[\w.@-]+$/.test(id));
	if (bad >= 0)
		throw new BemParamError(
			`${label}: entry ${bad + 1} is not an ID (letters, digits and . @ _ - only)`,
		);
	return ids;
}

/** A line manager item: exactly the employee's id, the manager's id and address. */
function lineManagerJson(m: LineManager): IDataObject {
	return {
		employeeId: m.employeeId,
		lineManagerId: m.lineManagerId,
		lineManagerEmail: m.lineManagerEmail,
	};
}

export function absenceJson(a: SapAbsence): IDataObject {
	const json: IDataObject = {
		...toAbsenceRecord(a),
		employeeId: a.employeeId,
		typeCode: a.typeCode,
		workingDays: a.workingDays,
		calendarDays: a.calendarDays,
		approvalStatus: a.approvalStatus,
		source: a.source,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}

export function bemInputJson(input: SapBemInput): IDataObject {
	return input as unknown as IDataObject;
}

/** Field names from the collection (empty entries keep the default), checked before they go into $filter. */
export function fieldsOf<T extends AbsenceFields | WorkTimeFields | ContactFields>(
	defaults: T,
	given: Partial<T>,
	label: string,
): T {
	const fields = { ...defaults };
	for (const [key, value] of Object.entries(given))
		if (typeof value === 'string' && (value.trim() !== '' || key === 'sequence'))
			(fields as unknown as Record<string, string>)[key] = value.trim();
	const bad = badFieldName(fields);
	if (bad)
		throw new BemParamError(
			`${label}: the name given for ${bad.field} is not an OData property name`,
		);
	return fields;
}

/** SAP HCM: the service decides where the manager sits, so unmapped there is nothing to read. */
export function requireLineManagerField(fields: ContactFields): void {
	if (!fields.lineManagerId)
		throw new BemParamError(
			'Map the Line Manager Personnel Number Field under Contact Fields: the property of the contact entity set that carries the line manager’s personnel number',
			'contactFields.lineManagerId',
		);
}
