// Migration 5: the HRIS work-pattern cache — contract data (weekdays, hours, hire date, the pattern
// history), not health data, so it is kept in plain text. One row per employee and HRIS source, and
// the moment of the source's last successful read, from which the next read asks only what changed.
// Not evidence: rows are replaced when the HRIS changes them, and are no part of the audit chain.

export const WORK_PATTERN_CACHE = {
	version: 5,
	statements: (): string[] => [
		`CREATE TABLE bem_hris_patterns (
			source TEXT NOT NULL,
			employee_id TEXT NOT NULL,
			pattern TEXT NOT NULL,
			changed_at TEXT NOT NULL,
			PRIMARY KEY (source, employee_id)
		)`,
		'CREATE TABLE bem_hris_sync (source TEXT PRIMARY KEY, synced_at TEXT NOT NULL)',
	],
};
