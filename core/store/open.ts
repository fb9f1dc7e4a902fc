import { BemStoreError } from './errors';
import { checkKeyStrength } from './keys';
import { openPostgres } from './sql/postgres';
import { openSqlite } from './sql/sqlite';
import { createStore } from './store';
import type { BemStore, BemStoreConfig } from './types';

/** Opens the BEM store (migrating its schema on first use). SQLite is the embedded default. */
export async function openBemStore(config: BemStoreConfig): Promise<BemStore> {
	if (!config || (config.kind !== 'sqlite' && config.kind !== 'postgres')) {
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			"openBemStore: kind must be 'sqlite' or 'postgres'",
			'kind',
		);
	}
	if (config.kind === 'sqlite' && !config.path)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			'openBemStore: path of the SQLite file is required',
			'path',
		);
	if (config.kind === 'postgres' && !config.connectionString) {
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			'openBemStore: connectionString is required for PostgreSQL',
			'connectionString',
		);
	}
	checkKeyStrength(config.encryptionKey); // before any file or connection is made
	const db = config.kind === 'sqlite' ? openSqlite(config.path) : openPostgres(config);
	try {
		return await createStore(db, config);
	} catch (error) {
		await db.close().catch(() => undefined);
		throw error;
	}
}
