import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { hcmAuthHeader } from '../core/hris/sap';

const basic = { show: { authentication: ['basic'] } };

export class SapHcmGatewayApi implements ICredentialType {
	name = 'sapHcmGatewayApi';

	displayName = 'SAP HCM Gateway (OData) API';

	icon: Icon = { light: 'file:icons/sapHcm.svg', dark: 'file:icons/sapHcm.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#sap-hcm';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Root URL',
			name: 'serviceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://erp.example.local:44300/sap/opu/odata/sap/ZHR_BEM_SRV',
			description:
				'The Gateway OData service that exposes absences (infotype 2001) and planned working time (infotype 0007); your SAP team names it',
		},
		{
			displayName: 'SAP Client',
			name: 'sapClient',
			type: 'string',
			default: '',
			placeholder: '100',
			description:
				'The client (Mandant), sent as sap-client on every request. Empty: the system’s default client.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Basic Auth',
					value: 'basic',
					description: 'An SAP user (a technical user with read authorization for the service)',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'A token issued by your identity provider or API gateway',
				},
			],
			default: 'basic',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: basic,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: basic,
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['bearer'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server’s certificate cannot be verified (self-signed). Prefer adding your CA certificate below.',
		},
		{
			displayName: 'CA Certificate',
			name: 'caCertificate',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description:
				'Optional: your company’s root CA certificate (PEM) that signed the SAP server’s certificate',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const auth =
			credentials.authentication === 'bearer'
				? ({ type: 'bearer', token: String(credentials.token ?? '') } as const)
				: ({
						type: 'basic',
						username: String(credentials.username ?? ''),
						password: String(credentials.password ?? ''),
					} as const);
		requestOptions.headers = { ...requestOptions.headers, Authorization: hcmAuthHeader(auth) };
		return requestOptions;
	}

	// The service document lists the entity sets: it proves URL, client, user and authorization
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serviceUrl.replace(/\\/+$/, "")}}',
			url: '/',
			method: 'GET',
			qs: { $format: 'json', 'sap-client': '={{$credentials.sapClient || undefined}}' },
			headers: { Accept: 'application/json' },
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
	};
}
