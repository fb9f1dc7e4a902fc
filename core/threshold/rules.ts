// The rules over the AU days (threshold-contract.md, rules 3, 4 and 7). Both rules are linear in the
// number of AU days; nothing walks the calendar day by day.
import type { DayNumber } from '../calendar/days';
import type { AuDays } from './auDays';
import { nextPatternFrom, patternAt, type WorkPatterns } from './pattern';

export const EPSILON = 1e-9;
export const SIX_WEEKS_CALENDAR_DAYS = 42;

export interface ContinuousFinding {
	/** the day the first long-enough run completes (Infinity: none) */
	reachedDay: number;
	/** the longest run inside the window at the reference date */
	longestInWindow: number;
}

// reused result objects: the engine is synchronous and reads them before the next call
const continuousFinding: ContinuousFinding = { reachedDay: Infinity, longestInWindow: 0 };
const windowSums: WindowSums = { working: 0, count: 0 };

/** Rule 3: the first block of consecutive AU days long enough gives the continuous crossing (block start + runLength − 1). */
export function continuousRule(
	au: AuDays,
	runLength: number,
	refWindowStart: DayNumber,
): ContinuousFinding {
	const { n, day } = au;
	const found = continuousFinding;
	let reachedDay = Infinity;
	let longest = 0;
	for (let i = 0; i < n; ) {
		let j = i;
		while (j + 1 < n && day[j + 1] === day[j] + 1) j++;
		const blockStart = day[i];
		const blockEnd = day[j];
		if (reachedDay === Infinity && blockEnd - blockStart + 1 >= runLength)
			reachedDay = blockStart + runLength - 1;
		const inWindow = blockEnd - Math.max(blockStart, refWindowStart) + 1;
		if (inWindow > longest) longest = inWindow;
		i = j + 1;
	}
	found.reachedDay = reachedDay;
	found.longestInWindow = Math.max(0, longest);
	return found;
}

/**
 * Rule 4: a two-pointer rolling sum over the counted AU days, `tail` dropping the days that left the
 * window; the first day the sum reaches (strict: exceeds) the threshold, before `before`, or Infinity.
 */
export function cumulativeRule(
	au: AuDays,
	windowStartAt: (day: DayNumber) => DayNumber,
	threshold: number,
	strict: boolean,
	before: number,
	tolerance: number = EPSILON,
): number {
	const { n, day: auDays, value: countValue } = au;
	let sum = 0;
	for (let i = 0, tail = 0; i < n; i++) {
		const value = countValue[i];
		if (value === 0) continue;
		const day = auDays[i];
		if (day >= before) break;
		sum += value;
		const start = windowStartAt(day);
		while (auDays[tail] < start) sum -= countValue[tail++];
		if (strict ? sum > threshold + tolerance : sum >= threshold - tolerance) return day;
	}
	return Infinity;
}

export interface WindowSums {
	working: number;
	count: number;
}

/** Rule 7: the sums over the AU days in the window at the reference date. */
export function sumsInWindow(au: AuDays, refWindowStart: DayNumber): WindowSums {
	let working = 0;
	let count = 0;
	for (let i = au.n - 1; i >= 0 && au.day[i] >= refWindowStart; i--) {
		working += au.working[i];
		count += au.value[i];
	}
	windowSums.working = working;
	windowSums.count = count;
	return windowSums;
}

export interface HoursWindowFigures {
	/** AU hours (the count's values are hours ÷ weekly hours of each day's pattern) */
	hours: number;
	/** AU working days ÷ working days per week of each day's pattern */
	auWeeks: number;
}

/** Rule 7 with hours over a history: undoes each day's pattern scaling, walking the window at the reference date. */
export function hoursWindowFigures(
	au: AuDays,
	refWindowStart: DayNumber,
	patterns: WorkPatterns,
): HoursWindowFigures {
	let i = au.n - 1;
	while (i >= 0 && au.day[i] >= refWindowStart) i--;
	let hours = 0;
	let auWeeks = 0;
	let pi = -1;
	let nextFrom = -Infinity;
	for (i++; i < au.n; i++) {
		const d = au.day[i];
		if (d >= nextFrom) {
			pi = patternAt(patterns, d);
			nextFrom = nextPatternFrom(patterns, pi);
		}
		hours += au.value[i] / patterns.hourScale[pi];
		auWeeks += au.working[i] / patterns.days[pi];
	}
	return { hours, auWeeks };
}
