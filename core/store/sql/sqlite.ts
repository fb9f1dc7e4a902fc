import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'fs';
import { dirname } from 'path';

import type { Row, SqlDb, SqlRunner } from './db';

// better-sqlite3 is synchronous; the store's code is async. One connection per store, so a
// transaction must not interleave with other calls of the same process: a promise-chain lock
// serialises them. Other processes on the same file queue on SQLite's own lock (BEGIN IMMEDIATE,
// busy timeout).

/**
 * The BEM file holds health-adjacent personal data: a new folder is 0700, a new file 0600 (SQLite gives
 * its -wal and -shm files the file's mode). An existing file readable by others is used, with a warning.
 */
function prepareFile(path: string): void {
	const dir = dirname(path);
	if (!existsSync(dir)) {
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		chmodSync(dir, 0o700); // the umask may have narrowed the mode, never widened it: set it exactly
	}
	if (!existsSync(path)) {
		closeSync(openSync(path, 'wx', 0o600));
		chmodSync(path, 0o600);
		return;
	}
	const mode = statSync(path).mode & 0o777;
	if (mode & 0o077)
		// core has no n8n logger; the process log (n8n's console) is where an admin sees this
		// eslint-disable-next-line no-console
		console.warn(
			`The BEM store file ${path} is readable or writable by others (mode ${mode.toString(8).padStart(4, '0')}): restrict it with chmod 600`,
		);
}

export function openSqlite(path: string): SqlDb {
	prepareFile(path);
	const db = new Database(path, { timeout: 15000 });
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	// deleted rows are overwritten with zeros: a purge leaves no personal data in the file
	db.pragma('secure_delete = ON');

	const statements = new Map<string, Database.Statement>();
	const prepare = (sql: string) => {
		let stmt = statements.get(sql);
		if (!stmt) {
			stmt = db.prepare(sql);
			statements.set(sql, stmt);
		}
		return stmt;
	};
	const direct: SqlRunner = {
		async all<T>(sql: string, params: readonly unknown[] = []) {
			const stmt = prepare(sql);
			return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
		},
		async run(sql: string, params: readonly unknown[] = []) {
			return prepare(sql).run(...params).changes;
		},
	};

	let queue: Promise<unknown> = Promise.resolve();
	const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
		const result = queue.then(fn);
		queue = result.catch(() => undefined);
		return result;
	};

	return {
		dialect: 'sqlite',
		all: <T = Row>(sql: string, params?: readonly unknown[]) =>
			exclusive(() => direct.all<T>(sql, params)),
		run: (sql, params) => exclusive(() => direct.run(sql, params)),
		tx: (fn) =>
			exclusive(async () => {
				prepare('BEGIN IMMEDIATE').run();
				try {
					const result = await fn(direct);
					prepare('COMMIT').run();
					return result;
				} catch (error) {
					if (db.inTransaction) prepare('ROLLBACK').run();
					throw error;
				}
			}),
		lockForMigration: async () => undefined, // BEGIN IMMEDIATE already holds the write lock
		afterPurge: () =>
			exclusive(async () => {
				// freed pages are zeroed (secure_delete); the WAL still holds old page images: fold it in and truncate
				db.pragma('wal_checkpoint(TRUNCATE)');
			}),
		close: () =>
			exclusive(async () => {
				statements.clear();
				db.close();
			}),
	};
}
