import { BemStoreError } from '../errors';
import type { SqlDb, SqlRunner } from './db';

// Versioned schema, applied on first use under a lock (several n8n workers may start at once).
// Tables are prefixed bem_ so the store can live in a database shared with other software.
// Dates are 'YYYY-MM-DD' text in both backends: they compare as they sort.

/** What migrations and the open check need from the store key (never the key itself). */
export interface KeyContext {
	/** the key check value of the key this store is being opened with */
	keyCheck: string;
	/** whether this key opens a ciphertext the store already holds */
	opens(sealed: string, caseId: string): boolean;
}

interface Migration {
	version: number;
	statements(dialect: SqlDb['dialect']): string[];
	/** data steps after the statements (they need the key, so SQL alone cannot do them) */
	after?(t: SqlRunner, keys: KeyContext): Promise<void>;
}

const wrongKey = (why: string) =>
	new BemStoreError(
		'BEM_WRONG_KEY',
		`The BEM store refuses this encryption key: ${why}. Nothing was read or written. Use the key the store was created with (the BEM Store credential's encryption key).`,
		'encryptionKey',
	);

/** v2: the key check value. A v1 store gets it from the first key that opens its existing ciphertext. */
const KEY_CHECK: Migration = {
	version: 2,
	statements: () => ['CREATE TABLE bem_store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)'],
	async after(t, keys) {
		const [sample] = await t.all<{ case_id: string; sealed: string }>(
			`SELECT case_id, secret AS sealed FROM bem_events WHERE secret IS NOT NULL
			 UNION ALL SELECT case_id, subject AS sealed FROM bem_letters LIMIT 1`,
		);
		if (sample && !keys.opens(sample.sealed, sample.case_id))
			throw wrongKey("it does not open the store's existing encrypted notes and letters");
		await t.run("INSERT INTO bem_store_meta (name, value) VALUES ('key_check', ?)", [
			keys.keyCheck,
		]);
	},
};

