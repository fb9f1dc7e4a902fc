import { Pool, type PoolConfig } from 'pg';

import type { Row, SqlDb, SqlRunner } from './db';

// PostgreSQL through a pg pool: several n8n workers (queue mode) each hold a pool; the database
// enforces the one-open-case rule and the version compare-and-set, never process memory.

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
	return {
		dialect: 'postgres',
		all: <T = Row>(sql: string, params?: readonly unknown[]) => direct.all<T>(sql, params),
		run: (sql, params) => direct.run(sql, params),
		async tx(fn) {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const result = await fn(runner(client));
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw error;
			} finally {
				client.release();
			}
		},
		async lockForMigration(t) {
			await t.all('SELECT pg_advisory_xact_lock(167167167)');
		},
		afterPurge: async () => undefined,
		close: () => pool.end(),
	};
}
