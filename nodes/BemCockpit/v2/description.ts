import type { INodeProperties } from 'n8n-workflow';

import { dayProperty, purposeProperty } from '../../shared/bemCaseParams';

export const bemCockpitProperties: INodeProperties[] = [
	{
		displayName:
			'One page per item (field "html", answer it with Respond to Webhook as text/html). What it shows is decided by the roles of the credential’s principal: a BEM officer sees cases and employee IDs, an HR admin only counts and KPIs (the item then also carries them as "model"). Every read is logged.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'de',
		placeholder: 'de',
		description:
			'"en" for English, anything else German (the shipped workflow passes the page’s ?lang= query parameter)',
	},
	dayProperty(
		'on',
		'As Of',
		'Business date the deadlines count from (YYYY-MM-DD). Empty: today in Germany.',
	),
	{
		displayName: 'Form Base URL',
		name: 'formBaseUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/form/',
		description:
			'Where the HR forms of “BEM · 5 Case Steps” are served; the page links each case’s next step there. Empty: ../form/ next to the webhook.',
	},
	{
		displayName: 'Quarters',
		name: 'quarters',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 12, numberPrecision: 0 },
		default: 4,
		description: 'How many calendar quarters the KPI charts cover, up to the current one',
	},
	purposeProperty('BEM cockpit'),
];
