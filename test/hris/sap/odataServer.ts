// What SuccessFactors' and SAP Gateway's OData v2 endpoints have in common, for the local test servers:
// entity sets with typed properties, $filter, $select, JSON `{"d": {"results": [...]}}`, server-driven
// paging with `__next`/$skiptoken or client paging with $top/$skip, injected faults (429, 5xx), and a
// log of every request so tests can prove each page was read exactly once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { evaluate, FilterError, parseFilter, type PropType } from './odataFilter';

export interface EntitySetDef {
	types: Record<string, PropType>;
	rows: (query: URLSearchParams) => Array<Record<string, unknown>>;
	keyOf: (row: Record<string, unknown>) => string;
	type: string;
}

export interface Fault {
	/** path suffix the fault applies to, e.g. '/EmployeeTime' */
	path: string;
	status: number;
	count: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	status: number;
	headers: IncomingMessage['headers'];
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export abstract class ODataTestServer {
	url = '';
	readonly log: LoggedRequest[] = [];
	faults: Fault[] = [];
	/** 'next': server-driven paging (pageSize rows, __next with $skiptoken); 'topSkip': the client's $top/$skip only */
	paging: { mode: 'next' | 'topSkip'; pageSize: number } = { mode: 'next', pageSize: 1000 };
	/** some custom services ignore $select and send every field */
	ignoreSelect = false;
	private server: Server | null = null;

	protected abstract readonly servicePath: string;
	protected abstract readonly sets: Record<string, EntitySetDef>;
	/** null = authorized; else the reply (401 …) */
	protected abstract authorize(req: IncomingMessage, query: URLSearchParams): Reply | null;
	protected abstract errorBody(code: string, message: string): unknown;
	/** routes outside the entity sets (token endpoint, service document) */
	protected async extraRoute(
		_req: IncomingMessage,
		_path: string,
		_body: string,
	): Promise<Reply | null> {
		return null;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	/** Successful requests to an entity set, in order. */
	requestsTo(set: string): LoggedRequest[] {
		return this.log.filter((r) => r.path === `${this.servicePath}/${set}` && r.status === 200);
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const u = new URL(req.url ?? '/', this.url);
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		let reply: Reply;
		try {
			reply = await this.route(req, u, Buffer.concat(chunks).toString('utf8'));
		} catch (error) {
			reply =
				error instanceof FilterError
					? { status: 400, body: this.errorBody('INVALID_FILTER', error.message) }
					: { status: 500, body: this.errorBody('INTERNAL', String(error)) };
		}
		this.log.push({
			method: req.method ?? 'GET',
			path: u.pathname,
			query: u.searchParams,
			status: reply.status,
			headers: req.headers,
		});
		res.writeHead(reply.status, {
			'content-type': 'application/json;charset=utf-8',
			...reply.headers,
		});
		res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
	}

	private async route(req: IncomingMessage, u: URL, body: string): Promise<Reply> {
		const fault = this.faults.find((f) => f.count > 0 && u.pathname.endsWith(f.path));
		if (fault) {
			fault.count--;
			return {
				status: fault.status,
				headers: fault.headers,
				body:
					fault.body ??
					this.errorBody(
						String(fault.status),
						fault.status === 429 ? 'Too many requests' : 'Service temporarily unavailable',
					),
			};
		}
		const extra = await this.extraRoute(req, u.pathname, body);
		if (extra) return extra;
		const denied = this.authorize(req, u.searchParams);
		if (denied) return denied;
		if (!u.pathname.startsWith(`${this.servicePath}/`))
			return { status: 404, body: this.errorBody('NOT_FOUND', `No service at ${u.pathname}`) };
		const setName = u.pathname.slice(this.servicePath.length + 1);
		const set = this.sets[setName];
		if (!set)
			return {
				status: 404,
				body: this.errorBody('/IWBEP/CM_MGW_RT/020', `Resource not found for segment '${setName}'`),
			};
		return this.readSet(u, setName, set);
	}

	private readSet(u: URL, setName: string, set: EntitySetDef): Reply {
		const q = u.searchParams;
		if (q.get('$format') !== null && q.get('$format') !== 'json')
			return { status: 400, body: this.errorBody('FORMAT', 'Only $format=json here') };
		let rows = set.rows(q);
		const filter = q.get('$filter');
		if (filter) {
			const expr = parseFilter(filter);
			rows = rows.filter((r) => evaluate(expr, r, set.types));
		}
		const select =
			q
				.get('$select')
				?.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== '') ?? null;
		const unknown = select?.find((p) => !(p in set.types));
		if (unknown)
			return {
				status: 400,
				body: this.errorBody(
					'COE_PROPERTY_NOT_FOUND',
					`Invalid property names: ${setName}/${unknown}.`,
				),
			};
		rows.sort((a, b) => set.keyOf(a).localeCompare(set.keyOf(b)));
		const skip = Number(q.get('$skip') ?? 0);
		const top = q.get('$top') === null ? Infinity : Number(q.get('$top'));
		let start = skip;
		let end = Math.min(rows.length, skip + top);
		let next: string | undefined;
		if (this.paging.mode === 'next') {
			const token = q.get('$skiptoken');
			if (token !== null)
				start = JSON.parse(Buffer.from(token, 'base64').toString('utf8')).startRow;
			const pageEnd = Math.min(end, start + this.paging.pageSize);
			if (pageEnd < end) {
				const nextQuery = new URLSearchParams(q);
				nextQuery.set(
					'$skiptoken',
					Buffer.from(
						JSON.stringify({ startRow: pageEnd, endRow: pageEnd + this.paging.pageSize }),
					).toString('base64'),
				);
				next = `${this.url}${u.pathname}?${nextQuery.toString()}`;
			}
			end = pageEnd;
		}
		const results = rows.slice(start, end).map((row) => {
			const uri = `${this.url}${this.servicePath}/${setName}(${set.keyOf(row)})`;
			const fields =
				select && !this.ignoreSelect
					? Object.fromEntries(select.map((p) => [p, row[p] ?? null]))
					: row;
			return { __metadata: { uri, type: set.type }, ...fields };
		});
		const d: Record<string, unknown> = { results };
		if (q.get('$inlinecount') === 'allpages') d.__count = String(rows.length);
		if (next) d.__next = next;
		return { status: 200, body: { d } };
	}
}
