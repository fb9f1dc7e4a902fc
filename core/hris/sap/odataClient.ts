// A small OData v2 client over the shared HRIS transport (core/hris/http.ts: retry, backoff, 401 renewal)
// for SuccessFactors and SAP Gateway. Reads entity sets page by page to the end:
//   server-driven paging: follow `d.__next` (SuccessFactors' $skiptoken, Gateway services that implement it);
//   client paging: `$top/$skip` while pages come back full (Gateway services without __next).
// Every page is requested exactly once (core paginate() refuses a page seen before).
import { z } from 'zod';

import {
	HrisHttpError,
	paginate,
	requestWithRetry,
	sameOriginLink,
	type AuthProvider,
	type HttpTransport,
	type PagingCaps,
	type RetryPolicy,
} from '../http';

export interface SapODataConfig {
	/** the OData service root: https://api4.successfactors.com/odata/v2, https://host:44300/sap/opu/odata/sap/ZHR_BEM_SRV */
	serviceRoot: string;
	/** names the system in errors: 'SAP SuccessFactors', 'SAP HCM' */
	system: string;
	transport: HttpTransport;
	auth?: AuthProvider;
	retry?: RetryPolicy;
	/** page and item caps of one entity-set read (default DEFAULT_PAGING_CAPS) */
	paging?: PagingCaps;
	/** added to every request, next links included (sap-client, $format) */
	fixedQuery?: Record<string, string>;
	headers?: Record<string, string>;
}

export interface EntityQuery {
	filter?: string;
	select?: string[];
	orderby?: string;
	/** other query options, e.g. SuccessFactors' fromDate/toDate on effective-dated entities */
	extra?: Record<string, string>;
	/** $top/$skip page size when the service does not send __next; undefined = rely on __next only */
	pageSize?: number;
}

interface Cursor {
	url: string;
	/** $skip of a client-paged request, null when the URL came from __next */
	skip: number | null;
}

const envelope = z.object({
	d: z.union([
		z
			.object({
				results: z.array(z.unknown()),
				__next: z.string().optional(),
				__count: z.unknown().optional(),
			})
			.passthrough(),
		z.array(z.unknown()),
	]),
});

/** Query string with %20 for spaces (not '+', which OData servers may read literally) and '$' left readable. */
export function queryString(params: Record<string, string | undefined>): string {
	return Object.entries(params)
		.filter((e): e is [string, string] => e[1] !== undefined)
		.map(([k, v]) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`)
		.join('&');
}

export class SapODataClient {
	readonly serviceRoot: string;
	/** HTTP requests sent (tests, bench) */
	requests = 0;

	constructor(private readonly config: SapODataConfig) {
		this.serviceRoot = config.serviceRoot.trim().replace(/\/+$/, '');
	}

	/** Adds the fixed query options a URL lacks (a __next link may drop sap-client). */
	private withFixedQuery(url: string): string {
		const u = new URL(url);
		const missing: Record<string, string> = {};
		for (const [k, v] of Object.entries(this.config.fixedQuery ?? {}))
			if (!u.searchParams.has(k)) missing[k] = v;
		const extra = queryString(missing);
		if (extra === '') return url;
		return `${url}${u.search === '' ? '?' : '&'}${extra}`;
	}

	/** GET one URL (absolute, or relative to the service root); returns the JSON body. */
	async get(pathOrUrl: string, what = ''): Promise<unknown> {
		const absolute = /^https?:\/\//i.test(pathOrUrl)
			? sameOriginLink(pathOrUrl, this.serviceRoot, `${this.config.system} GET`)
			: `${this.serviceRoot}/${pathOrUrl.replace(/^\/+/, '')}`;
		const url = this.withFixedQuery(absolute);
		const call = `${this.config.system} GET ${new URL(url).pathname}${what}`;
		const res = await requestWithRetry(
			(r) => {
				this.requests++;
				return this.config.transport(r);
			},
			{ method: 'GET', url, headers: { Accept: 'application/json', ...this.config.headers } },
			{ call, auth: this.config.auth, retry: this.config.retry },
		);
		return res.body;
	}

	/** Every record of an entity set, page by page. */
	async *pages(
		entitySet: string,
		query: EntityQuery = {},
	): AsyncGenerator<unknown[], void, undefined> {
		const params: Record<string, string | undefined> = {
			$select: query.select && query.select.length > 0 ? query.select.join(',') : undefined,
			$filter: query.filter || undefined,
			$orderby: query.orderby || undefined,
			...query.extra,
		};
		const qs = queryString(params);
		const base = `${this.serviceRoot}/${entitySet}${qs === '' ? '' : `?${qs}`}`;
		const pageSize = query.pageSize;
		const urlOf = (c: Cursor) =>
			c.skip === null
				? c.url
				: `${c.url}${c.url.includes('?') ? '&' : '?'}$top=${pageSize}&$skip=${c.skip}`;
		const call = `${this.config.system} GET /${entitySet}`;
		yield* paginate<unknown, Cursor>(
			{ url: base, skip: pageSize ? 0 : null },
			async (cursor, index) => {
				const body = await this.get(urlOf(cursor), ` (page ${index + 1})`);
				const parsed = envelope.safeParse(body);
				if (!parsed.success) {
					throw new HrisHttpError(
						`${call} (page ${index + 1}): the answer is not an OData v2 JSON result ({"d": {"results": [...]}})`,
						call,
						'bad_response',
						200,
						1,
					);
				}
				const d = parsed.data.d;
				const items = Array.isArray(d) ? d : d.results;
				const next = Array.isArray(d) ? undefined : d.__next;
				if (next)
					return {
						items,
						next: { url: sameOriginLink(next, this.serviceRoot, call), skip: null },
					};
				if (pageSize && cursor.skip !== null && items.length >= pageSize)
					return { items, next: { url: cursor.url, skip: cursor.skip + pageSize } };
				return { items, next: null };
			},
			{ call, key: (c) => this.withFixedQuery(urlOf(c)), ...this.config.paging },
		);
	}
}
