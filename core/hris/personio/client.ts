// The Personio API client: token (v1 POST /v1/auth, v2 POST /v2/auth/token), headers, retry, pacing.
// Tokens live in the TokenCache keyed by a hash of the credential; they never appear in errors.
import { z } from 'zod';

import {
	HrisHttpError,
	RatePacer,
	requestWithRetry,
	sameOriginLink,
	type AuthProvider,
	type HttpRequest,
	type HttpTransport,
	type PagingCaps,
	type RetryPolicy,
} from '../http';
import { sharedTokenCache, TokenCache } from '../tokenCache';
import type { PersonioApiVersion } from './types';

export const PERSONIO_DEFAULT_BASE_URL = 'https://api.personio.de';

export interface PersonioConfig {
	/** default https://api.personio.de (a trailing /v1 or /v2 is ignored) */
	baseUrl?: string;
	clientId: string;
	clientSecret: string;
	/** sent as X-Personio-App-ID (UPPER_SNAKE_CASE name of the integration) */
	appId?: string;
	/** sent as X-Personio-Partner-ID */
	partnerId?: string;
	apiVersion?: PersonioApiVersion;
	transport: HttpTransport;
	retry?: RetryPolicy;
	/** page and item caps of one paged read (default DEFAULT_PAGING_CAPS) */
	paging?: PagingCaps;
	tokenCache?: TokenCache;
}

const v1Token = z.object({
	success: z.literal(true),
	data: z.object({ token: z.string().min(1), expires_in: z.number().optional() }),
});
const v2Token = z.object({
	access_token: z.string().min(1),
	expires_in: z.coerce.number().optional(),
});

export class PersonioClient {
	readonly baseUrl: string;
	readonly version: PersonioApiVersion;
	private readonly cache: TokenCache;
	private readonly cacheKey: string;
	private readonly pacers = new Map<string, RatePacer>();
	/** HTTP requests sent (for the bench and tests), a v1 sibling's included */
	get requests(): number {
		return this.sent.count;
	}
	private readonly sent: { count: number };
	private sibling?: PersonioClient;
	readonly paging: PagingCaps;

	constructor(
		private readonly config: PersonioConfig,
		sent: { count: number } = { count: 0 },
	) {
		this.sent = sent;
		this.paging = config.paging ?? {};
		this.baseUrl = (config.baseUrl?.trim() || PERSONIO_DEFAULT_BASE_URL)
			.replace(/\/+$/, '')
			.replace(/\/v[12]$/, '');
		this.version = config.apiVersion ?? 'v2';
		this.cache = config.tokenCache ?? sharedTokenCache;
		this.cacheKey = TokenCache.keyOf(
			this.baseUrl,
			this.version,
			config.clientId,
			config.clientSecret,
		);
	}

	private baseHeaders(): Record<string, string> {
		const h: Record<string, string> = { accept: 'application/json, application/problem+json' };
		if (this.config.appId) h['X-Personio-App-ID'] = this.config.appId;
		if (this.config.partnerId) h['X-Personio-Partner-ID'] = this.config.partnerId;
		return h;
	}

	private send(request: HttpRequest, call: string, auth?: AuthProvider) {
		return requestWithRetry(
			(r) => {
				this.sent.count++;
				return this.config.transport(r);
			},
			{ ...request, headers: { ...this.baseHeaders(), ...request.headers } },
			{ call, auth, retry: this.config.retry, pacer: this.pacerFor(request.url) },
		);
	}

	/** One pacer per endpoint (ids in the path folded), like Personio's per-endpoint buckets. */
	private pacerFor(url: string): RatePacer {
		const path = new URL(url).pathname.replace(/\/[0-9a-f-]{8,}|\/\d+/gi, '/{id}');
		let pacer = this.pacers.get(path);
		if (!pacer) this.pacers.set(path, (pacer = new RatePacer(Date.now, this.config.retry?.sleep)));
		return pacer;
	}

	/** Names this tenant and credential in a cache (the base URL and client id, hashed; never the secret). */
	get sourceKey(): string {
		return `personio:${TokenCache.keyOf(this.baseUrl, this.config.clientId).slice(0, 32)}`;
	}

	/**
	 * The same credential on Personio's v1 API (its own token; requests counted here). A v2 reader uses it
	 * for the one v1 listing that carries everyone's work schedule and hire date in 100 per page.
	 */
	v1(): PersonioClient {
		if (this.version === 'v1') return this;
		this.sibling ??= new PersonioClient({ ...this.config, apiVersion: 'v1' }, this.sent);
		return this.sibling;
	}

	/** Mints a token (no cache). Used by the credential test and the cache. */
	async mintToken(): Promise<{ token: string; expiresInSeconds: number }> {
		if (this.version === 'v1') {
			const call = 'Personio POST /v1/auth';
			const res = await this.send(
				{
					method: 'POST',
					url: `${this.baseUrl}/v1/auth`,
					body: { client_id: this.config.clientId, client_secret: this.config.clientSecret },
				},
				call,
			);
			const parsed = v1Token.safeParse(res.body);
			if (!parsed.success)
				throw new HrisHttpError(
					`${call}: the answer carries no token`,
					call,
					'bad_response',
					res.status,
					1,
				);
			return {
				token: parsed.data.data.token,
				expiresInSeconds: parsed.data.data.expires_in ?? 86_400,
			};
		}
		const call = 'Personio POST /v2/auth/token';
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: this.config.clientId,
			client_secret: this.config.clientSecret,
		});
		const res = await this.send(
			{ method: 'POST', url: `${this.baseUrl}/v2/auth/token`, body: form },
			call,
		);
		const parsed = v2Token.safeParse(res.body);
		if (!parsed.success)
			throw new HrisHttpError(
				`${call}: the answer carries no access_token`,
				call,
				'bad_response',
				res.status,
				1,
			);
		return { token: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in ?? 86_400 };
	}

	private readonly auth: AuthProvider = {
		headers: async () => ({
			Authorization: `Bearer ${await this.cache.get(this.cacheKey, () => this.mintToken())}`,
		}),
		renew: async () => this.cache.invalidate(this.cacheKey),
	};

	/** GET a path ('/v2/persons', '/v1/company/time-offs') or an absolute next-page link; returns the JSON body. */
	async get(pathOrUrl: string, qs?: HttpRequest['qs']): Promise<unknown> {
		const absolute = /^https?:\/\//i.test(pathOrUrl);
		const url = absolute
			? this.resolveLink(pathOrUrl, 'Personio GET')
			: `${this.baseUrl}${pathOrUrl}`;
		const call = `Personio GET ${new URL(url).pathname}`;
		const res = await this.send({ method: 'GET', url, qs }, call, this.auth);
		return res.body;
	}

	/** Resolves a v2 `_meta.links.next.href` (absolute or relative) to an absolute URL on the configured origin. */
	resolveLink(href: string, call = 'Personio GET'): string {
		return sameOriginLink(href, this.baseUrl, call);
	}
}
