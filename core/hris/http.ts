// Shared HTTP plumbing for the HRIS readers (Personio, SAP SuccessFactors, SAP HCM). Plain TS: the
// transport is injected, so the core is testable against local servers and the nodes pass a thin
// adapter over this.helpers.httpRequest (nodes/shared/hrisTransport.ts).
//
//   const res = await requestWithRetry(transport, { method: 'GET', url, qs }, { call: 'Personio GET /v2/persons', auth });
//
// Retries 429/5xx/network errors with exponential backoff + full jitter, honours Retry-After and the
// rate-limit headers, gives up after a bounded total time with an HrisHttpError naming the call and
// why; a 401 renews the token once (auth.renew) and then fails clearly. Every attempt has a deadline
// for the whole exchange (connect, headers, body): a server trickling its body byte by byte cannot
// hold the call, whatever the transport's own timeout does.

export type QueryValue = string | number | boolean | Array<string | number>;

export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers?: Record<string, string>;
	qs?: Record<string, QueryValue | undefined>;
	/** JSON body (object) or form body (URLSearchParams) */
	body?: unknown;
	/** the attempt's deadline for connect + headers + body (requestWithRetry sets it; default RetryPolicy.deadlineMs) */
	timeoutMs?: number;
	/** aborted when the deadline passes (requestWithRetry sets it): the transport stops reading */
	signal?: AbortSignal;
}

