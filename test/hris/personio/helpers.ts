import { fetchTransport, TokenCache, type HttpTransport, type RetryPolicy } from '../../../core';
import { PersonioClient } from '../../../core/hris/personio';
import { CLIENT_ID, CLIENT_SECRET, type PersonioServer } from './server';

export function clientFor(server: PersonioServer, apiVersion: 'v1' | 'v2', extra: { retry?: RetryPolicy; transport?: HttpTransport; clientSecret?: string } = {}) {
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
