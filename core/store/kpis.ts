import { addMonths, formatDay, parseDay } from '../calendar/days';
import type { KpiCounts, KpiReport } from './types';

// The five BEM quotas of lifecycle.md for a period, as aggregates only: a quota whose base covers
// fewer than MIN_PERSONS distinct employees is null, and so are the counts behind it.
//  - cohort: cases opened in [from, to] (Angebots-, Annahme-, Maßnahmenquote)
//  - observed: cases closed `completed` whose 12-month follow-up ends in [from, to], i.e. closed
//    between from − 12 months and to − 12 months (Stabilitäts-, Verbleibequote)

export const MIN_PERSONS = 5;
const FOLLOW_UP_MONTHS = 12;

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
const shown = (f: Fraction) => persons(f.base) >= MIN_PERSONS;
const quota = (f: Fraction) =>
	shown(f) && f.base.length > 0 ? Math.round((f.num.length / f.base.length) * 10000) / 10000 : null;

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
): KpiReport {
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
	const count = (rows: KpiCaseRow[], ...uses: Fraction[]) =>
		uses.some(shown) ? rows.length : null;
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