export interface HttpResponse {
	status: number;
	/** lower-case header names */
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/**
 * Performs one request and resolves with ANY status (it must not throw on 4xx/5xx; it may throw on
 * network errors). It should stop when `signal` aborts; requestWithRetry abandons it at the deadline anyway.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Supplies the Authorization (or other) headers; renew() is called once after a 401. */
export interface AuthProvider {
	headers(): Promise<Record<string, string>>;
	renew(): Promise<void>;
}

export interface RetryPolicy {
	/** first backoff step (default 500 ms) */
	baseDelayMs?: number;
	/** cap of one backoff step (default 30 s) */
	maxDelayMs?: number;
	/** the whole call, all attempts and waits included, must finish within this (default 120 s) */
	maxTotalMs?: number;
	/** hard cap on attempts (default 10) */
	maxAttempts?: number;
	/** one attempt's deadline for connect + headers + the whole body (default 60 s) */
	deadlineMs?: number;
	/** injectable for tests */
	random?: () => number;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
}

export interface CallOptions {
	/** names the call in errors, e.g. 'Personio GET /v2/absence-periods' */
	call: string;
	auth?: AuthProvider;
	retry?: RetryPolicy;
	/** shared client-side pacing learnt from rate-limit headers (one per vendor endpoint group) */
	pacer?: RatePacer;
}

export type HrisFailure =
	| 'rate_limited'
	| 'server_error'
	| 'network'
	| 'timeout'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'bad_request'
	| 'client_error'
	| 'bad_response';

/** A failed vendor call. The message names the call and the reason; it never contains request bodies or tokens. */
export class HrisHttpError extends Error {
	constructor(
		message: string,
		readonly call: string,
		readonly reason: HrisFailure,
		readonly status: number | null,
		readonly attempts: number,
		readonly vendorMessage: string | null = null,
	) {
		super(message);
		this.name = 'HrisHttpError';
	}
}

export const DEFAULT_RETRY: Required<Omit<RetryPolicy, 'random' | 'sleep' | 'now'>> = {
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalMs: 120_000,
	maxAttempts: 10,
	deadlineMs: 60_000,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function header(res: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
	const value = res.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Milliseconds the server asks us to wait, from Retry-After (seconds or HTTP date), RateLimit-Reset /
 * X-RateLimit-Reset (delta seconds, or epoch seconds/ms), or the token-bucket headers
 * X-RateLimit-Replenish-Rate + X-RateLimit-Requested-Tokens (Spring Cloud Gateway, Personio v2). null if none.
 */
export function serverWaitMs(res: Pick<HttpResponse, 'headers'>, nowMs: number): number | null {
	const retryAfter = header(res, 'retry-after');
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const at = Date.parse(retryAfter);
		if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
	}
	const reset = header(res, 'x-ratelimit-reset') ?? header(res, 'ratelimit-reset');
	if (reset !== undefined && Number.isFinite(Number(reset))) {
		const n = Number(reset);
		if (n > 1e12) return Math.max(0, n - nowMs); // epoch ms
		if (n > 1e9) return Math.max(0, n * 1000 - nowMs); // epoch seconds
		return Math.max(0, n * 1000); // delta seconds
	}
	const rate = Number(header(res, 'x-ratelimit-replenish-rate'));
	if (Number.isFinite(rate) && rate > 0) {
		const requested = Number(header(res, 'x-ratelimit-requested-tokens') ?? 1) || 1;
		return Math.ceil((requested / rate) * 1000);
	}
	return null;
}

/**
 * Client-side pacing: when a response says the bucket is empty (X-RateLimit-Remaining: 0), the next
 * request waits until the server will have a token again, so a long read runs at the limit instead of
 * colliding with it. Once the server has limited the endpoint, requests also take turns (one in flight):
 * callers woken together would race for the one token the bucket gets back, and a request losing that
 * race attempt after attempt runs out of them. Share one pacer across the requests to one endpoint group.
 */
export class RatePacer {
	private notBefore = 0;
	/** the turn of the last request in line, once the server has limited this endpoint */
	private turn: Promise<void> | null = null;
	constructor(
		private readonly now: () => number = Date.now,
		private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
	) {}

	/** Waits until a request may go; returns what to call once its answer (or failure) is in. */
	async acquire(): Promise<() => void> {
		let release = () => {};
		if (this.turn) {
			const previous = this.turn;
			this.turn = new Promise<void>((done) => (release = done));
			await previous;
		}
		const wait = this.notBefore - this.now();
		if (wait > 0) await this.sleep(wait);
		return release;
	}

	/**
	 * Learn from a response's rate-limit headers. `sentAt` is when the request left: a gateway takes the
	 * token as the request arrives, so the bucket refills from then, not from when the (slow) answer came.
	 */
	observe(res: Pick<HttpResponse, 'headers' | 'status'>, sentAt: number = this.now()): void {
		const remaining = Number(
			header(res, 'x-ratelimit-remaining') ?? header(res, 'ratelimit-remaining'),
		);
		if (res.status !== 429 && !(Number.isFinite(remaining) && remaining <= 0)) return;
		this.turn ??= Promise.resolve();
		const wait = serverWaitMs(res, this.now());
		if (wait === null) return;
		// a 429's Retry-After counts from now; a bucket emptied by an accepted request refills from when it was sent
		const from = res.status === 429 ? this.now() : sentAt;
		this.notBefore = Math.max(this.notBefore, from + wait);
	}
}

function backoffMs(
	attempt: number,
	policy: Required<Omit<RetryPolicy, 'random' | 'sleep' | 'now'>>,
	random: () => number,
) {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	// "equal jitter": at least half the step, so retries never hammer, spread over the other half
	return ceiling / 2 + random() * (ceiling / 2);
}

/** The vendor's own error text (Personio v1/v2, OData, OAuth), trimmed; never the request. */
export function vendorMessage(body: unknown): string | null {
	if (typeof body === 'string') return body.trim() === '' ? null : body.slice(0, 300);
	if (body === null || typeof body !== 'object') return null;
	const b = body as Record<string, unknown>;
	const pick = (v: unknown): string | null => {
		if (typeof v === 'string' && v.trim() !== '') return v.slice(0, 300);
		if (v && typeof v === 'object') {
			const o = v as Record<string, unknown>;
			return pick(o.value) ?? pick(o.message) ?? pick(o.detail) ?? pick(o.title);
		}
		return null;
	};
	if (Array.isArray(b.errors) && b.errors.length > 0) return pick(b.errors[0]);
	return pick(b.error_description) ?? pick(b.error) ?? pick(b.message) ?? pick(b.detail);
}

function failureOf(status: number): HrisFailure {
	if (status === 429) return 'rate_limited';
	if (status >= 500) return 'server_error';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if (status === 400 || status === 422) return 'bad_request';
	return 'client_error';
}

const REASON_TEXT: Record<HrisFailure, string> = {
	rate_limited: 'the API kept answering 429 Too Many Requests (rate limit)',
	server_error: 'the API kept answering with a server error',
	network: 'the API could not be reached',
	timeout: 'no complete answer within the deadline',
	unauthorized: 'the credentials were rejected (401)',
	forbidden: 'access denied (403) — check the API credential’s scopes and whitelisted attributes',
	not_found: 'not found (404)',
	bad_request: 'the API rejected the request',
	client_error: 'the API rejected the request',
	bad_response: 'the API answered with an unexpected payload',
};

/**
 * Sends `request` through `transport` until it succeeds (2xx/3xx) or a non-retryable status comes back.
 * Resolves with the successful response; rejects with HrisHttpError.
 */
export async function requestWithRetry(
	transport: HttpTransport,
	request: HttpRequest,
	options: CallOptions,
): Promise<HttpResponse> {
	const policy = { ...DEFAULT_RETRY, ...stripUndefined(options.retry ?? {}) };
	const random = options.retry?.random ?? Math.random;
	const sleep = options.retry?.sleep ?? defaultSleep;
	const now = options.retry?.now ?? Date.now;
	const started = now();
	const deadlineMs = request.timeoutMs ?? policy.deadlineMs;
	let renewed = false;
	let attempt = 0;

	const fail = (
		reason: HrisFailure,
		status: number | null,
		detail: string | null,
		extra = '',
	): never => {
		const elapsed = ((now() - started) / 1000).toFixed(1);
		const tries = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
		const vendor = detail ? `: "${detail}"` : '';
		const statusText = status === null ? '' : ` (HTTP ${status})`;
		const deadline =
			reason === 'timeout' ? ` of ${seconds(deadlineMs)} s (connect, headers and body)` : '';
		throw new HrisHttpError(
			`${options.call} failed${statusText} after ${tries} in ${elapsed} s — ${REASON_TEXT[reason]}${deadline}${vendor}${extra}`,
			options.call,
			reason,
			status,
			attempt,
			detail,
		);
	};

	for (;;) {
		attempt++;
		const release = options.pacer ? await options.pacer.acquire() : () => {};
		let res: HttpResponse | null = null;
		let networkError: string | null = null;
		let timedOut = false;
		try {
			const authHeaders = options.auth ? await options.auth.headers() : {};
			const sentAt = now();
			try {
				const got = await withinDeadline(
					transport,
					{ ...request, headers: { ...request.headers, ...authHeaders } },
					deadlineMs,
				);
				if (got === DEADLINE_PASSED) timedOut = true;
				else res = got;
			} catch (error) {
				networkError = safeNetworkMessage(error);
			}
			if (res) options.pacer?.observe(res, sentAt);
		} finally {
			release();
		}

		if (res && res.status < 400) return res;
		if (res && res.status === 401 && options.auth && !renewed) {
			renewed = true;
			await options.auth.renew();
			continue;
		}
		const status = res?.status ?? null;
		const retryable = res === null || status === 429 || (status !== null && status >= 500);
		const detail = res ? vendorMessage(res.body) : timedOut ? null : networkError;
		if (!retryable)
			fail(
				failureOf(status as number),
				status,
				detail,
				renewed && status === 401 ? ' (also after renewing the access token once)' : '',
			);

		const reason: HrisFailure =
			res !== null ? failureOf(status as number) : timedOut ? 'timeout' : 'network';
		const hinted = res ? serverWaitMs(res, now()) : null;
		const wait = Math.max(hinted ?? 0, hinted === null ? backoffMs(attempt, policy, random) : 0);
		const left = policy.maxTotalMs - (now() - started);
		if (attempt >= policy.maxAttempts)
			fail(
				reason,
				status,
				detail,
				` (gave up after the maximum of ${policy.maxAttempts} attempts)`,
			);
		if (wait > left) {
			const asked =
				hinted !== null ? `; the server asked to wait ${(hinted / 1000).toFixed(1)} s` : '';
			fail(
				reason,
				status,
				detail,
				` (gave up: time limit of ${(policy.maxTotalMs / 1000).toFixed(0)} s reached${asked})`,
			);
		}
		await sleep(wait);
	}
}

const DEADLINE_PASSED = Symbol('deadline passed');

/** One attempt, abandoned (and its transport aborted) when `ms` pass before the whole answer is in. */
async function withinDeadline(
	transport: HttpTransport,
	request: HttpRequest,
	ms: number,
): Promise<HttpResponse | typeof DEADLINE_PASSED> {
	const controller = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const passed = new Promise<typeof DEADLINE_PASSED>((resolve) => {
		timer = setTimeout(() => {
			resolve(DEADLINE_PASSED); // first, so the race is decided before the abort rejects the transport
			controller.abort(new Error(`deadline of ${seconds(ms)} s passed`));
		}, ms);
	});
	try {
		return await Promise.race([
			transport({ ...request, timeoutMs: ms, signal: controller.signal }),
			passed,
		]);
	} finally {
		clearTimeout(timer);
	}
}

const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Network errors carry request options in some clients (headers, bodies): keep only the code and message. */
function safeNetworkMessage(error: unknown): string {
	const e = error as { code?: unknown; message?: unknown };
	const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
	const message =
		typeof e?.message === 'string' ? e.message.split('\n')[0].slice(0, 200) : 'network error';
	return redactSecrets(`${code}${message}`);
}

/** Strips bearer tokens and secret-looking query/form parameters from a text meant for errors or logs. */
export function redactSecrets(text: string): string {
	return text
		.replace(/(bearer\s+)[^\s"',]+/gi, '$1[redacted]')
		.replace(/(client_secret|access_token|password|assertion|token)=([^&\s"']+)/gi, '$1=[redacted]')
		.replace(/papi-[A-Za-z0-9._-]+/g, 'papi-[redacted]');
}

// ---- paging -------------------------------------------------------------------------------------

export interface Page<T, C> {
	items: T[];
	/** where the next page is, or null at the end */
	next: C | null;
}

/** Bounds of one paged read: a runaway or hostile API cannot make a call read without end. */
export interface PagingCaps {
	/** pages per call (default 5 000) */
	maxPages?: number;
	/** items per call, all pages together (default 500 000) */
	maxItems?: number;
}

export const DEFAULT_PAGING_CAPS: Required<PagingCaps> = { maxPages: 5_000, maxItems: 500_000 };

/**
 * Walks every page from `first` to the end. Guards the ways paging goes wrong silently: a cursor seen
 * before (a page read twice, an endless loop) throws, and so does passing the page or item cap.
 * Stops at `next === null` or at an empty page (some APIs send a `next` link on an empty last page).
 */
export async function* paginate<T, C>(
	first: C,
	fetchPage: (cursor: C, pageIndex: number) => Promise<Page<T, C>>,
	options: { call: string; key?: (cursor: C) => string } & PagingCaps,
): AsyncGenerator<T[], void, undefined> {
	const key = options.key ?? ((c: C) => JSON.stringify(c));
	const maxPages = options.maxPages ?? DEFAULT_PAGING_CAPS.maxPages;
	const maxItems = options.maxItems ?? DEFAULT_PAGING_CAPS.maxItems;
	const capped = (what: string, index: number) =>
		new HrisHttpError(
			`${options.call}: stopped at the cap of ${what} per call — narrow the read (fewer employees, a shorter range) or raise the cap`,
			options.call,
			'bad_response',
			null,
			index,
		);
	const seen = new Set<string>();
	let items = 0;
	let cursor: C | null = first;
	for (let index = 0; cursor !== null; index++) {
		const k = key(cursor);
		if (seen.has(k)) {
			throw new HrisHttpError(
				`${options.call}: the API returned page ${k} a second time — stopped so no page is read twice`,
				options.call,
				'bad_response',
				null,
				index,
			);
		}
		if (index >= maxPages) throw capped(`${maxPages} pages`, index);
		seen.add(k);
		const page: Page<T, C> = await fetchPage(cursor, index);
		items += page.items.length;
		if (items > maxItems) throw capped(`${maxItems} items`, index + 1);
		if (page.items.length > 0) yield page.items;
		cursor = page.items.length === 0 ? null : page.next;
	}
}

/** All items of all pages. */
export async function collectPages<T, C>(
	first: C,
	fetchPage: (cursor: C, pageIndex: number) => Promise<Page<T, C>>,
	options: { call: string; key?: (cursor: C) => string } & PagingCaps,
): Promise<T[]> {
	const all: T[] = [];
	for await (const items of paginate(first, fetchPage, options)) all.push(...items);
	return all;
}

/**
 * A page link (absolute or relative to `base`) as an absolute URL — only on `base`'s own origin. A
 * next-page link to another host would carry the credential's token there: refused before any request.
 */
export function sameOriginLink(href: string, base: string, call: string): string {
	const url = new URL(href, base.endsWith('/') ? base : `${base}/`);
	const origin = new URL(base).origin;
	if (url.origin !== origin)
		throw new HrisHttpError(
			`${call}: the API sent a page link to another origin (${url.origin}, configured ${origin}) — not followed, so the credential's token stays with ${origin}`,
			call,
			'bad_response',
			null,
			0,
		);
	return url.toString();
}

/** Appends qs to a URL (arrays as repeated `name[]`-style keys are left to the caller's naming). */
export function withQuery(url: string, qs: HttpRequest['qs']): string {
	if (!qs) return url;
	const u = new URL(url);
	for (const [name, value] of Object.entries(qs)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const v of value) u.searchParams.append(name, String(v));
		else u.searchParams.set(name, String(value));
	}
	return u.toString();
}
