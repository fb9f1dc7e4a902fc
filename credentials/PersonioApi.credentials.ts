import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// The node mints and caches the access token itself (core/hris/personio/client.ts), so the token
// never sits in the credential or in execution data.
export class PersonioApi implements ICredentialType {
	name = 'personioApi';

	displayName = 'Personio API';

	icon: Icon = { light: 'file:icons/personio.svg', dark: 'file:icons/personio.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#personio';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'From Personio: Settings → Integrations → API credentials. The credential needs read access to persons/employees and absences, and the attributes weekly hours, work schedule, department and supervisor whitelisted.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: 'V2 (Recommended)',
					value: 'v2',
					description: 'Persons, employments and absence periods',
				},
				{
					name: 'V1 (Fallback)',
					value: 'v1',
					description: 'The older API; has the per-weekday work schedule',
				},
			],
			default: 'v2',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.personio.de',
			description: 'Change only for a proxy or a test server',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: 'ACME_BEM_AUTOMATION',
			description:
				'Optional X-Personio-App-ID header (UPPER_SNAKE_CASE name of this integration; Personio recommends sending it)',
		},
		{
			displayName: 'Partner ID',
			name: 'partnerId',
			type: 'string',
			default: '',
			description: 'Optional X-Personio-Partner-ID header, for Personio partners',
		},
	];

	// Both token endpoints accept a form body; v1 ignores grant_type
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/v[12]$/, "")}}',
			url: '={{$credentials.apiVersion === "v1" ? "/v1/auth" : "/v2/auth/token"}}',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: {
				grant_type: 'client_credentials',
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
			},
		},
	};
}
