import { fetchTransport, TokenCache, type HttpTransport, type RetryPolicy } from '../../../core';
import { PersonioClient } from '../../../core/hris/personio';
import type { ChainNode } from '../../harness/workflow';
import { bigTenant } from './data';
import { CLIENT_ID, CLIENT_SECRET, PersonioServer } from './server';

export function clientFor(
	server: PersonioServer,
	apiVersion: 'v1' | 'v2',
	extra: { retry?: RetryPolicy; transport?: HttpTransport; clientSecret?: string } = {},
) {
	return new PersonioClient({
		baseUrl: server.url,
		clientId: CLIENT_ID,
		clientSecret: extra.clientSecret ?? CLIENT_SECRET,
		appId: 'N8N_NODES_BEM_TEST',
		apiVersion,
		transport: extra.transport ?? fetchTransport,
		retry: { baseDelayMs: 5, maxDelayMs: 50, maxTotalMs: 5_000, ...extra.retry },
		tokenCache: new TokenCache(),
	});
}

/** Words that would mean health detail leaked (the mock tenant's comments and certificate states). */
export const HEALTH_WORDS = ['Bandscheibe', 'Diagnose', 'certificate', 'uploaded', 'comment'];

/** A local Personio serving bigTenant(260, 4) for a test file: log, faults and rate limit reset before each test, contract checked after each. */
export function useBigServer(): { server: PersonioServer } {
	const local = {} as { server: PersonioServer };
	beforeAll(async () => {
		local.server = await new PersonioServer(bigTenant(260, 4)).start();
	});
	afterAll(() => local.server.stop());
	beforeEach(() => {
		local.server.log.length = 0;
		local.server.faults.length = 0;
		local.server.rateLimit = null;
	});
	afterEach(() => expect(local.server.contractViolations.splice(0)).toEqual([]));
	return local;
}

/** The personioApi credential (n8n's shape) for this server. */
export function personioCredential(server: { url: string }, apiVersion: 'v1' | 'v2') {
	return {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		apiVersion,
		baseUrl: server.url,
		appId: '',
		partnerId: '',
	};
}

/** The Personio node reading the BEM input (one item per employee) over `range`, for a test workflow. */
export function personioBemInputNode(
	range: { from: string; to: string },
	options: Record<string, unknown> = {},
): ChainNode {
	return {
		name: 'Personio',
		type: 'personio',
		parameters: {
			resource: 'absence',
			operation: 'getAll',
			output: 'bemInput',
			from: range.from,
			to: range.to,
			options,
		},
		credentials: { personioApi: 'Personio' },
	};
}
