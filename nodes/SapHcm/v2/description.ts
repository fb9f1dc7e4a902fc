import type { INodeProperties } from 'n8n-workflow';

import { thresholdModeProperties } from '../../BemThreshold/thresholdMode';
import {
	DEFAULT_ABSENCE_FIELDS as A,
	DEFAULT_CONTACT_FIELDS as C,
	DEFAULT_WORK_TIME_FIELDS as W,
} from '../../../core/hris/sap';
import {
	forResource,
	kindRulesProperties,
	LINE_MANAGER_RESOURCE,
	lineManagerIdsProperty,
	outputProperty,
	rangeProperties,
	resourceProperties,
} from '../../shared/sapParams';

const DATE_TYPES = [
	{
		name: 'Date (Edm.DateTime)',
		value: 'dateTime',
		description: 'Dates look like /Date(1736726400000)/ — the SEGW default for DATS fields',
	},
	{ name: 'Text YYYYMMDD (Edm.String)', value: 'dats', description: 'Dates look like "20250113"' },
];

const field = (
	displayName: string,
	name: string,
	value: string,
	description = '',
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: value,
	...(description ? { description } : {}),
});

const absenceOnly = forResource('absence');
const contactOnly = forResource('contact');
const lineManagerOnly = forResource(LINE_MANAGER_RESOURCE.value);
// the line managers are read from the contact entity set, on the same day and through the same mapping
const contactOrLineManager = forResource('contact', LINE_MANAGER_RESOURCE.value);

