import { HOLIDAY_STATE_OPTIONS } from '../holidayState';
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_COUNTED_KINDS, GERMAN_STATES } from '../../../core';
import { LAST_CLOSURES_FIELD } from '../../shared/lastClosures';

const KIND_LABELS: Record<string, string> = {
	sick: 'Sick (AU with Certificate)',
	sick_uncertified: 'Sick Without Certificate (Reported)',
	hospital: 'Hospital Stay',
	rehab: 'Medical Rehabilitation (Reha)',
	accident: 'Work or Commuting Accident',
	graduated_return: 'Graduated Return (Stufenweise Wiedereingliederung)',
};

/** The §167 counting rules and the reference date: the options of every threshold evaluation (this
 * node, and the HRIS nodes' BEM Threshold Results output). */
export const THRESHOLD_RULE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Bridge Gaps Between Certificates',
		name: 'bridgeGaps',
		type: 'options',
		default: 'none',
		description:
			'Whether a gap made only of non-working days (certificate ends Friday, next starts Monday) joins the two AU periods into one run',
		options: [
			{ name: 'Never', value: 'none' },
			{ name: 'Before Follow-Up Certificates', value: 'followUp' },
			{ name: 'Always', value: 'all' },
		],
	},
	{
		displayName: 'Comparison',
		name: 'comparison',
		type: 'options',
		default: 'reaches',
		options: [
			{
				name: 'Reaches (≥ 42 Days / 6 × Working Days)',
				value: 'reaches',
				description:
					'Offer on the day the limit is reached, as the practice guides do (a day early is harmless)',
			},
			{
				name: 'Exceeds (> 42 Days / 6 × Working Days)',
				value: 'exceeds',
				description: 'The statute\'s literal "more than six weeks"',
			},
		],
	},
	{
		displayName: 'Count Basis',
		name: 'basis',
		type: 'options',
		default: 'days',
		options: [
			{ name: 'Working Days', value: 'days' },
			{
				name: 'Contract Hours',
				value: 'hours',
				description:
					'AU hours against 6 × weekly contract hours (needs the hours-per-weekday field)',
			},
		],
	},
	{
		displayName: 'Counted Absence Kinds',
		name: 'countedKinds',
		type: 'multiOptions',
		default: [...DEFAULT_COUNTED_KINDS],
		options: DEFAULT_COUNTED_KINDS.map((kind) => ({ name: KIND_LABELS[kind], value: kind })),
		description:
			'Absence kinds that are AU. Vacation, child sick days, maternity protection and similar never count.',
	},
	{
		displayName: 'Counting Model',
		name: 'model',
		type: 'options',
		default: 'dual',
		options: [
			{ name: 'Dual (42-Day Run or 6 × Working Days)', value: 'dual' },
			{ name: 'Calendar Days Only (All AU Days Against 42)', value: 'calendar' },
		],
	},
	{
		displayName: 'Exclude Public Holidays Of',
		name: 'excludeHolidaysOf',
		type: 'options',
		default: '',
		description:
			'Public holidays of this state on working days are not counted as AU working days (default: counted, so one AU week is always one week)',
		options: [
			{ name: 'Do Not Exclude Holidays', value: '' },
			...Object.entries(GERMAN_STATES).map(([value, name]) => ({ name, value })),
		],
	},
	{
		displayName: 'Half-Day Weight',
		name: 'halfDayWeight',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 1,
		description:
			'Weight of a half AU day. 1 treats AU as the whole-day status it is; 0.5 counts half days as half.',
	},
	{
		displayName: 'Part-Time Rule',
		name: 'partTimeRule',
		type: 'options',
		default: 'scaled',
		options: [
			{ name: 'Scaled (6 × Own Working Days per Week)', value: 'scaled' },
			{ name: 'BG RCI: 30 General Working Days (Mon–Fri)', value: 'general30' },
		],
	},
	{
		displayName: 'Reference Date',
		name: 'referenceDate',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description:
			"The day to evaluate. Empty means today in Europe/Berlin (not the server's time zone).",
	},
	{
		displayName: 'Reha Counts Only With AU Certificate',
		name: 'rehabRequiresCertificate',
		type: 'boolean',
		default: false,
		description: 'Whether medical rehabilitation counts only when an AU certificate covers it',
	},
	{
		displayName: 'Warning Margin (Working Days)',
		name: 'warningWorkingDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description:
			"Employees this many working days or fewer below the threshold go to the Approaching output; when not set, one working week of the employee's pattern",
	},
	{
		displayName: 'Window',
		name: 'windowLength',
		type: 'options',
		default: 'calendarYear',
		options: [
			{ name: 'Twelve Months (Date Minus One Year)', value: 'calendarYear' },
			{ name: 'Fixed 365 Days', value: 'fixed365' },
		],
	},
];

