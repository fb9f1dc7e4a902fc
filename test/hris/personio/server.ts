// A local Personio on 127.0.0.1 (random port) speaking the v1 and v2 protocols: token endpoints,
// attribute-wrapped v1 payloads with their two offset semantics, v2 cursor paging, single employees and
// persons by id (404 for an unknown one), per-endpoint token buckets with X-RateLimit-* headers and
// 429s, injectable 5xx, token expiry (401). Every v1 request and response is checked against Personio's
// own OpenAPI description (contract.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { closeLocal, listenLocal } from '../localServer';
import { PersonioV1Contract } from './contract';
import type { MockAbsence, MockTenant } from './data';

export interface RateLimit {
	/** tokens per second */
	rate: number;
	burst: number;
	/** send Retry-After on 429 (Personio's behaviour is unverified; both are tested) */
	retryAfter: boolean;
}

/** One token bucket (Spring Cloud Gateway style): `requestedTokens` per request, refilled at `rate` tokens/s. */
export interface Bucket {
	rate: number;
	burst: number;
	/** tokens one request takes (default 1): a rate below one request per second is rate 10, 3 tokens each */
	requestedTokens?: number;
}

/**
 * Personio's limits as ../shared/hris/apis.md reports them: a bucket per endpoint (the first matching
 * path prefix) and optionally one for the whole credential. `timeScale` > 1 runs every bucket that many
 * times faster (and says so in its headers): a bench then reports wall time × timeScale.
 */
export interface RateLimits {
	endpoints: Array<{ path: string; bucket: Bucket }>;
	credential?: Bucket;
	timeScale?: number;
}

export interface Fault {
	status: number;
	count: number;
	/** only requests whose path starts with this */
	path?: string;
	headers?: Record<string, string>;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	status: number;
}

export const CLIENT_ID = 'papi-client-test';
export const CLIENT_SECRET = 'test-secret-not-real';

const DAY = 86_400_000;
/** updated_at of a record the tenant gives none */
const UPDATED_AT = '2026-01-05T07:02:11Z';
const EMPLOYEE_UPDATED_AT = '2025-02-01T12:00:00Z';
const dayNum = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const dayStr = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
/** Europe/Berlin offset of a date, "+0100" or "+0200" (last Sunday of March/October rule) */
function berlinOffset(d: string): string {
	const [y] = d.split('-').map(Number);
	const lastSunday = (m: number) => {
		const last = Date.UTC(y, m + 1, 0) / DAY;
		return last - ((new Date(last * DAY).getUTCDay() + 7) % 7);
	};
	const n = dayNum(d);
	return n >= lastSunday(2) && n < lastSunday(9) ? '+0200' : '+0100';
}
/** local midnight in Berlin as a UTC instant */
function berlinMidnightUtc(d: string): string {
	const hours = berlinOffset(d) === '+0200' ? 2 : 1;
	return new Date(dayNum(d) * DAY - hours * 3_600_000).toISOString().replace('.000Z', '.0Z');
}

export class PersonioServer {
	private server!: Server;
	private readonly contract = new PersonioV1Contract();
	readonly log: LoggedRequest[] = [];
	readonly faults: Fault[] = [];
	rateLimit: RateLimit | null = null;
	limits: RateLimits | null = null;
	tokenTtlSeconds = 86_400;
	tokensMinted = 0;
	private readonly tokens = new Map<string, number>();
	private readonly buckets = new Map<string, { tokens: number; at: number }>();
	url = '';

	constructor(public tenant: MockTenant) {}

	private employeeById(id: number) {
		if (this.employeeIndex?.size !== this.tenant.employees.length)
			this.employeeIndex = new Map(this.tenant.employees.map((e) => [e.id, e]));
		return this.employeeIndex.get(id);
	}
	private employeeIndex?: Map<number, MockTenant['employees'][number]>;

	get contractViolations() {
		return this.contract.violations;
	}

	async start(): Promise<this> {
		await this.contract.init();
		this.server = createServer((req, res) => void this.handle(req, res));
		this.url = await listenLocal(this.server);
		return this;
	}

	stop(): Promise<void> {
		return closeLocal(this.server);
	}

	/** Every bucket full again (as after a day). */
	refillBuckets(): void {
		this.buckets.clear();
	}

	/** Every issued token stops working (as after 24 h). */
	expireTokens(): void {
		this.tokens.clear();
	}

