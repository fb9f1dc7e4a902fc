import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// The node signs the SAML assertion, exchanges it at /oauth/token and caches the access token itself
// (core/hris/sap/successFactors), so neither the assertion nor the token lands in the credential or in
// execution data. The credential test is the node's `sapSuccessFactorsApiTest` method (it needs signing).
const saml = { show: { authentication: ['samlBearer'] } };
const basic = { show: { authentication: ['basicLegacy'] } };

export class SapSuccessFactorsApi implements ICredentialType {
	name = 'sapSuccessFactorsApi';

	displayName = 'SAP SuccessFactors API';

	icon: Icon = {
		light: 'file:icons/sapSuccessFactors.svg',
		dark: 'file:icons/sapSuccessFactors.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#sap-successfactors';

	properties: INodeProperties[] = [
		{
			displayName: 'API Server URL',
			name: 'apiServer',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api4.successfactors.com',
			description:
				'The API server of your data center (not the login URL); SAP lists them in "List of SAP SuccessFactors API Servers"',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Your SuccessFactors company ID (shown under your name → Show version information)',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'OAuth 2.0 SAML Bearer (Recommended)',
					value: 'samlBearer',
					description:
						'An OAuth client registered in Admin Center → Manage OAuth2 Client Applications',
				},
				{
					name: 'Basic Auth (Legacy — Removed by SAP on 2026-11-20)',
					value: 'basicLegacy',
					description:
						'Only for systems that still accept it; SAP has switched Basic auth off for the API',
				},
			],
			default: 'samlBearer',
		},
		{
			displayName: 'Client ID (API Key)',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: saml,
			description: 'The API key SuccessFactors shows for the registered OAuth client application',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: saml,
			description:
				'The SuccessFactors user the node acts as (needs read permission for Employee Time, Job Information and Work Schedules)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			displayOptions: saml,
			description:
				'The RSA private key of the X.509 certificate registered with the OAuth client: PEM, or the Base64 text SuccessFactors generated',
		},
		{
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			displayOptions: saml,
			description:
				'Optional: the X.509 certificate (PEM) registered with the OAuth client, sent along in the signed assertion',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: basic,
			description: 'Without the company ID; the node sends username@companyID',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: basic,
		},
	];
}
