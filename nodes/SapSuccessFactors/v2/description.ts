import type { INodeProperties } from 'n8n-workflow';

import { thresholdModeProperties } from '../../BemThreshold/thresholdMode';
import {
	forResource,
	kindRulesProperties,
	LINE_MANAGER_RESOURCE,
	lineManagerIdsProperty,
	outputProperty,
	rangeProperties,
	resourceProperties,
} from '../../shared/sapParams';

const absenceOnly = forResource('absence');
const userOnly = forResource('user');
const lineManagerOnly = forResource(LINE_MANAGER_RESOURCE.value);

const absenceProperties: INodeProperties[] = [
	{
		displayName:
			'Reads approved AU absences (Employee Time) and each employee’s working days per week (Job Information, Work Schedule). Only dates, time type codes and IDs leave SuccessFactors — no comments or certificate data.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	outputProperty(),
	{
		displayName: 'Cache Work Patterns in the BEM File',
		name: 'cacheWorkPatterns',
		type: 'boolean',
		displayOptions: { show: { output: ['bemInput', 'thresholdResults'] } },
		default: false,
		description:
			'Whether to keep the work patterns and hire dates (contract data, no health data) of the employees with AU in the BEM file between runs: a run over the twelve months up to today then asks SuccessFactors only which Job Information, Employment or Work Schedule records changed since the last successful run (lastModifiedDateTime) and reads just those employees again; everyone is read again every 7 days',
	},
	...rangeProperties(),
	{
		displayName: 'User IDs',
		name: 'employeeIds',
		type: 'string',
		default: '',
		placeholder: '100123, 100124',
		description:
			'SuccessFactors user IDs, separated by commas. Empty: everyone the API user may see.',
	},
	{
		displayName: 'Approval Status',
		name: 'approvalStatuses',
		type: 'multiOptions',
		options: [
			{ name: 'Approved', value: 'APPROVED' },
			{ name: 'Cancellation Pending', value: 'PENDING_CANCELLATION' },
			{ name: 'Pending', value: 'PENDING' },
		],
		default: ['APPROVED'],
		description:
			'Which absences to read. A reported AU counts from the first day, so add Pending if absences wait long for approval.',
	},
	...kindRulesProperties(
		'Time Type',
		'SICK_DE',
		'codes containing SICK or KRANK → sick; HOSP/KRANKENHAUS → hospital; REHA → rehab; ACCIDENT/UNFALL → accident; GRADUAL/WIEDEREIN → graduated return; codes containing CHILD or KIND (child sick days) are left out',
	),
];

export const sapSuccessFactorsProperties: INodeProperties[] = [
	...resourceProperties(
		'AU absences and working days per week, as BEM input or one item per absence',
		{
			name: 'User',
			value: 'user',
			plural: 'users',
			description:
				'User ID, name, e-mail and postal address — the contact details a BEM invitation letter needs',
		},
		LINE_MANAGER_RESOURCE,
	),
	...absenceProperties.map((p) => ({ ...p, displayOptions: absenceOnly })),
	...thresholdModeProperties(absenceOnly),
	{
		displayName:
			'Reads only user ID, first and last name, e-mail and postal address (street, zip code, city) from the User entity.',
		name: 'userNotice',
		type: 'notice',
		displayOptions: userOnly,
		default: '',
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		displayOptions: userOnly,
		default: '',
		placeholder: '100123, 100124',
		description:
			'SuccessFactors user IDs, separated by commas. Empty: everyone the API user may see. An ID SuccessFactors does not return goes to the Problems output.',
	},
	{
		displayName:
			'Reads only user ID and manager ID from the Job Information valid today (EmpJob managerId), then only user ID and e-mail of the managers (User). No names.',
		name: 'lineManagerNotice',
		type: 'notice',
		displayOptions: lineManagerOnly,
		default: '',
	},
	lineManagerIdsProperty('User IDs', '100123, 100124', 'SuccessFactors user IDs'),
];
