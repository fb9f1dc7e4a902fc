import { BemStoreError } from '../errors';
import { GENESIS_HASH } from '../hash';
import {
	accessDigest,
	appendLedger,
	LEDGER_SHARDS,
	letterDigest,
	type AccessRowFields,
	type AuditKeys,
	type LetterRowFields,
} from '../ledger';
import { writeGrant } from '../grants';
import { DEFAULT_PRINCIPAL } from '../roles';
import { rowSnapshot, type CaseRow } from '../rows';
import type { SqlDb, SqlRunner } from './db';
import { WORK_PATTERN_CACHE } from './migration5';
import { OWNER_DIRECTORY } from './migration6';
import { CASE_HOLIDAY_STATE } from './migration7';
import { REMINDER_LOG } from './migration8';
import { CASE_REFERENCE } from './migration9';
import { AU_PERIOD_CACHE } from './migration10';

// Versioned schema, applied on first use under a lock (several n8n workers may start at once).
// Tables are prefixed bem_ so the store can live in a database shared with other software.
// Dates are 'YYYY-MM-DD' text in both backends: they compare as they sort.

/** What migrations and the open check need from the store key (never the key itself). */
export interface KeyContext {
	/** the key check value of the key this store is being opened with */
	keyCheck: string;
	/** whether this key opens a ciphertext the store already holds */
	opens(sealed: string, caseId: string): boolean;
	audit: AuditKeys;
}

