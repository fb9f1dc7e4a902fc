import type { SqlRunner } from './db';

// Migration 9: the case reference HR and the employee read (Aktenzeichen BEM-2026-0042): the year of
// opening and a number counted per year, unique together; the case id (a UUID) stays the key. The
// reference is a label, not evidence: it is no part of the case row's MAC (rows.ts caseSnapshot), so
// numbering existing cases changes no chain, and a tampered reference cannot pass for another case,
// whose id stays what every event, letter and link names.

/** the next number per year; a purged case's number is never given again */
const COUNTER = 'bem_case_numbers';

export const CASE_REFERENCE = {
	version: 9,
	statements: (): string[] => [
		'ALTER TABLE bem_cases ADD COLUMN ref_year INTEGER',
		'ALTER TABLE bem_cases ADD COLUMN ref_number INTEGER',
		'CREATE UNIQUE INDEX bem_cases_reference ON bem_cases (ref_year, ref_number)',
		`CREATE TABLE ${COUNTER} (year INTEGER PRIMARY KEY, last_number INTEGER NOT NULL)`,
	],
	/** existing cases are numbered in the order they were opened (day, then the moment of their first event) */
	async after(t: SqlRunner): Promise<void> {
		const cases = await t.all<{ id: string; opened_on: string }>(
			`SELECT c.id, c.opened_on FROM bem_cases c LEFT JOIN bem_events e ON e.case_id = c.id AND e.seq = 1
			 ORDER BY c.opened_on, e.recorded_at, c.id`,
		);
		const last = new Map<number, number>();
		for (const c of cases) {
			const year = yearOf(c.opened_on);
			const n = (last.get(year) ?? 0) + 1;
			last.set(year, n);
			await t.run('UPDATE bem_cases SET ref_year = ?, ref_number = ? WHERE id = ?', [
				year,
				n,
				c.id,
			]);
		}
		for (const [year, n] of last)
			await t.run(`INSERT INTO ${COUNTER} (year, last_number) VALUES (?, ?)`, [year, n]);
	},
};

const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * Numbers a case just inserted, in its transaction: the year's counter row is locked until the commit
 * (PostgreSQL: row lock; SQLite: the write lock), so racing opens get consecutive numbers, and an open
 * that rolls back gives its number back.
 */
export async function assignReference(
	t: SqlRunner,
	caseId: string,
	openedOn: string,
): Promise<string> {
	const year = yearOf(openedOn);
	const [row] = await t.all<{ n: number | string }>(
		`INSERT INTO ${COUNTER} (year, last_number) VALUES (?, 1)
		 ON CONFLICT (year) DO UPDATE SET last_number = ${COUNTER}.last_number + 1 RETURNING last_number AS n`,
		[year],
	);
	const n = Number(row.n);
	await t.run('UPDATE bem_cases SET ref_year = ?, ref_number = ? WHERE id = ?', [year, n, caseId]);
	return caseReference(year, n);
}

/** 'BEM-2026-0042': four digits at least, more once a year has more cases */
export function caseReference(year: number, n: number): string {
	return `BEM-${year}-${String(n).padStart(4, '0')}`;
}
