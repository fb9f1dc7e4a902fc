// Issue 13 (High): a server that sends its headers and then one body byte at a time must not hold an
// HRIS call. Every attempt has a deadline for connect + headers + body, on the programmatic path
// (fetch) and on the node path (n8n's own HTTP helper, whose timeout never fires while bytes trickle).
import { createServer, type Server } from 'node:http';

import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { IExecuteFunctions } from 'n8n-workflow';

import { fetchTransport, requestWithRetry, TokenCache, type HttpTransport } from '../../core';
import { readEmployees, PersonioClient } from '../../core/hris/personio';
import { hcmClient } from '../../core/hris/sap';
import { n8nTransport } from '../../nodes/shared/hrisTransport';
import { hrisFailure } from './failure';
import { closeLocal, listenLocal } from './localServer';

const DEADLINE_MS = 400;
const RETRY = { deadlineMs: DEADLINE_MS, maxTotalMs: 600, baseDelayMs: 5, maxDelayMs: 10 };

/** Answers tokens at once; every other path gets 200 + headers, then one byte every 100 ms. */
class TricklingServer {
	private server!: Server;
	url = '';
	/** trickling responses whose connection the client closed */
	closedByClient = 0;

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			if (req.url?.includes('/auth')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ access_token: 'tok', expires_in: 3600 }));
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{');
			const timer = setInterval(() => res.write(' '), 100);
			res.on('close', () => {
				clearInterval(timer);
				this.closedByClient++;
			});
		});
		this.url = await listenLocal(this.server);
		return this;
	}

	stop(): Promise<void> {
		return closeLocal(this.server);
	}
}

let server: TricklingServer;
beforeAll(async () => {
	server = await new TricklingServer().start();
});
afterAll(() => server.stop());

function personio(transport: HttpTransport) {
	return new PersonioClient({
		baseUrl: server.url,
		clientId: 'papi-x',
		clientSecret: 'y',
		apiVersion: 'v2',
		transport,
		retry: RETRY,
		tokenCache: new TokenCache(),
	});
}

// n8n's this.helpers.httpRequest is this call (n8n-core request-helpers/factory.js)
const n8nHelpers = {
	httpRequest: (options: unknown) =>
		Container.get(OutboundHttp)
			.requests()
			.request(options as never),
} as unknown as IExecuteFunctions['helpers'];

describe('a trickling HRIS fails at the deadline, naming the call, the deadline and the vendor', () => {
	test('programmatic path (fetch): Personio', async () => {
		const started = Date.now();
		const error = await hrisFailure(readEmployees(personio(fetchTransport)));
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(error.reason).toBe('timeout');
		expect(error.call).toBe('Personio GET /v2/persons');
		expect(error.message).toContain('Personio GET /v2/persons failed');
		expect(error.message).toContain('no complete answer within the deadline of 0.4 s');
	});

	test('node path (n8n’s HTTP helper): Personio, and the connection is closed, not left reading', async () => {
		const closedBefore = server.closedByClient;
		const started = Date.now();
		const error = await hrisFailure(readEmployees(personio(n8nTransport(n8nHelpers))));
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(error.reason).toBe('timeout');
		expect(error.message).toMatch(
			/^Personio GET \/v2\/persons failed after \d+ attempts? in [\d.]+ s — no complete answer within the deadline of 0\.4 s \(connect, headers and body\)/,
		);
		// the abort signal reached axios: each abandoned attempt's connection was closed by the client
		await new Promise((r) => setTimeout(r, 100));
		expect(server.closedByClient - closedBefore).toBeGreaterThanOrEqual(error.attempts);
	});

	test('node path: SAP HCM', async () => {
		const client = hcmClient({
			serviceUrl: `${server.url}/sap/opu/odata/sap/ZHR_BEM_SRV`,
			auth: { type: 'basic', username: 'u', password: 'p' },
			transport: n8nTransport(n8nHelpers),
			retry: RETRY,
		});
		const error = await hrisFailure(client.get('AbsenceSet'));
		expect(error.reason).toBe('timeout');
		expect(error.message).toContain('SAP HCM GET /sap/opu/odata/sap/ZHR_BEM_SRV/AbsenceSet');
		expect(error.message).toContain('deadline of 0.4 s');
	});

	test('a transport that ignores the signal is abandoned at the deadline all the same', async () => {
		let signalled = 0;
		const deaf: HttpTransport = (request) => {
			request.signal?.addEventListener('abort', () => signalled++);
			return new Promise(() => {});
		};
		const started = Date.now();
		const error = await hrisFailure(
			requestWithRetry(
				deaf,
				{ method: 'GET', url: 'http://127.0.0.1:9/x' },
				{ call: 'SAP SuccessFactors GET /EmpJob', retry: { ...RETRY, maxAttempts: 1 } },
			),
		);
		expect(Date.now() - started).toBeLessThan(1_500);
		expect(error.reason).toBe('timeout');
		expect(error.attempts).toBe(1);
		expect(signalled).toBe(1);
		expect(error.message).toContain('SAP SuccessFactors GET /EmpJob failed after 1 attempt');
	});
});
