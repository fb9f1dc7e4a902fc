// The HRIS record layer every vendor shares: the queried range, a parsed record or its problem, the
// start/end check, clipping to the range and the engine's absence record. Vendors keep only their
// parsing (payload shapes, field names, what a clipped record's totals mean).
import { parseDay } from '../calendar/days';
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

/**
 * Checks an absence's start/end (null = missing or not a date); returns the problem or null. `fields`
 * names them as the vendor's payload does (SuccessFactors startDate/endDate, HCM Begda/Endda).
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
	if (end === null)
		return endMayBeOpen
			? null
			: { field: fields.end, text: 'the end date is missing or not a date' };
	if (!isDay(end)) return { field: fields.end, text: `"${end}" is not a date` };
	if (end < start)
		return { field: fields.end, text: `the end (${end}) is before the start (${start})` };
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
