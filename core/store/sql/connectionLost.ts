import { BemStoreError } from '../errors';

// PostgreSQL connection failures, translated into a store error that says in plain words what the raw
// code means and whether anything was written. A server restart, a failover or a network cut must fail
// the one call, never the n8n process.

const MEANINGS: Record<string, string> = {
	'57P01': 'the server was shut down or restarted by its administrator and ended the connection',
	'57P02': 'the server crashed and ended every connection',
	'57P03': 'the server is starting up or shutting down and accepts no connections yet',
	'08000': 'the connection failed',
	'08003': 'the connection no longer exists',
	'08006': 'the connection failed while in use',
	'08001': 'the client could not establish a connection',
	ECONNREFUSED: 'nothing accepts connections at that host and port (server down or restarting)',
	ECONNRESET: 'the network connection was reset',
	ETIMEDOUT: 'the network connection timed out',
	EPIPE: 'the network connection was closed while writing',
	ENOTFOUND: 'the host name does not resolve',
};
const TERMINATED =
	/Connection terminated|connection timeout|Client has encountered a connection error/i;

/**
 * The raw code ('57P01', 'ECONNREFUSED', 'terminated') when the error is a lost or refused connection
 * that wrote nothing (so a read may be tried again); else null.
 */
export function connectionLossCode(error: unknown): string | null {
	const e = error as { code?: unknown; message?: unknown } | null;
	if (!e || typeof e !== 'object') return null;
	if (e instanceof StoreUnavailableError) return e.written === 'no' ? e.lossCode : null;
	if (typeof e.code === 'string' && e.code in MEANINGS) return e.code;
	if (typeof e.message === 'string' && TERMINATED.test(e.message)) return 'terminated';
	return null;
}

/**
 * `written`: 'no' when the database cannot have applied the call (it refused or aborted it, or it never
 * reached the server), 'unknown' when the connection died after a write or a COMMIT was sent.
 */
export class StoreUnavailableError extends BemStoreError {
	constructor(
		message: string,
		/** the raw code: '57P01', 'ECONNREFUSED', … or 'terminated' */
		public readonly lossCode: string,
		public readonly written: 'no' | 'unknown',
	) {
		super('BEM_STORE_UNAVAILABLE', message);
	}
}

export function connectionLost(code: string, written: 'no' | 'unknown'): StoreUnavailableError {
	const meaning =
		code === 'terminated'
			? 'the connection ended without an answer from the server'
			: MEANINGS[code];
	const outcome =
		written === 'no'
			? 'nothing was written'
			: 'the write may or may not have been applied: read the case, or repeat the call with the same idempotency key';
	return new StoreUnavailableError(
		`The BEM store's PostgreSQL connection was lost (${code}: ${meaning}); ${outcome}. Try again once the database is reachable.`,
		code,
		written,
	);
}
