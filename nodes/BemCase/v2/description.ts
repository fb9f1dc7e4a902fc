import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS } from './actions';

export const bemCaseProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Access Log',
				value: 'accessLog',
				action: 'Read the access log',
				description:
					'Who read the BEM file (HR Admin, BEM Officer, Deputy); the read is logged too',
			},
			{
				name: 'Drop Measure',
				value: 'dropMeasure',
				action: 'Drop a measure',
				description: 'Give up a planned measure (reason encrypted); it no longer counts open',
			},
			{
				name: 'Due Reminders',
				value: 'dueReminders',
				action: 'Get the reminders due today as one mail per recipient',
				description:
					'Reviews due, stale and un-invited cases for the BEM officer, overdue measures for their owners; each reminder once a day',
			},
			{
				name: 'Find',
				value: 'find',
				action: 'Find BEM cases',
				description: 'Cases by state, employee or due date, one item per case',
			},
			{
				name: 'Find Overdue Measures',
				value: 'findMeasures',
				action: 'Find overdue measures',
				description:
					'Planned or started measures due before a day, one item each (IDs, code, owner, due date)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a BEM case',
				description: 'Read one case (the read is logged)',
			},
			{
				name: 'Get Last Closures',
				value: 'lastClosures',
				action: 'Get the last BEM closure of every employee',
				description:
					'For the threshold: the day each employee’s count restarts after, in one item (IDs and dates only)',
			},
			{
				name: 'Grant Role',
				value: 'grantRole',
				action: 'Grant a role',
				description: 'Give a principal a role, store-wide or on one case',
			},
			{
				name: 'Implement Measure',
				value: 'implementMeasure',
				action: 'Implement a measure',
				description: 'Mark a measure implemented; the last open one moves the case to review',
			},
			{
				name: 'KPI Report',
				value: 'kpiReport',
				action: 'Compute BEM key figures',
				description: 'Offer, acceptance, measure, stability and retention quotas for a period',
			},
			{
				name: 'List Measure Owners',
				value: 'listMeasureOwners',
				action: 'List the measure owners',
				description: 'The owner directory: principal, display name, e-mail',
			},
			{
				name: 'List Roles',
				value: 'listRoles',
				action: 'List the roles',
				description: 'The principals and their roles, store-wide or on one case',
			},
			{
				name: 'Measure Catalogue',
				value: 'measureCatalogue',
				action: 'Get the measure catalogue',
				description:
					'The catalogue’s measures, one item each: code, German and English label, category, labour-law flag',
			},
			{
				name: 'Open',
				value: 'open',
				action: 'Open a BEM case',
				description: 'Open a case for an employee who reached the threshold (or get the open one)',
			},
			{
				name: 'Personnel File Extract',
				value: 'personnelFileExtract',
				action: 'Get the personnel file extract',
				description: 'What the personnel file may hold about the BEM',
			},
			{
				name: 'Plan Measure',
				value: 'planMeasure',
				action: 'Plan a measure',
				description: 'A measure from the catalogue with its owner and due date',
			},
			{
				name: 'Purge Expired',
				value: 'purgeExpired',
				action: 'Purge expired BEM cases',
				description: 'Delete closed cases past the retention period',
			},
			{
				name: 'Record Event',
				value: 'recordEvent',
				action: 'Record a BEM case event',
				description: 'Record a step of the BEM; moves the lifecycle does not allow are refused',
			},
			{
				name: 'Record Reply',
				value: 'recordReply',
				action: 'Record a reply from a reply link',
				description: 'Check a signed reply link and record the employee’s answer',
			},
			{
				name: 'Remove Measure Owner',
				value: 'removeMeasureOwner',
				action: 'Remove a measure owner',
				description: 'Take a principal out of the owner directory',
			},
			{
				name: 'Revoke Role',
				value: 'revokeRole',
				action: 'Revoke a role',
				description: 'Take a role away at once, store-wide or on one case',
			},
			{
				name: 'Set Measure Owner',
				value: 'setMeasureOwner',
				action: 'Set a measure owner',
				description: 'Add or change an owner’s display name and e-mail (BEM Officer, Deputy)',
			},
			{
				name: 'Start Measure',
				value: 'startMeasure',
				action: 'Start a measure',
				description: 'Record that work on a planned measure began',
			},
			{
				name: 'Subject Access Export',
				value: 'subjectAccessExport',
				action: 'Export everything stored on an employee',
				description:
					'Auskunft nach Art. 15 DSGVO: every case, event, letter, access-log row, reminder and HRIS cache row of one employee, as JSON and PDF (BEM Officer, Deputy).',
			},
			{
				name: 'Update Approaching',
				value: 'updateApproaching',
				action: 'Keep who is approaching the threshold and give who newly entered',
				description:
					'For the approaching digest: one mail per crossing, not on every run (IDs only)',
			},
		],
		default: 'open',
	},
	...Object.values(OPERATIONS).flatMap((op) => op.properties),
];
