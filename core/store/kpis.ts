import { addMonths, formatDay, parseDay } from '../calendar/days';
import { BemStoreError } from './errors';
import type { KpiCounts, KpiReport } from './types';

// The five BEM quotas of lifecycle.md for a whole calendar month, quarter or year, as aggregates only
// (case-file.md "KPIs"): a quota is null when its base, its numerator or the rest (base minus
// numerator) has fewer than `minCell` persons, and so is every count a withheld quota uses.
//  - cohort: cases opened in [from, to] (Angebots-, Annahme-, Maßnahmenquote)
//  - observed: cases closed `completed` whose 12-month follow-up ends in [from, to], i.e. closed
//    between from − 12 months and to − 12 months (Stabilitäts-, Verbleibequote)

/** the smallest group a figure may describe (the store's `minCell` option defaults to it) */
export const MIN_PERSONS = 5;
/** `minCell` is never set below this: a smaller group names people */
export const MIN_CELL_FLOOR = 3;
const FOLLOW_UP_MONTHS = 12;

/** The store's `minCell` option, checked: a whole number of persons, at least MIN_CELL_FLOOR. */
export function minCellOf(value: unknown): number {
	if (value === undefined) return MIN_PERSONS;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_CELL_FLOOR)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`minCell must be a whole number of persons, at least ${MIN_CELL_FLOOR} (default ${MIN_PERSONS})`,
			'minCell',
		);
	return value;
}

/**
 * Refuses a period that is not a whole calendar month, quarter or year: overlapping or shifted periods
 * would let two reports differ by a day, and the difference name the one case in it.
 */
export function checkCalendarPeriod(from: string, to: string): void {
	const [fy, fm, fd] = from.split('-').map(Number);
	const months = (months: number) => formatDay(addMonths(parseDay(from), months) - 1);
	const whole =
		fd === 1 &&
		(to === months(1) ||
			(to === months(3) && (fm - 1) % 3 === 0) ||
			(to === months(12) && fm === 1 && to === `${fy}-12-31`));
	if (!whole)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`kpis: the period must be a whole calendar month, quarter or year (e.g. 2025-01-01 to 2025-01-31, 2025-04-01 to 2025-06-30, 2025-01-01 to 2025-12-31); ${from} to ${to} is not`,
			'period',
		);
}

export interface KpiCaseRow {
	id: string;
	employee_id: string;
	opened_on: string;
	offered_on: string | null;
	response: string | null;
	first_implemented_on: string | null;
	outcome: string | null;
	closed_on: string | null;
}

export const shiftMonths = (day: string, months: number) =>
	formatDay(addMonths(parseDay(day), months));

/** The window of closing dates whose follow-up ends within the period. */
export function observedClosings(period: { from: string; to: string }): {
	from: string;
	to: string;
} {
	return {
		from: shiftMonths(period.from, -FOLLOW_UP_MONTHS),
		to: shiftMonths(period.to, -FOLLOW_UP_MONTHS),
	};
}

interface Fraction {
	num: KpiCaseRow[];
	base: KpiCaseRow[];
}

const persons = (rows: KpiCaseRow[]) => new Set(rows.map((r) => r.employee_id)).size;

/** base, numerator and the rest each cover at least `minCell` persons */
const shownAt = (minCell: number) => (f: Fraction) => {
	const inNum = new Set(f.num.map((r) => r.id));
	const rest = f.base.filter((r) => !inNum.has(r.id));
	return persons(f.base) >= minCell && persons(f.num) >= minCell && persons(rest) >= minCell;
};

/**
 * cohort: cases opened in the period; observed: completed cases closed in the observed window;
 * later: for those employees, the cases opened after; endedOn: case id → days employment ended
 * (employment_ended recorded on the completed case).
 */
export function computeKpis(
	cohort: KpiCaseRow[],
	observed: KpiCaseRow[],
	later: KpiCaseRow[],
	endedOn: Map<string, string[]>,
	minCell = MIN_PERSONS,
): KpiReport {
	const shown = shownAt(minCell);
	const quota = (f: Fraction) =>
		shown(f) ? Math.round((f.num.length / f.base.length) * 10000) / 10000 : null;
	const invited = cohort.filter((c) => c.offered_on !== null);
	const accepted = invited.filter((c) => c.response === 'accepted');
	const withMeasure = accepted.filter((c) => c.first_implemented_on !== null);

	const within = (closedOn: string, day: string | null) =>
		day !== null && day > closedOn && day <= shiftMonths(closedOn, FOLLOW_UP_MONTHS);
	const laterOf = new Map<string, KpiCaseRow[]>();
	for (const l of later) laterOf.set(l.employee_id, [...(laterOf.get(l.employee_id) ?? []), l]);
	const stable = observed.filter(
		(c) =>
			!(laterOf.get(c.employee_id) ?? []).some(
				(l) => l.id !== c.id && within(c.closed_on as string, l.opened_on),
			),
	);
	const retained = observed.filter((c) => {
		const closedOn = c.closed_on as string;
		const endedHere = (endedOn.get(c.id) ?? []).some(
			(d) => d <= shiftMonths(closedOn, FOLLOW_UP_MONTHS),
		);
		const endedLater = (laterOf.get(c.employee_id) ?? []).some(
			(l) => l.id !== c.id && l.outcome === 'employment_ended' && within(closedOn, l.closed_on),
		);
		return !endedHere && !endedLater;
	});

	const angebot = { num: invited, base: cohort };
	const annahme = { num: accepted, base: invited };
	const massnahmen = { num: withMeasure, base: accepted };
	const stabil = { num: stable, base: observed };
	const verbleib = { num: retained, base: observed };
	// a count only where every quota built on it is shown: two counts of a withheld quota would give it away
	const count = (rows: KpiCaseRow[], ...uses: Fraction[]) =>
		uses.every(shown) ? rows.length : null;
	const counts: KpiCounts = {
		opened: count(cohort, angebot),
		invited: count(invited, angebot, annahme),
		accepted: count(accepted, annahme, massnahmen),
		withMeasure: count(withMeasure, massnahmen),
		completedObserved: count(observed, stabil),
		stable: count(stable, stabil),
		retained: count(retained, verbleib),
	};
	return {
		angebotsquote: quota(angebot),
		annahmequote: quota(annahme),
		massnahmenquote: quota(massnahmen),
		stabilitaetsquote: quota(stabil),
		verbleibequote: quota(verbleib),
		counts,
	};
}