/** Where this node finds an employee's fields in its input items. */
const INPUT_FIELD_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Employed Since Field',
		name: 'employedSinceField',
		type: 'string',
		default: 'employedSince',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		description:
			'Field with the start of the current employment; AU of an earlier employment does not count',
	},
	{
		displayName: 'Hours per Weekday Field',
		name: 'hoursPerWorkdayField',
		type: 'string',
		default: 'hoursPerWorkday',
		description: 'Field mapping ISO weekday (1 = Monday) to contract hours, for the hours basis',
	},
	{
		displayName: 'Last BEM Closure Field',
		name: 'lastClosureField',
		type: 'string',
		default: 'lastBemClosedOn',
		description:
			'Field with the date the last BEM was closed; counting restarts the day after (BAG 2 AZR 138/21)',
	},
	{
		displayName: 'Work Pattern Field',
		name: 'workPatternField',
		type: 'string',
		default: 'workdays',
		description:
			'Field with the ISO weekdays worked (1 = Monday … 7 = Sunday), as a list or "1,3,5"; default Monday to Friday',
	},
	{
		displayName: 'Work Pattern History Field',
		name: 'workPatternHistoryField',
		type: 'string',
		default: 'workPatterns',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		description:
			'Field with the work-pattern history, a list of { from, workdays, hoursPerWorkday }; when present it replaces the work pattern, and each AU day counts on the pattern in force that day',
	},
];

/** The last closures of every employee (BEM Case → Get Last Closures) on the input item. */
/** where each employee's location is, for Holiday State by Location */
const LOCATION_FIELD_OPTION: INodeProperties = {
	displayName: 'Location Field',
	name: 'locationField',
	type: 'string',
	default: 'location',
	description:
		"Field with the employee's work location (e.g. the office), looked up in Holiday State by Location",
};

export const LAST_CLOSURES_FIELD_OPTION: INodeProperties = {
	displayName: 'Last BEM Closures Field',
	name: 'lastClosuresField',
	type: 'string',
	default: LAST_CLOSURES_FIELD,
	description:
		"Field with each employee's last BEM closure, { employeeId: 'YYYY-MM-DD' }, as BEM Case → Get Last Closures returns it; counting restarts the day after. An employee's own Last BEM Closure Field wins.",
};

/** n8n lists a collection's options by display name. */
function byName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const thresholdProperties: INodeProperties[] = [
	{
		displayName:
			'Routes each employee by the §167 Abs. 2 SGB IX threshold: more than six weeks of AU within twelve months. Only IDs, dates and counts leave this node; absence records and any health details are dropped.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Input Shape',
		name: 'inputShape',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Item per Employee',
				value: 'perEmployee',
				description:
					"Each item is an employee with a list of absence records (e.g. from the Personio node's BEM input)",
			},
			{
				name: 'One Item per Absence Record',
				value: 'perAbsence',
				description: 'Each item is one absence record; records are grouped by employee ID',
			},
		],
		default: 'perEmployee',
	},
	{
		displayName: 'Employee ID Field',
		name: 'employeeIdField',
		type: 'string',
		default: 'employeeId',
		required: true,
		description:
			'Name of the field with the employee ID (dotted paths such as "person.number" work)',
	},
	{
		displayName: 'Absences Field',
		name: 'absencesField',
		type: 'string',
		default: 'absences',
		displayOptions: { show: { inputShape: ['perEmployee'] } },
		description: 'Name of the field that holds the list of absence records',
	},
	{
		displayName: 'Absence Record Fields',
		name: 'recordFields',
		type: 'collection',
		placeholder: 'Map a Field',
		default: {},
		description:
			'Field names inside each absence record, if they differ from the defaults. Any other field of a record is dropped.',
		options: [
			{
				displayName: 'AU Certificate Field',
				name: 'certified',
				type: 'string',
				default: 'certified',
				description:
					'True if an AU certificate covers the record (read when Reha needs a certificate)',
			},
			{
				displayName: 'End Date Field',
				name: 'end',
				type: 'string',
				default: 'end',
				description: 'Last day, inclusive; empty means still ongoing',
			},
			{ displayName: 'End Is Half Day Field', name: 'endHalf', type: 'string', default: 'endHalf' },
			{
				displayName: 'Follow-Up Certificate Field',
				name: 'followUp',
				type: 'string',
				default: 'followUp',
				description: 'True if the record is a follow-up certificate (Folgebescheinigung)',
			},
			{
				displayName: 'Hours Field',
				name: 'hours',
				type: 'string',
				default: 'hours',
				description: 'Total AU hours of the record (hours basis only)',
			},
			{
				displayName: 'Kind Field',
				name: 'kind',
				type: 'string',
				default: 'kind',
				description: 'Absence kind, e.g. sick, hospital, rehab; default sick',
			},
			{ displayName: 'Start Date Field', name: 'start', type: 'string', default: 'start' },
			{
				displayName: 'Start Is Half Day Field',
				name: 'startHalf',
				type: 'string',
				default: 'startHalf',
			},
		],
	},
	{
		displayName: 'Employee Fields to Keep',
		name: 'keepFields',
		type: 'string',
		default: 'name, firstName, lastName, email, department, supervisorId',
		description:
			'Comma-separated employee fields copied to the output next to the result (identifying fields only; never health details)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byName([
			...THRESHOLD_RULE_OPTIONS,
			...INPUT_FIELD_OPTIONS,
			...HOLIDAY_STATE_OPTIONS,
			LOCATION_FIELD_OPTION,
			LAST_CLOSURES_FIELD_OPTION,
		]),
	},
];
