// SuccessFactors authentication.
//   OAuth 2.0 SAML bearer (the standard): sign an assertion (saml.ts), POST it to /oauth/token with
//   company_id, client_id and grant_type urn:ietf:params:oauth:grant-type:saml2-bearer; cache the
//   access token (keyed by a hash of the credential) until shortly before `expires_in`; renew once on 401.
//   Basic (legacy): "user@companyId:password" — SAP removed it on 2026-11-20; kept for old test tenants.
import { createHash } from 'node:crypto';
import { z } from 'zod';

import {
	HrisHttpError,
	requestWithRetry,
	type AuthProvider,
	type HttpTransport,
	type PagingCaps,
	type RetryPolicy,
} from '../../http';
import { sharedTokenCache, TokenCache } from '../../tokenCache';
import { readCertificate, readPrivateKey, SapCredentialError, signedAssertion } from './saml';

export const SAML_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:saml2-bearer';

export type SfAuthConfig =
	| {
			type: 'samlBearer';
			clientId: string;
			userId: string;
			privateKey: string;
			certificate?: string;
	  }
	| { type: 'basicLegacy'; username: string; password: string };

export interface SfConnection {
	/** https://api4.successfactors.com (the API server of the tenant's data center; a trailing /odata/v2 is ignored) */
	apiServer: string;
	companyId: string;
	auth: SfAuthConfig;
	transport: HttpTransport;
	retry?: RetryPolicy;
	/** page and item caps of one entity-set read */
	paging?: PagingCaps;
	tokenCache?: TokenCache;
	now?: () => Date;
}

const tokenAnswer = z.object({
	access_token: z.string().min(1),
	expires_in: z.coerce.number().optional(),
});

export function apiServerOf(url: string): string {
	const trimmed = url
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/odata\/v2$/i, '');
	if (!URL.canParse(trimmed))
		throw new SapCredentialError(
			`The API server URL "${trimmed}" is not a URL (e.g. https://api4.successfactors.com)`,
		);
	if (!/^https?:$/.test(new URL(trimmed).protocol))
		throw new SapCredentialError('The API server URL must start with https://');
	return trimmed;
}

/** Mints an access token (no cache). Used by the credential test and the cache. */
export async function mintSfToken(
	conn: SfConnection,
): Promise<{ token: string; expiresInSeconds: number }> {
	if (conn.auth.type !== 'samlBearer')
		throw new SapCredentialError('Basic authentication has no token');
	const apiServer = apiServerOf(conn.apiServer);
	const tokenUrl = `${apiServer}/oauth/token`;
	const assertion = signedAssertion({
		clientId: conn.auth.clientId,
		userId: conn.auth.userId,
		tokenUrl,
		privateKey: readPrivateKey(conn.auth.privateKey),
		certificatePem: readCertificate(conn.auth.certificate ?? '', conn.auth.privateKey),
		now: conn.now?.() ?? new Date(),
	});
	const call = 'SAP SuccessFactors POST /oauth/token';
	const form = new URLSearchParams({
		company_id: conn.companyId,
		client_id: conn.auth.clientId,
		grant_type: SAML_BEARER_GRANT,
		assertion: Buffer.from(assertion, 'utf8').toString('base64'),
	});
	const res = await requestWithRetry(
		conn.transport,
		{ method: 'POST', url: tokenUrl, body: form, headers: { Accept: 'application/json' } },
		{ call, retry: conn.retry },
	);
	const parsed = tokenAnswer.safeParse(res.body);
	if (!parsed.success)
		throw new HrisHttpError(
			`${call}: the answer carries no access_token`,
			call,
			'bad_response',
			res.status,
			1,
		);
	// SAP does not document the lifetime; assume an hour when it is not stated
	return { token: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in ?? 3600 };
}

/** The AuthProvider for data calls: bearer token from the cache (renewed once after a 401), or legacy Basic. */
export function sfAuthProvider(conn: SfConnection): AuthProvider {
	const auth = conn.auth;
	if (auth.type === 'basicLegacy') {
		const basic = Buffer.from(
			`${auth.username}@${conn.companyId}:${auth.password}`,
			'utf8',
		).toString('base64');
		return { headers: async () => ({ Authorization: `Basic ${basic}` }), renew: async () => {} };
	}
	const cache = conn.tokenCache ?? sharedTokenCache;
	const keyHash = createHash('sha256').update(auth.privateKey).digest('hex');
	const key = TokenCache.keyOf(
		'successfactors',
		apiServerOf(conn.apiServer),
		conn.companyId,
		auth.clientId,
		auth.userId,
		keyHash,
	);
	return {
		headers: async () => ({
			Authorization: `Bearer ${await cache.get(key, () => mintSfToken(conn))}`,
		}),
		renew: async () => cache.invalidate(key),
	};
}
