// Migration 8: what the daily runs have already told whom. Not evidence and no health data: ids only.
// - bem_reminders: one row per reminder sent (recipient, item, day); the key makes a rerun the same day
//   claim nothing twice, so the Deadline Sweep mails each item once a day however often it runs.
// - bem_approaching: who each Detect source currently reports as approaching the threshold, so the
//   digest names only who newly entered (once per crossing), not everyone on every run.

export const REMINDER_LOG = {
	version: 8,
	statements: (): string[] => [
		`CREATE TABLE bem_reminders (
			recipient TEXT NOT NULL,
			item TEXT NOT NULL,
			on_day TEXT NOT NULL,
			case_id TEXT,
			sent_at TEXT NOT NULL,
			PRIMARY KEY (recipient, item, on_day)
		)`,
		'CREATE INDEX bem_reminders_case ON bem_reminders (case_id) WHERE case_id IS NOT NULL',
		`CREATE TABLE bem_approaching (
			source TEXT NOT NULL,
			employee_id TEXT NOT NULL,
			since TEXT NOT NULL,
			PRIMARY KEY (source, employee_id)
		)`,
	],
};