const absenceProperties: INodeProperties[] = [
	{
		displayName:
			'Reads absences (infotype 2001) and planned working time (infotype 0007) from your Gateway OData service. Only personnel numbers, absence types, dates and day/hour counts leave SAP.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	outputProperty(),
	...rangeProperties(),
	{
		displayName: 'Personnel Numbers',
		name: 'employeeIds',
		type: 'string',
		default: '',
		placeholder: '00001234, 00001235',
		description:
			'PERNRs as the service returns them (with leading zeros), separated by commas. Empty: everyone the SAP user may see.',
	},
	...kindRulesProperties(
		'Absence Type (AWART)',
		'0200',
		'0200 → sick, 0210 → sick without certificate (SAP’s German sample customizing; check your table T554S)',
	),
	{
		displayName: 'Absence Fields (Infotype 2001)',
		name: 'absenceFields',
		type: 'collection',
		placeholder: 'Change Field Name',
		default: {},
		description: 'Names in your service, if they differ from the defaults',
		options: [
			field(
				'Absence Days (ABWTG)',
				'workingDays',
				A.workingDays,
				'Absence days counted on the work schedule',
			),
			field('Absence Hours (STDAZ)', 'hours', A.hours, 'Absence hours'),
			field('Absence Type (AWART)', 'absenceType', A.absenceType),
			field('Calendar Days (KALTG)', 'calendarDays', A.calendarDays),
			{
				displayName: 'Dates Are',
				name: 'dateType',
				type: 'options',
				options: DATE_TYPES,
				default: 'dateTime',
			},
			field('End Date (ENDDA)', 'end', A.end),
			field(
				'Entity Set',
				'entitySet',
				A.entitySet,
				'The entity set with the infotype 2001 records',
			),
			field('Personnel Number (PERNR)', 'employeeId', A.employeeId),
			field(
				'Sequence Number (SEQNR)',
				'sequence',
				A.sequence,
				'Part of the record key; empty if your service has none',
			),
			field('Start Date (BEGDA)', 'start', A.start),
		],
	},
	{
		displayName: 'Working Time Fields (Infotype 0007)',
		name: 'workTimeFields',
		type: 'collection',
		placeholder: 'Change Field Name',
		default: {},
		description: 'Names in your service, if they differ from the defaults',
		options: [
			field('Daily Hours (ARBST)', 'hoursPerDay', W.hoursPerDay),
			{
				displayName: 'Dates Are',
				name: 'dateType',
				type: 'options',
				options: DATE_TYPES,
				default: 'dateTime',
			},
			field('End Date (ENDDA)', 'end', W.end),
			field(
				'Entity Set',
				'entitySet',
				W.entitySet,
				'The entity set with the infotype 0007 records',
			),
			{
				displayName: 'Hire Date Field',
				name: 'hireDate',
				type: 'string',
				default: '',
				placeholder: 'Eintt',
				description:
					'The property of the infotype 0007 entity set that carries the hire (entry) date, e.g. a CDS field over IT0041 date type 01 or EINTT; typed like the other dates here. It becomes employedSince: AU before it (an earlier employment) is not counted. Empty: no hire date is read, and all AU in the window counts.',
			},
			{
				displayName: 'Location Field',
				name: 'location',
				type: 'string',
				default: '',
				placeholder: 'Werks',
				description:
					"The property of the infotype 0007 entity set that carries the employee's work location, e.g. a CDS field over IT0001 WERKS (personnel area). The threshold options' Holiday State by Location turn it into the case's Bundesland. Empty: none is read.",
			},
			field('Personnel Number (PERNR)', 'employeeId', W.employeeId),
			field('Start Date (BEGDA)', 'start', W.start),
			field('Weekly Hours (WOSTD)', 'hoursPerWeek', W.hoursPerWeek),
			field(
				'Weekly Workdays (WKWDY)',
				'daysPerWeek',
				W.daysPerWeek,
				'Working days per week — the basis of the 6 × working days rule',
			),
		],
	},
];

const contactProperties: INodeProperties[] = [
	{
		displayName:
			'Reads names, e-mail and postal address (infotypes 0002, 0105, 0006) from the contact entity set of your Gateway service — nothing else.',
		name: 'contactNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Personnel Numbers',
		name: 'personnelNumbers',
		type: 'string',
		default: '',
		placeholder: '00001234, 00001235',
		description:
			'PERNRs as the service returns them (with leading zeros), separated by commas. Empty: everyone the SAP user may see. A number the service does not return goes to the Problems output.',
	},
	{
		displayName: 'Valid On',
		displayOptions: contactOrLineManager,
		name: 'validOn',
		type: 'string',
		default: '',
		placeholder: '2026-11-22',
		description:
			'The day the contact record must be valid on (YYYY-MM-DD). Empty: today in Germany.',
	},
	{
		displayName: 'Contact Fields',
		displayOptions: contactOrLineManager,
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Change Field Name',
		default: {},
		description: 'Names in your service, if they differ from the defaults',
		options: [
			field('City (ORT01, IT0006)', 'city', C.city),
			field('E-Mail (USRID_LONG, IT0105 Subtype 0010)', 'email', C.email),
			field('End Date (ENDDA)', 'end', C.end),
			field('Entity Set', 'entitySet', C.entitySet, 'The entity set with the contact records'),
			field('First Name (VORNA, IT0002)', 'firstName', C.firstName),
			field('Last Name (NACHN, IT0002)', 'lastName', C.lastName),
			{
				displayName: 'Line Manager Personnel Number Field',
				name: 'lineManagerId',
				type: 'string',
				default: '',
				placeholder: 'MgrPernr',
				description:
					"The property of the contact entity set that carries the employee's line manager's personnel number (PERNR), e.g. a CDS field over the chief of the employee's organizational unit. The manager's e-mail address comes from the manager's own contact record. Empty: none is read, and the Line Manager resource cannot run.",
			},
			field('Personnel Number (PERNR)', 'employeeId', C.employeeId),
			field('Start Date (BEGDA)', 'start', C.start),
			field('Street (STRAS, IT0006)', 'street', C.street, 'Street and house number'),
			field('Zip Code (PSTLZ, IT0006)', 'zipCode', C.zipCode),
		],
	},
];

export const sapHcmProperties: INodeProperties[] = [
	...resourceProperties(
		'AU absences (IT2001) and weekly workdays (IT0007), as BEM input or one item per absence',
		{
			name: 'Contact',
			value: 'contact',
			plural: 'contacts',
			description:
				'Name, e-mail and postal address — the contact details a BEM invitation letter needs',
		},
		LINE_MANAGER_RESOURCE,
	),
	...absenceProperties.map((p) => ({ ...p, displayOptions: absenceOnly })),
	...thresholdModeProperties(absenceOnly),
	{
		displayName:
			"Reads only personnel numbers, validity and the mapped line manager field from the contact entity set, then the managers' e-mail addresses. No names.",
		name: 'lineManagerNotice',
		type: 'notice',
		displayOptions: lineManagerOnly,
		default: '',
	},
	lineManagerIdsProperty(
		'Personnel Numbers',
		'00001234, 00001235',
		'PERNRs as the service returns them (with leading zeros)',
	),
	...contactProperties.map((p) => ({ displayOptions: contactOnly, ...p })),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Filter on the Server',
				name: 'serverFilter',
				type: 'boolean',
				default: true,
				description:
					'Whether to let SAP select by dates, absence types and personnel numbers ($filter). Turn off if your service does not support filtering; the node then reads everything and selects itself.',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 500,
				description: 'Records per request ($top) when the service does not page by itself',
			},
		],
	},
];
