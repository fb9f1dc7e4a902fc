// The HRIS record layer every vendor shares: the queried range, a parsed record or its problem, the
// start/end check, clipping to the range and the engine's absence record. Vendors keep only their
// parsing (payload shapes, field names, what a clipped record's totals mean).
import { addYears, formatDay, parseDay } from '../calendar/days';
import { todayInBerlin } from '../calendar/today';
import type { AbsenceRecord } from '../threshold/types';

export interface DateRange {
	/** 'YYYY-MM-DD' inclusive */
	from: string;
	/** 'YYYY-MM-DD' inclusive */
	to: string;
}

/** A record the HRIS returned that cannot be used (or was used with an assumption): reported, never dropped silently. */
export interface HrisRecordProblem<S extends string = string> {
	/** the vendor's id of the record (or null if it had none) */
	recordId: string | null;
	source: S;
	employeeId: string | null;
	field: string;
	problem: string;
}

export type Parsed<T, P = HrisRecordProblem> = { ok: T } | { problem: P };

export function problem<S extends string>(
	source: S,
	recordId: unknown,
	employeeId: unknown,
	field: string,
	text: string,
): { problem: HrisRecordProblem<S> } {
	const id = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
	return {
		problem: { recordId: id(recordId), source, employeeId: id(employeeId), field, problem: text },
	};
}

export function isDay(value: unknown): value is string {
	return typeof value === 'string' && value.length === 10 && !Number.isNaN(parseDay(value));
}

/** Absence dates before this are data errors (a mistyped year, a 1899/1900 placeholder), not AU. */
export const EARLIEST_PLAUSIBLE_DAY = '1990-01-01';
/** Absence dates more than this many years after today are data errors too. */
export const PLAUSIBLE_YEARS_AHEAD = 2;

let latest: { at: number; day: string } | null = null;
/** Today in Berlin plus PLAUSIBLE_YEARS_AHEAD (recomputed once a minute: it is asked per record). */
export function latestPlausibleDay(nowMs: number = Date.now()): string {
	if (latest === null || Math.abs(nowMs - latest.at) > 60_000) {
		const today = parseDay(todayInBerlin(new Date(nowMs)));
		latest = { at: nowMs, day: formatDay(addYears(today, PLAUSIBLE_YEARS_AHEAD)) };
	}
	return latest.day;
}

function implausible(day: string): string | null {
	if (day < EARLIEST_PLAUSIBLE_DAY) return `(${day}) is before 1990 — not a plausible absence date`;
	if (day > latestPlausibleDay())
		return `(${day}) is more than ${PLAUSIBLE_YEARS_AHEAD} years ahead — not a plausible absence date`;
	return null;
}

/**
 * Checks an absence's start/end (null = missing or not a date); returns the problem or null. `fields`
 * names them as the vendor's payload does (SuccessFactors startDate/endDate, HCM Begda/Endda). Dates
 * before 1990 or more than two years ahead are problems too: such a record is never counted.
 */
export function datesProblem(
	start: string | null,
	end: string | null,
	endMayBeOpen: boolean,
	fields: { start: string; end: string } = { start: 'start', end: 'end' },
): { field: string; text: string } | null {
	if (start === null)
		return { field: fields.start, text: 'the start date is missing or not a date' };
	if (!isDay(start)) return { field: fields.start, text: `"${start}" is not a date` };
	const startOff = implausible(start);
	if (startOff) return { field: fields.start, text: `the start ${startOff}` };
	if (end === null)
		return endMayBeOpen
			? null
			: { field: fields.end, text: 'the end date is missing or not a date' };
	if (!isDay(end)) return { field: fields.end, text: `"${end}" is not a date` };
	if (end < start)
		return { field: fields.end, text: `the end (${end}) is before the start (${start})` };
	const endOff = implausible(end);
	if (endOff) return { field: fields.end, text: `the end ${endOff}` };
	return null;
}

/** The fields of an absence the record layer reads; vendors add their own. */
export interface HrisAbsence {
	/** the vendor's id of the record */
	id: string;
	employeeId: string;
	/** contract kind (sick, hospital, …) */
	kind: string;
	/** 'YYYY-MM-DD' */
	start: string;
	/** inclusive; null = still ongoing */
	end: string | null;
	startHalf: boolean;
	endHalf: boolean;
	/** AU hours of the record */
	hours?: number;
}

export interface ClipRules<A> {
	/** an ongoing record clipped at the range's end stays ongoing (end null) instead of ending there */
	keepOpenEnd: boolean;
	/** fixes a clipped copy's totals (they were for the whole record) */
	narrow: (clipped: A) => void;
}

/**
 * The part of an absence inside `range`, or null if none. A clipped edge loses its half-day flag (the
 * half day was on the original edge); a clipped record's totals are the vendor's to narrow.
 */
export function clipToRange<A extends HrisAbsence>(
	absence: A,
	range: DateRange,
	rules: ClipRules<A>,
): A | null {
	const end = absence.end ?? range.to;
	if (absence.start > range.to || end < range.from) return null;
	const start = absence.start < range.from ? range.from : absence.start;
	const clippedEnd = end > range.to ? range.to : end;
	const clipped: A = {
		...absence,
		start,
		end: rules.keepOpenEnd && absence.end === null && clippedEnd === range.to ? null : clippedEnd,
		startHalf: start === absence.start && absence.startHalf,
		endHalf: clippedEnd === absence.end && absence.endHalf,
	};
	if (start !== absence.start || clippedEnd !== absence.end) rules.narrow(clipped);
	return clipped;
}

/** The engine's absence record (threshold contract) of an HRIS absence, with the vendor's id for tracing. */
export function toAbsenceRecord(a: HrisAbsence): AbsenceRecord & { id: string } {
	const record: AbsenceRecord & { id: string } = {
		id: a.id,
		start: a.start,
		end: a.end,
		kind: a.kind,
		startHalf: a.startHalf,
		endHalf: a.endHalf,
	};
	if (a.hours !== undefined) record.hours = a.hours;
	return record;
}
