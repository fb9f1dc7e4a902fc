// Shared record logic: validating dates, clipping to the queried range, problems per record.
import { addDays, isDay } from './dates';
import type { DateRange, PersonioAbsence, PersonioRecordProblem } from './types';

export type Parsed<T> = { ok: T } | { problem: PersonioRecordProblem };

export function problem(
	source: PersonioRecordProblem['source'],
	recordId: unknown,
	employeeId: unknown,
	field: string,
	text: string,
): { problem: PersonioRecordProblem } {
	const id = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
	return {
		problem: { recordId: id(recordId), source, employeeId: id(employeeId), field, problem: text },
	};
}

/** Checks the start/end pair of an absence; returns the problem text or null. */
export function datesProblem(
	start: string | null,
	end: string | null,
	endMayBeOpen: boolean,
): { field: string; text: string } | null {
	if (start === null) return { field: 'start', text: 'the start date is missing or not a date' };
	if (!isDay(start)) return { field: 'start', text: `"${start}" is not a date` };
	if (end === null)
		return endMayBeOpen ? null : { field: 'end', text: 'the end date is missing or not a date' };
	if (!isDay(end)) return { field: 'end', text: `"${end}" is not a date` };
	if (end < start) return { field: 'end', text: `the end (${end}) is before the start (${start})` };
	return null;
}

/**
 * The part of an absence inside `range`, or null if none. A clipped edge loses its half-day flag (the
 * half day was on the original edge) and `hours` is narrowed with `hoursInRange`.
 */
export function clipToRange(
	absence: PersonioAbsence,
	range: DateRange,
	hoursInRange?: (from: string, to: string) => number | undefined,
): PersonioAbsence | null {
	const end = absence.end ?? range.to;
	if (absence.start > range.to || end < range.from) return null;
	const start = absence.start < range.from ? range.from : absence.start;
	const clippedEnd = end > range.to ? range.to : end;
	const clipped: PersonioAbsence = {
		...absence,
		start,
		end: clippedEnd,
		startHalf: start === absence.start && absence.startHalf,
		endHalf: clippedEnd === absence.end && absence.endHalf,
	};
	if (start !== absence.start || clippedEnd !== absence.end) {
		const hours = hoursInRange?.(start, clippedEnd);
		if (hours === undefined) delete clipped.hours;
		else clipped.hours = hours;
		delete clipped.days;
	}
	return clipped;
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
