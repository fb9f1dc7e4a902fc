// Personio's part of the record layer (../records.ts): what a clipped absence's totals become, and
// how far v1 time-offs must be asked beyond the range.
import { clipToRange } from '../records';
import { addDays } from './dates';
import type { DateRange, PersonioAbsence } from './types';

/**
 * The part of an absence inside `range`, or null if none (an ongoing one ends at the range's end).
 * A clipped record's `hours` are narrowed with `hoursInRange` (dropped without it), its `days` dropped.
 */
export function clipAbsence(
	absence: PersonioAbsence,
	range: DateRange,
	hoursInRange?: (from: string, to: string) => number | undefined,
): PersonioAbsence | null {
	return clipToRange(absence, range, {
		keepOpenEnd: false,
		narrow: (clipped) => {
			const hours = hoursInRange?.(clipped.start, clipped.end as string);
			if (hours === undefined) delete clipped.hours;
			else clipped.hours = hours;
			delete clipped.days;
		},
	});
}

/** Sums per-day amounts (breakdowns) whose date lies in [from, to]. */
export function sumDays(
	perDay: Array<{ date: string; amount: number }>,
	from: string,
	to: string,
): number {
	let total = 0;
	for (const d of perDay) if (d.date >= from && d.date <= to) total += d.amount;
	return Math.round(total * 100) / 100;
}

/** v1 time-offs only returns absences lying wholly inside the queried range: ask this much wider. */
export function widenForWhollyInside(range: DateRange, marginDays: number): DateRange {
	return { from: addDays(range.from, -marginDays), to: addDays(range.to, marginDays) };
}
