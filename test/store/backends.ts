// The two real backends the contract suite runs against, each in a throw-away database:
// SQLite in a temp file, PostgreSQL in a fresh database on 127.0.0.1:5432 (dropped after).
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';

import { openBemStore, type BemStore, type BemStoreConfig, type Role } from '../../core';
import { DEFAULT_PRINCIPAL } from '../../core/store';

export const KEY = 'test-only key, not a secret: 0123456789abcdef';
/**
 * The store-wide roles the suites' own actors hold (roles are deny by default, case-file.md): the
 * older tests act as officers; the role tests name their principals themselves.
 */
export const TEST_ROLES: Record<string, Role[]> = Object.fromEntries(
	[
		'test',
		'test:hr',
		'test:workflow',
		'a',
		'b',
		'c',
		'x',
		'hr',
		'hr:admin',
		'sweep',
		'fixture',
		'integrator',
		'snoop',
	].map((actor) => [actor, ['bem_officer']]),
);

/**
 * For a store opened as the nodes open it (no roles at open): the tests' own calls act as 'test', made a
 * store-wide officer by the principal every store starts with.
 */
export const grantTestActor = (store: BemStore) =>
	store.grantRole({
		principal: 'test',
		role: 'bem_officer',
		by: DEFAULT_PRINCIPAL,
		on: '2026-01-01',
	});

/** who the tests read as when they check what a workflow or node wrote */
export const TEST_READER = { actor: 'test', purpose: 'test assertions' };

export const PG_ADMIN = process.env.BEM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
	name: 'sqlite' | 'postgres';
	config(extra?: Partial<BemStoreConfig>): BemStoreConfig;
	open(extra?: Partial<BemStoreConfig>): Promise<BemStore>;
	/** runs raw SQL outside the store (tampering, inspection) */
	exec(sql: string): Promise<Array<Record<string, unknown>>>;
	/** every byte the database holds, as text (SQLite: the files; PostgreSQL: all rows of the bem_ tables) */
	dump(): Promise<string>;
	teardown(): Promise<void>;
}

export function sqliteBackend(): Backend {
	const dir = mkdtempSync(join(tmpdir(), 'bem-store-'));
	const path = join(dir, 'bem.sqlite');
	const config = (extra: Partial<BemStoreConfig> = {}) =>
		({ kind: 'sqlite', path, encryptionKey: KEY, roles: TEST_ROLES, ...extra }) as BemStoreConfig;
	return {
		name: 'sqlite',
		config,
		open: (extra) => openBemStore(config(extra)),
		async exec(sql) {
			const db = new Database(path, { timeout: 10000 });
			try {
				const stmt = db.prepare(sql);
				return stmt.reader ? (stmt.all() as Array<Record<string, unknown>>) : (stmt.run(), []);
			} catch (error) {
				// better-sqlite3 keeps the error class of the first jest module registry that loaded it: an error
				// from it may not be an Error of this test's realm, so hand on its message as one
				throw new Error((error as { message?: string }).message ?? String(error));
			} finally {
				db.close();
			}
		},
		async dump() {
			return [path, `${path}-wal`]
				.filter(existsSync)
				.map((f) => readFileSync(f).toString('latin1'))
				.join('\n');
		},
		async teardown() {
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export async function postgresBackend(): Promise<Backend> {
	const admin = new Client({ connectionString: PG_ADMIN });
	try {
		await admin.connect();
	} catch (error) {
		throw new Error(
			`PostgreSQL is absent: cannot connect to ${PG_ADMIN} (${(error as Error).message}). The BEM store's PostgreSQL contract tests need it: start the server (scripts/ensure-services.sh) or set BEM_TEST_PG.`,
		);
	}
	const database = `bem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	await admin.query(`CREATE DATABASE ${database}`);
	const url = new URL(PG_ADMIN);
	url.pathname = `/${database}`;
	const connectionString = url.toString();
	const config = (extra: Partial<BemStoreConfig> = {}) =>
		({
			kind: 'postgres',
			connectionString,
			encryptionKey: KEY,
			roles: TEST_ROLES,
			...extra,
		}) as BemStoreConfig;
	const query = async (sql: string) => {
		const c = new Client({ connectionString });
		await c.connect();
		try {
			return (await c.query(sql)).rows as Array<Record<string, unknown>>;
		} finally {
			await c.end();
		}
	};
	return {
		name: 'postgres',
		config,
		connectionString,
		open: (extra) => openBemStore(config(extra)),
		exec: query,
		async dump() {
			const tables = await query(
				"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'bem_%'",
			);
			let text = '';
			for (const { tablename } of tables)
				text += JSON.stringify(await query(`SELECT * FROM ${tablename}`)) + '\n';
			return text;
		},
		async teardown() {
			await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
			await admin.end();
		},
	} as Backend;
}

/** A copy of a fixture store (test/fixtures/store-v1) as a backend of its own: SQLite file or PostgreSQL dump. */
export async function fixtureBackend(
	name: 'sqlite' | 'postgres',
	fixture: string,
): Promise<Backend> {
	if (name === 'sqlite') {
		const backend = sqliteBackend();
		const path = (backend.config() as { path: string }).path;
		copyFileSync(fixture, path);
		chmodSync(path, 0o600);
		return backend;
	}
	const backend = await postgresBackend();
	// pg_dump's psql meta-commands (\restrict) are not SQL; the rest runs as one simple query
	const dump = readFileSync(fixture, 'utf8')
		.split('\n')
		.filter((line) => !line.startsWith('\\'))
		.join('\n');
	await backend.exec(dump);
	return backend;
}
