// Migration 10: the optional incremental absence mode's cache — the AU periods of the BEM year, one
// row per HRIS record, each sealed with the store's free-text cipher (health data: never in plain
// text), bound to its source, employee and record so a row moved elsewhere fails to open. Not
// evidence: rows follow the HRIS, are no part of the audit chain, and go with the employee's purge.
// The sources' last reads stay in bem_hris_sync (migration 5) under their own keys.

export const AU_PERIOD_CACHE = {
	version: 10,
	statements: (): string[] => [
		`CREATE TABLE bem_hris_au_periods (
			source TEXT NOT NULL,
			period_key TEXT NOT NULL,
			employee_id TEXT NOT NULL,
			sealed TEXT NOT NULL,
			changed_at TEXT NOT NULL,
			PRIMARY KEY (source, period_key)
		)`,
		'CREATE INDEX bem_hris_au_periods_employee ON bem_hris_au_periods (employee_id)',
	],
};
