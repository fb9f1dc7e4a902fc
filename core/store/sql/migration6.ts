// Migration 6: the owner directory of the measure plan — the principals measures are given to, with
// the contact data reminders need (display name, e-mail), kept by the BEM officer. No case content,
// so plain text and no part of the audit chain; every write and read of it is in the access log.
// Existing stores keep their cases and chains untouched: the measure plan itself is read from events.

export const OWNER_DIRECTORY = {
	version: 6,
	statements: (): string[] => [
		`CREATE TABLE bem_owners (
			principal TEXT PRIMARY KEY,
			display_name TEXT NOT NULL,
			email TEXT NOT NULL,
			updated_on TEXT NOT NULL,
			updated_by TEXT NOT NULL
		)`,
	],
};
