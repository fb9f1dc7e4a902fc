// The little SQL surface the store needs, implemented once per backend. Statements use `?`
// placeholders; the PostgreSQL adapter numbers them. Both backends run the same statements.

export type Row = Record<string, unknown>;

export interface SqlRunner {
	all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
	/** runs a statement; resolves to the number of rows it changed */
	run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlDb extends SqlRunner {
	readonly dialect: 'sqlite' | 'postgres';
	/**
	 * runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing).
	 * `read`: the transaction only reads (and logs the access): PostgreSQL runs it again once when the
	 * connection was lost before COMMIT, as nothing of it was written. Direct `all` calls are reads too.
	 */
	tx<T>(fn: (t: SqlRunner) => Promise<T>, opts?: { read?: boolean }): Promise<T>;
	/** takes the migration lock for the rest of the transaction (PostgreSQL: an advisory lock) */
	lockForMigration(t: SqlRunner): Promise<void>;
	/** after a purge: make deleted rows unrecoverable from the files where the backend allows it */
	afterPurge(): Promise<void>;
	close(): Promise<void>;
}
