import type { INodeProperties } from 'n8n-workflow';

import { kindRulesProperties, outputProperty, rangeProperties } from '../shared/sapParams';

export const sapSuccessFactorsProperties: INodeProperties[] = [
	{
		displayName: 'Reads approved AU absences (Employee Time) and each employee’s working days per week (Job Information, Work Schedule). Only dates, time type codes and IDs leave SuccessFactors — no comments or certificate data.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	outputProperty(),
	...rangeProperties(),
	{
		displayName: 'User IDs',
		name: 'employeeIds',
		type: 'string',
		default: '',
		placeholder: '100123, 100124',
		description: 'SuccessFactors user IDs, separated by commas. Empty: everyone the API user may see.',
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
		description: 'Which absences to read. A reported AU counts from the first day, so add Pending if absences wait long for approval.',
	},
	...kindRulesProperties(
		'Time Type',
		'SICK_DE',
		'codes containing SICK or KRANK → sick; HOSP/KRANKENHAUS → hospital; REHA → rehab; ACCIDENT/UNFALL → accident; GRADUAL/WIEDEREIN → graduated return; codes containing CHILD or KIND (child sick days) are left out',
	),
];