interface Migration {
	version: number;
	statements(dialect: SqlDb['dialect']): string[];
	/** data steps after the statements (they need the key, so SQL alone cannot do them) */
	after?(t: SqlRunner, keys: KeyContext, dialect: SqlDb['dialect']): Promise<void>;
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

/** tables whose rows are evidence: never updated; removed only by purgeExpired (marked in bem_purging) */
const PURGEABLE: Array<[string, string]> = [
	['bem_events', 'case_id'],
	['bem_letters', 'case_id'],
	['bem_access_log', 'case_id'],
	['bem_cases', 'id'],
];
const NEVER_CHANGED = [
	'bem_letters',
	'bem_access_log',
	'bem_ledger',
	'bem_deletions',
	'bem_store_meta',
];
const NEVER_DELETED = ['bem_ledger', 'bem_deletions', 'bem_store_meta'];

function evidenceTriggers(dialect: SqlDb['dialect']): string[] {
	if (dialect === 'postgres')
		return [
			`CREATE OR REPLACE FUNCTION bem_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
			 BEGIN RAISE EXCEPTION '% is append-only (BEM evidence)', TG_TABLE_NAME; END $$`,
			`CREATE OR REPLACE FUNCTION bem_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
			 BEGIN
				IF EXISTS (SELECT 1 FROM bem_purging WHERE case_id = to_jsonb(OLD) ->> TG_ARGV[0]) THEN RETURN OLD; END IF;
				RAISE EXCEPTION '%: rows are removed only by purgeExpired (BEM evidence)', TG_TABLE_NAME;
			 END $$`,
			...NEVER_CHANGED.map(
				(t) =>
					`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION bem_refuse_change()`,
			),
			...NEVER_DELETED.map(
				(t) =>
					`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION bem_refuse_change()`,
			),
			...PURGEABLE.map(
				([t, col]) =>
					`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION bem_refuse_delete('${col}')`,
			),
		];
	return [
		...NEVER_CHANGED.map(
			(t) =>
				`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only (BEM evidence)'); END`,
		),
		...NEVER_DELETED.map(
			(t) =>
				`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only (BEM evidence)'); END`,
		),
		...PURGEABLE.map(
			([t, col]) =>
				`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} WHEN NOT EXISTS (SELECT 1 FROM bem_purging WHERE case_id = OLD.${col})
				 BEGIN SELECT RAISE(ABORT, '${t}: rows are removed only by purgeExpired (BEM evidence)'); END`,
		),
	];
}

/**
 * v3: keyed evidence. Events from now on are linked by HMAC (over the case row after them), a store-wide
 * ledger records every event, letter, access row and purge, and triggers refuse UPDATE/DELETE.
 * Existing chains: their plain SHA-256 links stay as they are and keep verifying up to the migration
 * point, and each case's v1 head (with its row) is re-anchored in the ledger under the HMAC now. We
 * chose this over recomputing old links as HMACs because rewriting evidence rows is exactly what the
 * store must never do, and a v1 link can no longer be forged once its head is anchored: anyone rewriting
 * old events would have to hit the same SHA-256 head.
 */
const EVIDENCE: Migration = {
	version: 3,
	statements: (dialect) => [
		'ALTER TABLE bem_events ADD COLUMN row_after TEXT',
		`CREATE TABLE bem_ledger (
			shard INTEGER NOT NULL,
			n BIGINT NOT NULL,
			kind TEXT NOT NULL,
			subject TEXT NOT NULL,
			ref TEXT NOT NULL,
			digest TEXT NOT NULL,
			mac TEXT NOT NULL,
			PRIMARY KEY (shard, n)
		)`,
		'CREATE INDEX bem_ledger_subject ON bem_ledger (subject)',
		'CREATE TABLE bem_ledger_head (id INTEGER PRIMARY KEY, n BIGINT NOT NULL, mac TEXT NOT NULL)',
		`INSERT INTO bem_ledger_head (id, n, mac) VALUES ${Array.from({ length: LEDGER_SHARDS }, (_, i) => `(${i}, 0, '${GENESIS_HASH}')`).join(', ')}`,
		'CREATE TABLE bem_purging (case_id TEXT PRIMARY KEY)',
		...evidenceTriggers(dialect),
	],
	async after(t, keys, dialect) {
		const k = keys.audit;
		const entries = [];
		for (const c of await t.all<CaseRow>('SELECT * FROM bem_cases ORDER BY id'))
			entries.push({
				kind: 'v1' as const,
				caseId: c.id,
				ref: String(c.version),
				digest: v1Anchor(k, c),
			});
		for (const l of await t.all<LetterRowFields>('SELECT * FROM bem_letters ORDER BY id'))
			entries.push({
				kind: 'letter' as const,
				caseId: l.case_id,
				ref: l.id,
				digest: letterDigest(k, l),
			});
		for (const a of await t.all<AccessRowFields>('SELECT * FROM bem_access_log ORDER BY id'))
			entries.push({
				kind: 'access' as const,
				caseId: a.case_id,
				ref: '',
				digest: accessDigest(k, a),
			});
		await appendLedger(t, dialect, k, entries);
	},
};

/** a v1 case's head and row at migration: '<chain anchor>:<row anchor>' */
export function v1Anchor(k: AuditKeys, c: CaseRow): string {
	return `${k.mac(['v1-head', c.id, Number(c.version), c.head_hash])}:${k.mac(['v1-row', rowSnapshot(c)])}`;
}

/**
 * v4: principals and roles (case-file.md). Grants live in bem_roles ('' = store-wide); the access log
 * gets each row's outcome ('allowed' | 'denied', under the row's MAC from now on; older rows keep theirs).
 * Every store, new or upgraded, starts with DEFAULT_PRINCIPAL ('n8n', the BEM Store credential's default
 * principal) as store-wide bem_officer: an installed n8n keeps its access, a new one can grant the rest.
 * The grant is logged in the chained access log like any later one.
 */
const ROLES_TABLE: Migration = {
	version: 4,
	statements: () => [
		`CREATE TABLE bem_roles (
			principal TEXT NOT NULL,
			role TEXT NOT NULL,
			case_id TEXT NOT NULL,
			granted_by TEXT NOT NULL,
			granted_on TEXT NOT NULL,
			PRIMARY KEY (principal, role, case_id)
		)`,
		'CREATE INDEX bem_roles_case ON bem_roles (case_id)',
		'ALTER TABLE bem_access_log ADD COLUMN outcome TEXT',
	],
	async after(t, keys, dialect) {
		await writeGrant(t, dialect, keys.audit, {
			principal: DEFAULT_PRINCIPAL,
			role: 'bem_officer',
			by: 'migration 4',
			on: new Date().toISOString().slice(0, 10),
		});
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
	EVIDENCE,
	ROLES_TABLE,
	WORK_PATTERN_CACHE,
	OWNER_DIRECTORY,
	CASE_HOLIDAY_STATE,
	REMINDER_LOG,
	CASE_REFERENCE,
	AU_PERIOD_CACHE,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
/** every migration's version, in order (numbers are taken by parallel branches, so one may be missing) */
export const MIGRATION_VERSIONS = MIGRATIONS.map((m) => m.version);

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
		const applied = new Set(
			(await t.all<{ v: number }>('SELECT version AS v FROM bem_schema_migrations')).map((r) =>
				Number(r.v),
			),
		);
		const current = Math.max(0, ...applied);
		if (current > SCHEMA_VERSION) {
			throw new Error(
				`The BEM store's schema is version ${current}, newer than this package knows (${SCHEMA_VERSION}): update n8n-nodes-bem`,
			);
		}
		for (const m of MIGRATIONS) {
			// each one not applied yet, also one numbered below the newest (merged from a parallel branch)
			if (applied.has(m.version)) continue;
			for (const sql of m.statements(db.dialect)) await t.run(sql);
			await m.after?.(t, keys, db.dialect);
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
