// The SAP Gateway connection of the node's `sapHcmGatewayApi` credential: n8n's HTTP helper (the
// shared transport) with the credential's TLS settings (self-signed certificates, own CA) and auth.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HcmConnection } from '../../core/hris/sap';
import { n8nTransport } from '../shared/hrisTransport';

export function connectionOf(
	credentials: IDataObject,
	helpers: IExecuteFunctions['helpers'],
): HcmConnection {
	const ca = String(credentials.caCertificate ?? '').trim();
	const transport = n8nTransport(helpers, {
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		...(ca !== '' ? { agentOptions: { ca } } : {}),
	});
	return {
		serviceUrl: String(credentials.serviceUrl ?? ''),
		sapClient: String(credentials.sapClient ?? ''),
		auth:
			credentials.authentication === 'bearer'
				? { type: 'bearer', token: String(credentials.token ?? '') }
				: {
						type: 'basic',
						username: String(credentials.username ?? ''),
						password: String(credentials.password ?? ''),
					},
		transport,
	};
}
