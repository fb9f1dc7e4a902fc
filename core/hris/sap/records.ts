// SAP's part of the record layer (../records.ts) for both systems: what a clipped absence keeps,
// half days from SAP's day counts, effective-dated slices, and the work pattern from "days per week".
import { clipToRange } from '../records';
import type { DateRange, Parsed, SapAbsence, SapContact, SapRecordProblem } from './types';

/** The part of an absence inside `range`, or null if none. A clipped edge loses its half-day flag and the record its totals. */
export function clipAbsence(absence: SapAbsence, range: DateRange): SapAbsence | null {
	return clipToRange(absence, range, {
		keepOpenEnd: true,
		// SAP's totals are for the whole record: they no longer describe the clipped part
		narrow: (clipped) => {
			delete clipped.hours;
			delete clipped.workingDays;
			delete clipped.calendarDays;
		},
	});
}

/** What a read of absence pages gathers: each record once (by its id), clipped to the range. */
export interface AbsenceHarvest {
	absences: SapAbsence[];
	problems: SapRecordProblem[];
	seen: Set<string>;
}

export const newHarvest = (): AbsenceHarvest => ({ absences: [], problems: [], seen: new Set() });

/** Adds one parsed record (null: a type that does not count; `keep` false: not asked for). */
export function harvest(
	into: AbsenceHarvest,
	parsed: Parsed<SapAbsence> | null,
	range: DateRange,
	keep: (a: SapAbsence) => boolean = () => true,
): void {
	if (parsed === null) return;
	if ('problem' in parsed) {
		into.problems.push(parsed.problem);
		return;
	}
	if (!keep(parsed.ok) || into.seen.has(parsed.ok.id)) return;
	into.seen.add(parsed.ok.id);
	const clipped = clipAbsence(parsed.ok, range);
	if (clipped) into.absences.push(clipped);
}

/** A one-day record of less than a full day (0.5 days in SAP's count) is a half day for the engine. */
export function isHalfDay(start: string, end: string | null, workingDays: number | null): boolean {
	return end === start && workingDays !== null && workingDays > 0 && workingDays < 1;
}

/** Of effective-dated slices, the one valid at `day`, else the latest that started before it, else the earliest. */
export function sliceAt<T extends { validFrom: string | null; validTo: string | null }>(
	slices: T[],
	day: string,
): T | null {
	if (slices.length === 0) return null;
	const sorted = [...slices].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
	const valid = sorted.filter(
		(s) => (s.validFrom ?? '') <= day && (s.validTo === null || s.validTo >= day),
	);
	if (valid.length > 0) return valid[valid.length - 1];
	const before = sorted.filter((s) => (s.validFrom ?? '') <= day);
	return before.length > 0 ? before[before.length - 1] : sorted[0];
}

/**
 * Weekdays from "days per week": SAP states a number (WKWDY 3.00, workingDaysPerWeek 4.5), not which
 * days, so the first N days from Monday are taken (rounded to whole days, 1–7). The count is what the
 * §167 threshold needs (6 × days per week); which weekdays matters only for the working-day count.
 */
export function workdaysFromDaysPerWeek(daysPerWeek: number): number[] {
	const n = Math.min(7, Math.max(1, Math.round(daysPerWeek)));
	return [1, 2, 3, 4, 5, 6, 7].slice(0, n);
}

/** What to report about a record's days per week: `missing` when there are none, the rounding when not whole; else null. */
export function daysPerWeekProblem(
	days: number | null,
	missing: string,
	unit: string,
): string | null {
	if (days === null || !(days > 0)) return missing;
	if (Number.isInteger(days)) return null;
	return `${days} ${unit} rounded to ${workdaysFromDaysPerWeek(days).length} whole weekdays`;
}

export function hoursPerWorkdayOf(
	workdays: number[],
	hoursPerDay: number | null,
): Record<string, number> {
	if (hoursPerDay === null || !(hoursPerDay > 0)) return {};
	const h = Math.round(hoursPerDay * 100) / 100;
	return Object.fromEntries(workdays.map((d) => [String(d), h]));
}

/** The postal address as a letter shows it: street, then zip code and city; null if street and city are missing. */
export function postalAddressOf(
	parts: Pick<SapContact, 'addressLine1' | 'zipCode' | 'city'>,
): string | null {
	if (!parts.addressLine1 && !parts.city) return null;
	const place = [parts.zipCode, parts.city].filter(Boolean).join(' ');
	return [parts.addressLine1, place].filter(Boolean).join('\n');
}

/** A contact from the fields as read (each already trimmed text or null), with the letter's address. */
export function contactOf(parts: Omit<SapContact, 'address'>): SapContact {
	return { ...parts, address: postalAddressOf(parts) };
}
