// The Personio client of the node's `personioApi` credential, over n8n's HTTP helper (the shared
// transport); the token cache is shared, so items and runs reuse a token until it expires.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sharedTokenCache } from '../../core';
import { PersonioClient } from '../../core/hris/personio';
import { n8nTransport } from '../shared/hrisTransport';

export function personioClient(
	credentials: IDataObject,
	helpers: IExecuteFunctions['helpers'],
): PersonioClient {
	return new PersonioClient({
		baseUrl: String(credentials.baseUrl ?? ''),
		clientId: String(credentials.clientId ?? ''),
		clientSecret: String(credentials.clientSecret ?? ''),
		appId: credentials.appId ? String(credentials.appId) : undefined,
		partnerId: credentials.partnerId ? String(credentials.partnerId) : undefined,
		apiVersion: credentials.apiVersion === 'v1' ? 'v1' : 'v2',
		transport: n8nTransport(helpers),
		tokenCache: sharedTokenCache,
	});
}
