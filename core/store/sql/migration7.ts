// Migration 7: each case may name its employee's German state (case-file.md "Order, corrections and the
// count's restart"): its deadlines roll past that state's holidays instead of the store's default.
// Existing cases keep NULL (the store's state, as before); their row snapshots leave the column out
// while it is NULL, so every existing audit chain still verifies.

export const CASE_HOLIDAY_STATE = {
	version: 7,
	statements: (): string[] => ['ALTER TABLE bem_cases ADD COLUMN holiday_state TEXT'],
};