	requests(pathPrefix: string): LoggedRequest[] {
		return this.log.filter((r) => r.path.startsWith(pathPrefix));
	}

	// ---- plumbing ----------------------------------------------------------------------------

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		const entry: LoggedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			status: 0,
		};
		this.log.push(entry);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			entry.status = status;
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		};
		const v1 = url.pathname.startsWith('/v1/');
		const query: Record<string, string | string[]> = {};
		for (const key of new Set(url.searchParams.keys())) {
			const all = url.searchParams.getAll(key);
			query[key] = key.endsWith('[]') || all.length > 1 ? all : all[0];
		}
		let body: unknown = undefined;
		const type = String(req.headers['content-type'] ?? '');
		if (raw !== '')
			body = type.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));

		let operation: string | null = null;
		if (v1) {
			operation = this.contract.checkRequest({
				method: (req.method ?? 'GET').toLowerCase(),
				path: url.pathname.slice(3),
				query,
				headers: req.headers as Record<string, string>,
				body,
			});
		}
		const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
			if (v1 && operation && status === 200)
				this.contract.checkResponse(operation, status, payload);
			send(status, payload, headers);
		};

		const fault = this.faults.find(
			(f) => f.count > 0 && (!f.path || url.pathname.startsWith(f.path)),
		);
		if (fault) {
			fault.count--;
			return reply(
				fault.status,
				v1
					? v1Error(fault.status, 'Es ist ein Problem aufgetreten')
					: v2Error(fault.status, 'Service Unavailable', url.pathname),
				fault.headers,
			);
		}

		if (req.method === 'POST' && url.pathname === '/v1/auth') return this.authV1(body, reply);
		if (req.method === 'POST' && url.pathname === '/v2/auth/token')
			return this.authV2(body, type, reply);

		const auth = String(req.headers.authorization ?? '');
		const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
		const expires = this.tokens.get(token);
		if (expires === undefined || expires < Date.now()) {
			return reply(
				401,
				v1 ? v1Error(401, 'Unauthorized') : v2Error(401, 'Unauthorized', url.pathname),
			);
		}
		const limited = this.takeToken(url.pathname);
		if (limited.status === 429) {
			return reply(
				429,
				v1 ? v1Error(429, 'Too Many Requests') : v2Error(429, 'Too Many Requests', url.pathname),
				limited.headers,
			);
		}
		try {
			const [status, payload] = this.route(req.method ?? 'GET', url);
			reply(status, payload, limited.headers);
		} catch (error) {
			reply(500, v2Error(500, String(error), url.pathname));
		}
	}

	private authV1(body: unknown, reply: (s: number, b: unknown) => void) {
		const b = (body ?? {}) as Record<string, string>;
		if (b.client_id !== CLIENT_ID || b.client_secret !== CLIENT_SECRET) {
			return reply(
				401,
				v1Error(401, 'sorry, you could not be authenticated with those credential'),
			);
		}
		reply(200, {
			success: true,
			data: {
				token: this.mint(),
				expires_in: this.tokenTtlSeconds,
				scope: 'employees:read absences:read',
			},
		});
	}

	private authV2(body: unknown, type: string, reply: (s: number, b: unknown) => void) {
		if (!type.includes('application/x-www-form-urlencoded'))
			return reply(400, {
				error: 'invalid_request',
				error_description: 'Required Parameters Missing',
			});
		const b = (body ?? {}) as Record<string, string>;
		if (b.grant_type !== 'client_credentials')
			return reply(400, {
				error: 'unsupported_grant_type',
				error_description: 'Unsupported Grant Type',
			});
		if (b.client_id !== CLIENT_ID || b.client_secret !== CLIENT_SECRET)
			return reply(401, { error: 'invalid_client', error_description: 'Invalid Client' });
		reply(200, {
			access_token: this.mint(),
			token_type: 'Bearer',
			expires_in: this.tokenTtlSeconds,
		});
	}

	private mint(): string {
		this.tokensMinted++;
		const token = `papi-${Math.random().toString(36).slice(2)}${this.tokensMinted}`;
		this.tokens.set(token, Date.now() + this.tokenTtlSeconds * 1000);
		return token;
	}

	/** Spring-Cloud-Gateway-style token bucket per endpoint. */
	private takeToken(path: string): { status: number; headers: Record<string, string> } {
		if (this.limits) return this.takeLimited(path, this.limits);
		if (!this.rateLimit) return { status: 200, headers: {} };
		const { rate, burst, retryAfter } = this.rateLimit;
		const key = path.replace(/\/[0-9a-f-]{8,}|\/\d+/gi, '/{id}');
		const now = performance.now();
		const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
		bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
		bucket.at = now;
		this.buckets.set(key, bucket);
		const headers: Record<string, string> = {
			'X-RateLimit-Replenish-Rate': String(rate),
			'X-RateLimit-Burst-Capacity': String(burst),
			'X-RateLimit-Requested-Tokens': '1',
		};
		if (bucket.tokens < 1) {
			headers['X-RateLimit-Remaining'] = '0';
			if (retryAfter)
				headers['Retry-After'] = String(Math.max(1, Math.ceil((1 - bucket.tokens) / rate)));
			return { status: 429, headers };
		}
		bucket.tokens -= 1;
		headers['X-RateLimit-Remaining'] = String(Math.floor(bucket.tokens));
		return { status: 200, headers };
	}

	/**
	 * The endpoint's bucket and the credential's: a request needs a token from both. A 429 carries the
	 * headers of the bucket that refused it, an accepted request those of the one with fewer requests
	 * left (Personio sends X-RateLimit-*; Retry-After is unverified, so none is sent here).
	 */
	private takeLimited(path: string, limits: RateLimits) {
		const scale = limits.timeScale ?? 1;
		const endpoint = limits.endpoints.find((e) => path.startsWith(e.path));
		const now = performance.now();
		const checks: Array<{ key: string; bucket: Bucket }> = [];
		if (endpoint) checks.push({ key: `endpoint ${endpoint.path}`, bucket: endpoint.bucket });
		if (limits.credential) checks.push({ key: 'credential', bucket: limits.credential });
		const states = checks.map(({ key, bucket }) => {
			const state = this.buckets.get(key) ?? { tokens: bucket.burst, at: now };
			state.tokens = Math.min(
				bucket.burst,
				state.tokens + ((now - state.at) / 1000) * bucket.rate * scale,
			);
			state.at = now;
			this.buckets.set(key, state);
			return { bucket, state, need: bucket.requestedTokens ?? 1 };
		});
		const headersOf = (b: Bucket, remaining: number) => ({
			'X-RateLimit-Replenish-Rate': String(b.rate * scale),
			'X-RateLimit-Burst-Capacity': String(b.burst),
			'X-RateLimit-Requested-Tokens': String(b.requestedTokens ?? 1),
			'X-RateLimit-Remaining': String(Math.max(0, Math.floor(remaining))),
		});
		const refused = states.find((x) => x.state.tokens < x.need);
		if (refused) return { status: 429, headers: headersOf(refused.bucket, 0) };
		for (const x of states) x.state.tokens -= x.need;
		const tightest = states.sort((a, b) => a.state.tokens / a.need - b.state.tokens / b.need)[0];
		// "remaining" in tokens, as the gateway reports it; below one request's worth the client paces
		const left = tightest ? tightest.state.tokens - (tightest.need - 1) : 0;
		return { status: 200, headers: tightest ? headersOf(tightest.bucket, left) : {} };
	}

	// ---- endpoints ---------------------------------------------------------------------------

	private route(method: string, url: URL): [number, unknown] {
		const p = url.pathname;
		const q = url.searchParams;
		if (method !== 'GET') return [405, v2Error(405, 'Method Not Allowed', p)];
		if (p === '/v1/company/employees') return this.employeesV1(q);
		let m = /^\/v1\/company\/employees\/(\d+)$/.exec(p);
		if (m) {
			const e = this.employeeById(Number(m[1]));
			return e
				? [200, { success: true, data: { type: 'Employee', attributes: employeeV1(e, []) } }]
				: [404, v1Error(404, 'Employee not found')];
		}
		if (p === '/v1/company/time-off-types') return this.timeOffTypesV1(q);
		if (p === '/v1/company/time-offs') return this.timeOffsV1(q);
		if (p === '/v1/company/absence-periods') return this.absencePeriodsV1(q);
		if (p === '/v2/persons') return this.cursor(url, 50, 10, this.tenant.employees.map(personV2));
		m = /^\/v2\/persons\/([^/]+)$/.exec(p);
		if (m) {
			const e = this.tenant.employees.find((x) => String(x.id) === decodeURIComponent(m![1]));
			return e ? [200, personV2(e)] : [404, v2Error(404, 'Not Found', p)];
		}
		m = /^\/v2\/persons\/([^/]+)\/employments$/.exec(p);
		if (m) {
			const e = this.tenant.employees.find((x) => String(x.id) === m![1]);
			if (!e) return [404, v2Error(404, 'Not Found', p)];
			const employments = e.employments?.map((h, i) => ({
				...employmentV2(e),
				id: String(7000 + e.id * 10 + i),
				status: h.status,
				weekly_working_hours: h.weeklyHours,
				employment_start_date: h.start,
				employment_end_date: h.end,
			}));
			return this.cursor<unknown>(url, 50, 10, employments ?? [employmentV2(e)]);
		}
		if (p === '/v2/absence-types')
			return this.cursor(
				url,
				100,
				100,
				this.tenant.types.map((t) => ({
					id: t.uuid,
					name: t.name,
					category: t.category,
					unit: t.unit === 'hour' ? 'HOURLY' : 'DAILY',
				})),
			);
		if (p === '/v2/absence-periods') return this.absencePeriodsV2(url);
		m = /^\/v2\/absence-periods\/([^/]+)\/breakdowns$/.exec(p);
		if (m) {
			const a = this.tenant.absences.find((x) => x.uuid === m![1]);
			if (!a) return [404, v2Error(404, 'Not Found', p)];
			return this.cursor(url, 28, 28, this.breakdownsV2(a));
		}
		return [
			404,
			p.startsWith('/v1/')
				? v1Error(404, 'Not found')
				: v2Error(404, `The endpoint with ${p} was not found.`, p),
		];
	}

	private employeesV1(q: URLSearchParams): [number, unknown] {
		const since = q.get('updated_since');
		// the spec: with updated_since, limit and offset are ignored (one answer with every match)
		const limit = since ? Number.MAX_SAFE_INTEGER : Number(q.get('limit') ?? 50);
		const offset = since ? 0 : Number(q.get('offset') ?? 0);
		if (limit > 100 && !since) return [400, v1Error(400, 'The limit must not exceed 100.')];
		const attributes = q.getAll('attributes[]');
		const all = since
			? this.tenant.employees.filter(
					(e) => Date.parse(e.updatedAt ?? EMPLOYEE_UPDATED_AT) > Date.parse(since),
				)
			: this.tenant.employees;
		const data = all
			.slice(offset, offset + limit)
			.map((e) => ({ type: 'Employee', attributes: employeeV1(e, attributes) }));
		return [
			200,
			{
				success: true,
				metadata: {
					total_elements: all.length,
					current_page: since ? 0 : Math.floor(offset / limit),
					total_pages: since ? 1 : Math.ceil(all.length / limit),
				},
				offset,
				limit: since ? all.length : limit,
				data,
			},
		];
	}

	private timeOffTypesV1(q: URLSearchParams): [number, unknown] {
		const limit = Number(q.get('limit') ?? 200);
		const offset = Number(q.get('offset') ?? 0);
		const data = this.tenant.types.slice(offset, offset + limit).map((t) => ({
			type: 'TimeOffType',
			attributes: {
				id: t.id,
				name: t.name,
				category: t.category,
				unit: t.unit,
				half_day_requests_enabled: true,
				certification_required: t.category === 'sick_leave',
				approval_required: t.category !== 'sick_leave',
			},
		}));
		return [200, { success: true, data }];
	}

	private absencesFor(q: URLSearchParams, unit: 'day' | 'hour', wholly: boolean): MockAbsence[] {
		const from = q.get('start_date');
		const to = q.get('end_date');
		const employees = q.getAll('employees[]').map(Number);
		const units = new Map(this.tenant.types.map((t) => [t.id, t.unit]));
		const wanted = new Set(employees);
		// time-offs: a day, inclusive from its start; absence-periods: a date-time
		const updatedFrom = q.get('updated_from');
		const since = updatedFrom === null ? null : Date.parse(updatedFrom);
		return this.tenant.absences.filter((a) => {
			if (units.get(a.typeId) !== unit) return false;
			if (wanted.size > 0 && !wanted.has(a.employeeId)) return false;
			if (since !== null && Date.parse(a.updatedAt ?? UPDATED_AT) < since) return false;
			if (a.start === null || a.end === null) return true; // malformed: returned as they are stored
			// time-offs: only absences lying wholly inside the range; absence-periods: overlapping
			if (wholly) return (!from || a.start >= from) && (!to || a.end <= to);
			return (!from || a.end >= from) && (!to || a.start <= to);
		});
	}

	/** `offset` is a page index here; only the requested page is rendered */
	private pageIndexEnvelope<T>(
		q: URLSearchParams,
		list: T[],
		render: (item: T) => unknown,
	): [number, unknown] {
		const limit = Number(q.get('limit') ?? 200);
		const page = Number(q.get('offset') ?? 0);
		const data = list.slice(page * limit, page * limit + limit).map(render);
		return [
			200,
			{
				success: true,
				metadata: {
					total_elements: list.length,
					current_page: page,
					total_pages: Math.ceil(list.length / limit),
				},
				offset: page,
				limit,
				data,
			},
		];
	}

	private timeOffsV1(q: URLSearchParams): [number, unknown] {
		return this.pageIndexEnvelope(q, this.absencesFor(q, 'day', true), (a) => ({
			type: 'TimeOffPeriod',
			attributes: this.timeOffV1(a),
		}));
	}

	private timeOffV1(a: MockAbsence) {
		const type = this.tenant.types.find((t) => t.id === a.typeId)!;
		const e = this.employeeById(a.employeeId);
		const attrs: Record<string, unknown> = {
			id: a.id,
			status: a.status,
			days_count: this.workingDays(a) - (a.startHalf ? 0.5 : 0) - (a.endHalf ? 0.5 : 0),
			half_day_start: a.startHalf,
			half_day_end: a.endHalf,
			time_off_type: {
				type: 'TimeOffType',
				attributes: { id: type.id, name: type.name, category: type.category },
			},
			employee: shortEmployeeV1(a.employeeId, e),
			certificate: { status: a.certificate },
			created_at: '2026-01-05T08:02:11+0100',
			created_by: 'API',
			updated_at: a.updatedAt ?? '2026-01-05T08:02:11+0100',
		};
		if (a.start) attrs.start_date = `${a.start}T00:00:00${berlinOffset(a.start)}`;
		if (a.end) attrs.end_date = `${a.end}T00:00:00${berlinOffset(a.end)}`;
		return attrs;
	}

	private absencePeriodsV1(q: URLSearchParams): [number, unknown] {
		return this.pageIndexEnvelope(q, this.absencesFor(q, 'hour', false), (a) => {
			const type = this.tenant.types.find((t) => t.id === a.typeId)!;
			const breakdowns = this.days(a).map((d) => ({
				date: d.date,
				effective_duration: d.working ? (a.minutesPerDay ?? 480) : 0,
			}));
			const attrs: Record<string, unknown> = {
				id: a.uuid,
				measurement_unit: 'hour',
				effective_duration: breakdowns.reduce((s, b) => s + b.effective_duration, 0),
				employee: shortEmployeeV1(a.employeeId, this.employeeById(a.employeeId)),
				// the vendor's schema has {id, name, time_off_type_id}; its example wraps them in attributes: send both
				absence_type: {
					type: 'AbsenceType',
					id: type.uuid,
					name: type.name,
					time_off_type_id: type.id,
					attributes: { id: type.uuid, name: type.name, time_off_type_id: type.id },
				},
				certificate: { status: a.certificate },
				half_day_start: a.startHalf,
				half_day_end: a.endHalf,
				comment: a.comment,
				origin: 'web',
				status: a.status,
				timezone: 'Europe/Berlin',
				created_by: 1,
				created_at: '2026-01-05T08:02:11.000Z',
				updated_at: '2026-01-05T08:02:11.000Z',
				approved_at: null,
				breakdowns,
			};
			if (a.start) attrs.start = berlinMidnightUtc(a.start);
			attrs.end = a.end ? berlinMidnightUtc(dayStr(dayNum(a.end) + 1)) : null;
			return { type: 'AbsencePeriod', attributes: attrs };
		});
	}

	private absencePeriodsV2(url: URL): [number, unknown] {
		const q = url.searchParams;
		const person = q.get('person.id');
		const startsLte = q.get('starts_from.date_time.lte')?.slice(0, 10);
		const endsGte = q.get('ends_at.date_time.gte')?.slice(0, 10);
		const typeIds = q.get('absence_type.id')?.split(',');
		const uuids = new Map(this.tenant.types.map((t) => [t.id, t.uuid]));
		const updatedGte = q.get('updated_at.gte');
		const idList = q.get('id')?.split(',');
		const ids = idList ? new Set(idList) : null;
		const list = this.tenant.absences.filter(
			(a) =>
				(!ids || ids.has(a.uuid)) &&
				(!person || String(a.employeeId) === person) &&
				(!typeIds || typeIds.includes(uuids.get(a.typeId) ?? '')) &&
				(!updatedGte || Date.parse(a.updatedAt ?? UPDATED_AT) >= Date.parse(updatedGte)) &&
				(a.start === null || !startsLte || a.start <= startsLte) &&
				(a.end === null || !endsGte || a.end >= endsGte),
		);
		// only the page asked for is rendered (a tenant of 10 000 has 100 000 absences)
		return this.cursor(url, 100, 100, list, (a) => {
			const type = this.tenant.types.find((t) => t.id === a.typeId)!;
			const period: Record<string, unknown> = {
				id: a.uuid,
				person: { id: String(a.employeeId) },
				absence_type: { id: type.uuid },
				ends_at: a.end
					? { date_time: `${a.end}T00:00:00`, type: a.endHalf ? 'FIRST_HALF' : 'SECOND_HALF' }
					: null,
				timezone_id: 'Europe/Berlin',
				comment: a.comment,
				approval: { status: a.status.toUpperCase() },
				created_at: '2026-01-05T07:02:11Z',
				updated_at: a.updatedAt ?? UPDATED_AT,
			};
			if (a.start)
				period.starts_from = {
					date_time: `${a.start}T00:00:00`,
					type: a.startHalf ? 'SECOND_HALF' : 'FIRST_HALF',
				};
			return period;
		});
	}

	private breakdownsV2(a: MockAbsence) {
		const type = this.tenant.types.find((t) => t.id === a.typeId)!;
		return this.days(a).map((d) => ({
			date: d.date,
			effective_duration:
				type.unit === 'hour'
					? { unit: 'HOUR', value: d.working ? (a.minutesPerDay ?? 480) / 60 : 0 }
					: { unit: 'DAY', value: d.working ? 1 : 0 },
		}));
	}

	private days(a: MockAbsence): Array<{ date: string; working: boolean }> {
		if (!a.start || !a.end) return [];
		const e = this.employeeById(a.employeeId);
		const out = [];
		for (let n = dayNum(a.start); n <= dayNum(a.end); n++) {
			const weekday = (new Date(n * DAY).getUTCDay() + 6) % 7; // 0 = Monday
			const hours = e?.schedule ? e.schedule[weekday] : weekday < 5 ? '08:00' : '00:00';
			out.push({ date: dayStr(n), working: hours !== '00:00' });
		}
		return out;
	}

	private workingDays(a: MockAbsence): number {
		return this.days(a).filter((d) => d.working).length;
	}

	/** v2 cursor paging; the cursor is opaque (an offset in base64url), links are absolute. */
	private cursor<T>(
		url: URL,
		maxLimit: number,
		defaultLimit: number,
		list: T[],
		render: (item: T) => unknown = (item) => item,
	): [number, unknown] {
		const limit = Number(url.searchParams.get('limit') ?? defaultLimit);
		if (!(limit >= 1 && limit <= maxLimit))
			return [400, v2Error(400, `limit must be between 1 and ${maxLimit}`, url.pathname)];
		const cursor = url.searchParams.get('cursor');
		const offset = cursor
			? Number(Buffer.from(cursor.replace(/^cur_/, ''), 'base64url').toString())
			: 0;
		const data = list.slice(offset, offset + limit).map(render);
		const links: Record<string, { href: string }> = { self: { href: url.toString() } };
		if (offset + limit < list.length) {
			const next = new URL(url.toString());
			next.searchParams.set(
				'cursor',
				`cur_${Buffer.from(String(offset + limit)).toString('base64url')}`,
			);
			links.next = { href: next.toString() };
		}
		return [200, { _data: data, _meta: { links } }];
	}
}