const MIGRATIONS: Migration[] = [
	{
		version: 1,
		statements: (dialect) => {
			const bytes = dialect === 'postgres' ? 'BYTEA' : 'BLOB';
			const serial =
				dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
			const appendOnly =
				dialect === 'postgres'
					? [
							`CREATE OR REPLACE FUNCTION bem_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
							 BEGIN RAISE EXCEPTION 'bem_events is append-only'; END $$`,
							'CREATE TRIGGER bem_events_append_only BEFORE UPDATE ON bem_events FOR EACH ROW EXECUTE FUNCTION bem_refuse_update()',
						]
					: [
							"CREATE TRIGGER bem_events_append_only BEFORE UPDATE ON bem_events BEGIN SELECT RAISE(ABORT, 'bem_events is append-only'); END",
						];
			return [
				`CREATE TABLE bem_cases (
					id TEXT PRIMARY KEY,
					employee_id TEXT NOT NULL,
					state TEXT NOT NULL,
					outcome TEXT,
					reached_on TEXT NOT NULL,
					reason TEXT NOT NULL,
					opened_on TEXT NOT NULL,
					reply_due_on TEXT,
					review_due_on TEXT,
					closed_on TEXT,
					follow_up_on TEXT,
					offered_on TEXT,
					response TEXT,
					consent_given_on TEXT,
					statement_started_on TEXT,
					implemented_on TEXT,
					first_implemented_on TEXT,
					effective_reviews INTEGER NOT NULL DEFAULT 0,
					version INTEGER NOT NULL,
					head_hash TEXT NOT NULL
				)`,
				// at most one non-closed case per employee, enforced by the database
				"CREATE UNIQUE INDEX bem_cases_one_open ON bem_cases (employee_id) WHERE state <> 'closed'",
				'CREATE INDEX bem_cases_employee ON bem_cases (employee_id, opened_on)',
				'CREATE INDEX bem_cases_state ON bem_cases (state)',
				'CREATE INDEX bem_cases_opened ON bem_cases (opened_on)',
				'CREATE INDEX bem_cases_reply_due ON bem_cases (reply_due_on) WHERE reply_due_on IS NOT NULL',
				'CREATE INDEX bem_cases_review_due ON bem_cases (review_due_on) WHERE review_due_on IS NOT NULL',
				'CREATE INDEX bem_cases_follow_up ON bem_cases (follow_up_on) WHERE follow_up_on IS NOT NULL',
				'CREATE INDEX bem_cases_closed ON bem_cases (closed_on) WHERE closed_on IS NOT NULL',
				`CREATE TABLE bem_events (
					case_id TEXT NOT NULL REFERENCES bem_cases (id),
					seq INTEGER NOT NULL,
					type TEXT NOT NULL,
					on_day TEXT NOT NULL,
					actor TEXT NOT NULL,
					recorded_at TEXT NOT NULL,
					workflow_id TEXT,
					execution_id TEXT,
					data TEXT NOT NULL,
					secret TEXT,
					state_after TEXT NOT NULL,
					result TEXT NOT NULL,
					idempotency_key TEXT,
					hash TEXT NOT NULL,
					PRIMARY KEY (case_id, seq)
				)`,
				'CREATE UNIQUE INDEX bem_events_idempotency ON bem_events (case_id, idempotency_key) WHERE idempotency_key IS NOT NULL',
				'CREATE INDEX bem_events_type ON bem_events (type, on_day)',
				...appendOnly,
				`CREATE TABLE bem_letters (
					id TEXT PRIMARY KEY,
					case_id TEXT NOT NULL REFERENCES bem_cases (id),
					kind TEXT NOT NULL,
					on_day TEXT NOT NULL,
					actor TEXT NOT NULL,
					recorded_at TEXT NOT NULL,
					workflow_id TEXT,
					execution_id TEXT,
					subject TEXT NOT NULL,
					body TEXT NOT NULL,
					html TEXT,
					pdf ${bytes},
					idempotency_key TEXT
				)`,
				'CREATE INDEX bem_letters_case ON bem_letters (case_id)',
				'CREATE UNIQUE INDEX bem_letters_idempotency ON bem_letters (case_id, idempotency_key) WHERE idempotency_key IS NOT NULL',
				`CREATE TABLE bem_access_log (
					id ${serial},
					case_id TEXT NOT NULL,
					at TEXT NOT NULL,
					actor TEXT NOT NULL,
					purpose TEXT NOT NULL,
					action TEXT NOT NULL,
					workflow_id TEXT,
					execution_id TEXT
				)`,
				'CREATE INDEX bem_access_log_case ON bem_access_log (case_id)',
				// what a purge leaves behind: no case id, no employee, no text
				`CREATE TABLE bem_deletions (
					id TEXT PRIMARY KEY,
					purged_on TEXT NOT NULL,
					closed_on TEXT NOT NULL,
					outcome TEXT,
					retention_years INTEGER NOT NULL
				)`,
			];
		},
	},
	KEY_CHECK,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Applies the migrations the database lacks and checks the key, in one transaction: a wrong key rolls
 * everything back. Returns the schema version it is at.
 */
export async function migrate(db: SqlDb, keys: KeyContext): Promise<number> {
	return db.tx(async (t) => {
		await db.lockForMigration(t);
		await t.run(
			'CREATE TABLE IF NOT EXISTS bem_schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
		);
		const [row] = await t.all<{ v: number | null }>(
			'SELECT MAX(version) AS v FROM bem_schema_migrations',
		);
		const current = Number(row?.v ?? 0);
		if (current > SCHEMA_VERSION) {
			throw new Error(
				`The BEM store's schema is version ${current}, newer than this package knows (${SCHEMA_VERSION}): update n8n-nodes-bem`,
			);
		}
		for (const m of MIGRATIONS) {
			if (m.version <= current) continue;
			for (const sql of m.statements(db.dialect)) await t.run(sql);
			await m.after?.(t, keys);
			await t.run('INSERT INTO bem_schema_migrations (version, applied_at) VALUES (?, ?)', [
				m.version,
				new Date().toISOString(),
			]);
		}
		const [check] = await t.all<{ value: string }>(
			"SELECT value FROM bem_store_meta WHERE name = 'key_check'",
		);
		if (check?.value !== keys.keyCheck) throw wrongKey('the store was created with another key');
		return SCHEMA_VERSION;
	});
}
