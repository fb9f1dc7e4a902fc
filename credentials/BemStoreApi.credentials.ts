import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { GERMAN_STATES } from '../core/calendar/holidays';
import { defaultSqlitePath } from '../core/store/paths';
import { DEFAULT_PRINCIPAL } from '../core/store/roles';

// Where the BEM file lives and the key its free text is encrypted with. Not an HTTP credential: the
// test opens the store and migrates its schema, done by the nodes' `bemStoreApiTest` method
// (nodes/shared/bemStore.ts), which the BEM nodes name in `testedBy`.
const sqlite = { show: { backend: ['sqlite'] } };
const postgres = { show: { backend: ['postgres'] } };
const tls = { show: { backend: ['postgres'], sslMode: ['require', 'verify'] } };

const stateOptions = Object.entries(GERMAN_STATES)
	.map(([value, name]) => ({ name: value === 'DE' ? name : `${name} (${value})`, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

export class BemStoreApi implements ICredentialType {
	// the agreed credential type name the nodes and shipped workflows use (not an HTTP API)
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed
	name = 'bemStore';

	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'BEM Store';

	icon: Icon = { light: 'file:icons/bemStore.svg', dark: 'file:icons/bemStore.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-store';

	properties: INodeProperties[] = [
		{
			displayName: 'Principal',
			name: 'principal',
			type: 'string',
			default: DEFAULT_PRINCIPAL,
			required: true,
			placeholder: 'process',
			description: `Who this credential acts as in the BEM file. The store's roles decide what that principal may see and do (deny by default); n8n's credential sharing decides who may use this credential. "${DEFAULT_PRINCIPAL}" (the default) is the store-wide BEM officer every store starts with. Use one credential per principal, e.g. "process" for the shipped workflows and "bem_officer" for the HR forms.`,
		},
		{
			displayName: 'Backend',
			name: 'backend',
			type: 'options',
			options: [
				{
					name: 'SQLite (Embedded File)',
					value: 'sqlite',
					description: 'One file next to n8n’s data; for a single n8n instance',
				},
				{
					name: 'PostgreSQL',
					value: 'postgres',
					description: 'For queue mode, several workers or a separate database server',
				},
			],
			default: 'sqlite',
		},
		{
			displayName: 'SQLite File',
			name: 'sqlitePath',
			type: 'string',
			default: '',
			placeholder: defaultSqlitePath,
			displayOptions: sqlite,
			description: `Path of the BEM file. Empty: ${defaultSqlitePath}. "~/" and relative paths resolve inside n8n’s user folder (N8N_USER_FOLDER).`,
		},
		// holds the database password
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Connection String',
			name: 'connectionString',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'postgres://bem:secret@db.example.com:5432/bem',
			displayOptions: postgres,
			description:
				'PostgreSQL connection URI of the database that holds the BEM file (the schema is created on first use)',
		},
		{
			displayName: 'SSL',
			name: 'sslMode',
			type: 'options',
			options: [
				{
					name: 'Disable',
					value: 'disable',
					description: 'No TLS (only on a trusted local network)',
				},
				{
					name: 'Require',
					value: 'require',
					description: 'TLS without checking the server certificate',
				},
				{
					name: 'Require and Verify',
					value: 'verify',
					description: 'TLS, the server certificate must be trusted',
				},
			],
			default: 'disable',
			displayOptions: postgres,
		},
		{
			displayName: 'CA Certificate',
			name: 'sslCa',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			displayOptions: tls,
			description: 'Optional: PEM certificate of the CA that signed the server certificate',
		},
		{
			displayName: 'Client Certificate',
			name: 'sslCert',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			displayOptions: tls,
			description: 'Optional: PEM client certificate, if the server asks for one',
		},
		// a private key
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Client Key',
			name: 'sslKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			displayOptions: tls,
			description: 'Optional: PEM private key of the client certificate',
		},
		{
			displayName: 'Pool Size',
			name: 'poolSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			displayOptions: postgres,
			description: 'Database connections this n8n process keeps open for the BEM file',
		},
		// the secret the BEM file's free text is encrypted with
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Encryption Key',
			name: 'encryptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'At least 16 characters. Encrypts the free text of the BEM file (notes, minutes) and signs reply links. Keep it safe: without it the free text cannot be read again.',
		},
		{
			displayName: 'State (Bundesland)',
			name: 'state',
			type: 'options',
			options: stateOptions,
			default: 'DE',
			description:
				"Whose public holidays reply deadlines roll past, unless a case names its employee's own state",
		},
		{
			displayName: 'Postal Days',
			name: 'postalDays',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 30, numberPrecision: 0 },
			default: 3,
			description:
				'Working days after posting at which an invitation letter without a known delivery date counts as received (the reply period runs from receipt)',
		},
		{
			displayName: 'Retention (Years)',
			name: 'retentionYears',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 30 },
			default: 3,
			description: 'How long a closed case is kept before Purge Expired deletes it',
		},
		{
			displayName: 'Review Months',
			name: 'reviewMonths',
			type: 'string',
			default: '3,6',
			placeholder: '3,6',
			description:
				'Months after a measure is implemented at which its effectiveness is reviewed, comma-separated',
		},
		{
			displayName: 'Measure Catalogue File',
			name: 'measureCatalogueFile',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/bem/measure-catalogue.json',
			description:
				'Optional: a JSON file with the works agreement’s measures — an array of {"code", "de", "en", "category": "technical" | "organisational" | "personal", "labourLaw": true | false}. It adds codes to the shipped catalogue or relabels shipped ones (their labour-law flag stays). "~/" and relative paths resolve inside n8n’s user folder.',
		},
		{
			displayName: 'KPI Minimum Group Size',
			name: 'minCell',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 3, numberPrecision: 0 },
			description:
				'A KPI quota is withheld when its base, its numerator or the rest has fewer persons than this (at least 3)',
		},
	];
}
