import type { INodeProperties } from 'n8n-workflow';

import { thresholdModeProperties, thresholdResultsChoice } from '../../BemThreshold/thresholdMode';

const KINDS = [
	{ name: 'Accident (Work or Commute)', value: 'accident' },
	{ name: 'Graduated Return (Stufenweise Wiedereingliederung)', value: 'graduated_return' },
	{ name: 'Hospital', value: 'hospital' },
	{ name: 'Medical Rehab (Reha)', value: 'rehab' },
	{ name: 'Not Counted (Other)', value: 'other' },
	{ name: 'Sick (AU)', value: 'sick' },
	{ name: 'Sick Without Certificate', value: 'sick_uncertified' },
];

const absenceOnly = { show: { resource: ['absence'] } };
const lineManagerOnly = { show: { resource: ['lineManager'] } };

export const personioProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Absence', value: 'absence' },
			{ name: 'Employee', value: 'employee' },
			{ name: 'Line Manager', value: 'lineManager' },
		],
		default: 'absence',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['employee'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many employees',
				description:
					'ID, name, e-mail, status, department, supervisor, weekly hours and work pattern',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: lineManagerOnly,
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many line managers',
				description:
					"Each employee's line manager (Personio supervisor): IDs and e-mail address only, for the approaching notice where the works agreement provides for it",
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: absenceOnly,
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many absences',
				description: 'Absences in a date range — sickness only unless you choose otherwise',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		// it sets the node's outputs (Records or Due/Approaching/Below): one value, never per item
		noDataExpression: true,
		displayOptions: absenceOnly,
		options: [
			{
				name: 'BEM Input (One Item per Employee)',
				value: 'bemInput',
				description:
					'Work pattern and absences in the shape the BEM Threshold node reads — connect it directly',
			},
			{ name: 'One Item per Absence', value: 'absences' },
			thresholdResultsChoice,
		],
		default: 'bemInput',
	},
	...thresholdModeProperties(absenceOnly),
	{
		displayName: 'Cache Work Patterns in the BEM File',
		name: 'cacheWorkPatterns',
		type: 'boolean',
		displayOptions: { show: { resource: ['absence'], output: ['bemInput', 'thresholdResults'] } },
		default: false,
		description:
			'Whether to keep everyone’s work pattern and hire date (contract data, no health data) in the BEM file between runs: the next run asks Personio only for who changed since the last successful run (one request instead of one per 100 employees), and a schedule Personio overwrites without a date enters the history from the day it was seen',
	},
	{
		displayName: 'Incremental Absences (AU Periods Kept Encrypted in the BEM File)',
		name: 'incrementalAbsences',
		type: 'boolean',
		displayOptions: {
			show: { resource: ['absence'], output: ['thresholdResults'], cacheWorkPatterns: [true] },
		},
		default: false,
		description:
			'Whether to keep the AU periods of the BEM year encrypted in the BEM file, so that a daily run asks Personio only for the absences changed since the last successful run. Off by default: it is a second copy of health data, a data-protection decision for your BEM team and works council (README "Incremental absence mode"). Employees the threshold names are checked against Personio first; every 7 days the whole year is read again.',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		displayOptions: absenceOnly,
		default: '',
		placeholder: '2025-11-23',
		description:
			'First day (YYYY-MM-DD). Empty: twelve months back from To, the BEM look-back window.',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		displayOptions: absenceOnly,
		default: '',
		placeholder: '2026-11-22',
		description: 'Last day (YYYY-MM-DD). Empty: today in Germany.',
	},
	{
		displayName: 'Employee IDs',
		name: 'employeeIds',
		type: 'string',
		displayOptions: { hide: { resource: ['lineManager'] } },
		default: '',
		placeholder: '1001, 1002',
		description: 'Personio IDs, separated by commas. Empty: everyone.',
	},
	{
		displayName: 'Employee IDs',
		name: 'employeeIds',
		type: 'string',
		required: true,
		displayOptions: lineManagerOnly,
		default: '',
		placeholder: '1001, 1002',
		description: 'Personio IDs of the employees whose line managers to read, separated by commas',
	},
	{
		displayName: 'Absence Types',
		name: 'absenceTypes',
		type: 'options',
		displayOptions: absenceOnly,
		options: [
			{
				name: 'All Types',
				value: 'all',
				description:
					'Every absence, also vacation; types without a rule get their Personio category as kind',
			},
			{
				name: 'Sickness Only',
				value: 'sickness',
				description: 'Personio’s "sick leave" category, as kind "sick"',
			},
			{
				name: 'Sickness Plus My Rules',
				value: 'rules',
				description: 'Sick leave plus the types you map below (e.g. Reha, Krankenhaus)',
			},
		],
		default: 'sickness',
		description:
			'Which absences to read. Child-sick days ("Kind krank") are not the employee’s own incapacity and stay out unless you map them.',
	},
	{
		displayName: 'Type Rules',
		name: 'kindRules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { resource: ['absence'], absenceTypes: ['rules', 'all'] } },
		default: {},
		placeholder: 'Add Type Rule',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Personio Type',
						name: 'match',
						type: 'string',
						default: '',
						placeholder: 'Reha',
						description:
							'The absence type’s name, ID or category as in Personio (not case-sensitive)',
					},
					{
						displayName: 'Counts As',
						name: 'kind',
						type: 'options',
						options: KINDS,
						default: 'sick',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Days per Week From Weekly Hours',
				name: 'weeklyHoursRule',
				type: 'options',
				options: [
					{
						name: 'Monday to Friday',
						value: 'mondayToFriday',
						description: 'Part-timers work every weekday, fewer hours',
					},
					{
						name: 'Proportional to Full Time',
						value: 'proportional',
						description: '24 of 40 hours = 3 days (Monday–Wednesday)',
					},
				],
				default: 'proportional',
				description:
					'Used when Personio has no per-weekday work schedule (always with API v2). Matters for the 6 × working-days rule.',
			},
			{
				displayName: 'Include Day Amounts',
				name: 'dayAmounts',
				type: 'boolean',
				displayOptions: { show: { '/resource': ['absence'] } },
				default: false,
				description:
					'Whether to fetch Personio’s per-day breakdown (API v2) for the days each absence uses up; one extra request per absence',
			},
			{
				displayName: 'Include Employees Without Absences',
				name: 'includeEmployeesWithoutAbsences',
				type: 'boolean',
				displayOptions: { show: { '/resource': ['absence'], '/output': ['bemInput'] } },
				default: false,
				description:
					'Whether employees with no absence in the range also get an item (API v2 with V2 Employments: one extra request per employee)',
			},
			{
				displayName: 'Look-Around Days (API V1)',
				name: 'v1MarginDays',
				type: 'number',
				displayOptions: { show: { '/resource': ['absence'] } },
				typeOptions: { minValue: 0 },
				default: 550,
				description:
					'API v1 only returns absences lying wholly inside the dates asked for, so the node asks this many days wider and cuts the absences to your range',
			},
			{
				displayName: 'Work Patterns From (API V2)',
				name: 'workPatternSource',
				type: 'options',
				displayOptions: {
					show: { '/resource': ['absence'], '/output': ['bemInput', 'thresholdResults'] },
				},
				options: [
					{
						name: 'Cheapest: V1 Employee Listing',
						value: 'cheapest',
						description:
							'Everyone’s weekday schedule and hire date, 100 per request (v2 employments where the credential may not use v1)',
					},
					{
						name: 'V2 Employments',
						value: 'employments',
						description:
							'One request per employee with absences; each employment is a dated pattern (a part-time switch recorded as a new employment)',
					},
				],
				default: 'cheapest',
				description: 'Where a v2 credential reads the work patterns and hire dates',
			},
		],
	},
];