function v1Error(code: number, message: string) {
	return { success: false, error: { code, message } };
}

function v2Error(status: number, title: string, path: string) {
	return {
		personio_trace_id: '6311d371-d04c-4609-8200-c7a1c42997fb',
		timestamp: new Date().toISOString(),
		errors: [
			{
				title,
				detail: title,
				type: 'https://developer.personio.de/v2.0/page/public-api-error-codes',
				_meta: { path },
			},
		],
	};
}

const w = (label: string, value: unknown, type: string, id: string) => ({
	label,
	value,
	type,
	universal_id: id,
});

function shortEmployeeV1(
	id: number,
	e: { firstName: string; lastName: string; email: string } | undefined,
) {
	const attributes: Record<string, unknown> = { id: w('id', id, 'integer', 'id') };
	if (e)
		Object.assign(attributes, {
			first_name: w('First name', e.firstName, 'standard', 'first_name'),
			last_name: w('Last name', e.lastName, 'standard', 'last_name'),
			email: w('Email', e.email, 'standard', 'email'),
		});
	return { type: 'Employee', attributes };
}

function employeeV1(e: MockTenant['employees'][number], attributes: string[]) {
	const all: Record<string, unknown> = {
		id: w('ID', e.id, 'integer', 'id'),
		first_name: w('First name', e.firstName, 'standard', 'first_name'),
		last_name: w('Last name', e.lastName, 'standard', 'last_name'),
		email: w('Email', e.email, 'standard', 'email'),
		status: w('Status', e.status, 'standard', 'status'),
		hire_date: w('Hire date', `${e.hireDate ?? '2019-04-01'}T00:00:00+02:00`, 'date', 'hire_date'),
		termination_date: w(
			'Termination date',
			e.terminationDate ? `${e.terminationDate}T00:00:00+01:00` : null,
			'date',
			'termination_date',
		),
		weekly_working_hours: w(
			'Weekly hours',
			String(e.weeklyHours),
			'standard',
			'weekly_working_hours',
		),
		department: w(
			'Department',
			e.department
				? { type: 'Department', attributes: { id: e.department.id, name: e.department.name } }
				: null,
			'standard',
			'department',
		),
		...(e.office
			? {
					office: w(
						'Office',
						{ type: 'Office', attributes: { id: e.office.id, name: e.office.name } },
						'standard',
						'office',
					),
				}
			: {}),
		// the OpenAPI has the supervisor's value as an object: an employee without one has no attribute
		...(e.supervisorId
			? {
					supervisor: w(
						'Supervisor',
						{ type: 'Employee', attributes: { id: w('ID', e.supervisorId, 'integer', 'id') } },
						'standard',
						'supervisor',
					),
				}
			: {}),
		work_schedule: w(
			'Work schedule',
			e.schedule
				? {
						type: 'WorkSchedule',
						attributes: {
							id: 97190,
							name: 'Arbeitszeitmodell',
							valid_from: e.scheduleValidFrom ?? null,
							monday: e.schedule[0],
							tuesday: e.schedule[1],
							wednesday: e.schedule[2],
							thursday: e.schedule[3],
							friday: e.schedule[4],
							saturday: e.schedule[5],
							sunday: e.schedule[6],
						},
					}
				: null,
			'standard',
			'work_schedule',
		),
	};
	if (!e.schedule) delete all.work_schedule; // an employee without a schedule has no such attribute
	if (attributes.length === 0) return all;
	return Object.fromEntries(
		Object.entries(all).filter(([k]) => k === 'id' || attributes.includes(k)),
	);
}

function personV2(e: MockTenant['employees'][number]) {
	return {
		id: String(e.id),
		first_name: e.firstName,
		last_name: e.lastName,
		preferred_name: `${e.firstName} ${e.lastName}`,
		email: e.email,
		status: 'ACTIVE',
		created_at: '2019-03-20T09:00:00Z',
		updated_at: e.updatedAt ?? EMPLOYEE_UPDATED_AT,
	};
}

function employmentV2(e: MockTenant['employees'][number]) {
	return {
		id: String(7000 + e.id),
		status: 'ACTIVE',
		type: 'INTERNAL',
		weekly_working_hours: e.weeklyHours,
		full_time_weekly_working_hours: e.fullTimeHours,
		employment_start_date: '2019-04-01',
		employment_end_date: null,
		supervisor: e.supervisorId ? { id: String(e.supervisorId) } : null,
		// v2 names the office by id only
		office: e.office ? { id: String(e.office.id) } : null,
		org_units: e.department ? [{ type: 'department', id: String(e.department.id) }] : [],
		position: { title: 'Fachkraft' },
		person: { id: String(e.id) },
		created_at: '2019-03-20T09:00:00Z',
		updated_at: '2025-02-01T12:00:00Z',
	};
}
