import { fetchTransport, TokenCache, type HttpTransport, type RetryPolicy } from '../../../core';
import type { HcmConnection, SfConnection } from '../../../core/hris/sap';
import { HCM_CLIENT, HCM_PASSWORD, HCM_PATH, HCM_USER } from './hcmServer';
import type { TestKeyPair } from './keys';
import { SF_CLIENT_ID, SF_COMPANY, SF_USER, type SuccessFactorsServer } from './sfServer';

export function sfConnection(
	server: SuccessFactorsServer,
	keys: TestKeyPair,
	extra: { retry?: RetryPolicy; transport?: HttpTransport; tokenCache?: TokenCache } = {},
): SfConnection {
	return {
		apiServer: server.url,
		companyId: SF_COMPANY,
		auth: {
			type: 'samlBearer',
			clientId: SF_CLIENT_ID,
			userId: SF_USER,
			privateKey: keys.privateKeyPem,
			certificate: keys.certificatePem,
		},
		transport: extra.transport ?? fetchTransport,
		retry: { baseDelayMs: 5, maxDelayMs: 50, maxTotalMs: 5_000, ...extra.retry },
		tokenCache: extra.tokenCache ?? new TokenCache(),
	};
}

/** A basic-auth connection to the local SAP Gateway's BEM service, retries kept short for tests. */
export function hcmConnection(
	server: { url: string },
	extra: Partial<HcmConnection> = {},
): HcmConnection {
	return {
		serviceUrl: `${server.url}${HCM_PATH}`,
		sapClient: HCM_CLIENT,
		auth: { type: 'basic', username: HCM_USER, password: HCM_PASSWORD },
		transport: fetchTransport,
		retry: { baseDelayMs: 5, maxDelayMs: 50, maxTotalMs: 5_000 },
		...extra,
	};
}

/** Words that would mean health detail or secrets leaked. */
export const HEALTH_WORDS = [
	'Bandscheibe',
	'Diagnose',
	'comment',
	'Kenn1',
	'Kenn2',
	'countryExtensionDEU',
	'sicknessCertificate',
];

/** The sapSuccessFactorsApi credential (n8n's shape) for this server: SAML bearer with the test key pair. */
export function sfCredential(server: { url: string }, keys: TestKeyPair) {
	return {
		apiServer: server.url,
		companyId: SF_COMPANY,
		authentication: 'samlBearer',
		clientId: SF_CLIENT_ID,
		userId: SF_USER,
		privateKey: keys.privateKeyPem,
		certificate: keys.certificatePem,
	};
}
