import { Pool, type PoolConfig } from 'pg';

import { connectionLossCode, connectionLost } from './connectionLost';
import type { Row, SqlDb, SqlRunner } from './db';

// PostgreSQL through a pg pool: several n8n workers (queue mode) each hold a pool; the database
// enforces the one-open-case rule and the version compare-and-set, never process memory.
// A lost connection (restart, failover) fails the call with BEM_STORE_UNAVAILABLE and never the process:
// every client checked out here has an 'error' listener, and reads are tried once more.

const numbered = new Map<string, string>();
function toPg(sql: string): string {
	let text = numbered.get(sql);
	if (text === undefined) {
		let n = 0;
		text = sql.replace(/\?/g, () => `$${++n}`);
		numbered.set(sql, text);
	}
	return text;
}

/** a connection refused or a statement the server aborted before it completed: nothing applied */
const NOT_SENT = new Set(['57P01', '57P03', 'ECONNREFUSED', 'ENOTFOUND', '08001']);

interface Queryable {
	query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

function runner(client: Queryable): SqlRunner {
	return {
		async all<T>(sql: string, params: readonly unknown[] = []) {
			return (await client.query(toPg(sql), params as unknown[])).rows as T[];
		},
		async run(sql: string, params: readonly unknown[] = []) {
			return (await client.query(toPg(sql), params as unknown[])).rowCount ?? 0;
		},
	};
}

export function openPostgres(config: {
	connectionString: string;
	ssl?: PoolConfig['ssl'];
	poolSize?: number;
}): SqlDb {
	const pool = new Pool({
		connectionString: config.connectionString,
		ssl: config.ssl,
		max: config.poolSize ?? 10,
	});
	// an idle client's error (server restart) must not crash the n8n process; the next query reconnects
	pool.on('error', () => undefined);
	const direct = runner(pool);
	/** one more try for a read whose connection was lost; the second loss is the caller's error */
	const read = async <T>(attempt: () => Promise<T>): Promise<T> => {
		for (let tries = 1; ; tries++) {
			try {
				return await attempt();
			} catch (error) {
				const code = connectionLossCode(error);
				if (!code) throw error;
				if (tries === 2) throw connectionLost(code, 'no');
			}
		}
	};
	const tx = async <T>(fn: (t: SqlRunner) => Promise<T>): Promise<T> => {
		let client;
		try {
			client = await pool.connect();
		} catch (error) {
			const code = connectionLossCode(error);
			throw code ? connectionLost(code, 'no') : error;
		}
		// a server restart ends a checked-out client with an 'error' event: without a listener it is
		// an uncaught exception that ends n8n; the query in flight fails with it anyway
		let lost: unknown = null;
		const onError = (error: unknown) => (lost ??= error);
		client.on('error', onError);
		let committing = false;
		try {
			await client.query('BEGIN');
			const result = await fn(runner(client));
			committing = true;
			await client.query('COMMIT');
			return result;
		} catch (error) {
			const code = connectionLossCode(error) ?? (lost ? connectionLossCode(lost) : null);
			if (!code) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw error;
			}
			lost ??= error;
			// before COMMIT the server rolls the transaction back with the connection; during it, nobody knows
			throw connectionLost(code, committing ? 'unknown' : 'no');
		} finally {
			client.off('error', onError);
			// a client whose connection broke is discarded, not handed to the next call
			client.release(lost ? (lost as Error) : undefined);
		}
	};
	return {
		dialect: 'postgres',
		all: <T = Row>(sql: string, params?: readonly unknown[]) =>
			read(() => direct.all<T>(sql, params)),
		async run(sql, params) {
			try {
				return await direct.run(sql, params);
			} catch (error) {
				const code = connectionLossCode(error);
				if (!code) throw error;
				throw connectionLost(code, NOT_SENT.has(code) ? 'no' : 'unknown');
			}
		},
		tx: (fn, opts) => (opts?.read ? read(() => tx(fn)) : tx(fn)),
		async lockForMigration(t) {
			await t.all('SELECT pg_advisory_xact_lock(167167167)');
		},
		afterPurge: async () => undefined,
		close: () => pool.end(),
	};
}
