// The work-pattern history an HRIS gives (effective-dated job or working-time records) → the threshold
// contract's v2 `workPatterns`: one entry per pattern in force during the range, oldest first, each
// valid from its `from` until the next entry's (before the first, the first applies).
import type { WorkPattern } from '../threshold/types';
import type { DateRange } from './records';

/** An effective-dated record's pattern, as the vendor parsed it. */
export interface PatternSlice {
	/** first day valid */
	from: string;
	/** last day valid; null = open */
	to: string | null;
	workdays: number[];
	hoursPerWorkday: Record<string, number>;
}

const same = (a: WorkPattern, b: WorkPattern) =>
	JSON.stringify([a.workdays, a.hoursPerWorkday ?? {}]) ===
	JSON.stringify([b.workdays, b.hoursPerWorkday ?? {}]);

/**
 * Every slice overlapping `range`, oldest first. Of slices starting the same day the later one in
 * `slices` wins (callers order by sequence number); a slice repeating the pattern before it adds nothing.
 */
export function patternHistory(slices: PatternSlice[], range: DateRange): WorkPattern[] {
	const overlapping = slices
		.map((s, i) => ({ s, i }))
		.filter(({ s }) => s.from <= range.to && (s.to === null || s.to >= range.from))
		.sort((a, b) => a.s.from.localeCompare(b.s.from) || a.i - b.i);
	const out: WorkPattern[] = [];
	for (const { s } of overlapping) {
		const entry: WorkPattern = { from: s.from, workdays: s.workdays };
		if (Object.keys(s.hoursPerWorkday).length > 0) entry.hoursPerWorkday = s.hoursPerWorkday;
		if (out.length > 0 && out[out.length - 1].from === entry.from) out.pop();
		if (out.length > 0 && same(out[out.length - 1], entry)) continue;
		out.push(entry);
	}
	return out;
}

/** Of dated entries (oldest first), those in force during `range`: the last one starting on or before its start, and every later one up to its end. */
export function inForceOver(entries: WorkPattern[], range: DateRange): WorkPattern[] {
	const upTo = entries.filter((e) => e.from <= range.to);
	const first = upTo.reduce((at, e, i) => (e.from <= range.from ? i : at), 0);
	return upTo.slice(first);
}
