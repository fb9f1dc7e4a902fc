// The rules over the AU days (threshold-contract.md, rules 3, 4 and 7). Both rules are linear in the
// number of AU days; nothing walks the calendar day by day.
import type { DayNumber } from '../calendar/days';
import type { AuDays } from './auDays';

export const EPSILON = 1e-9;
export const SIX_WEEKS_CALENDAR_DAYS = 42;

export interface ContinuousFinding {
	/** the day the first long-enough run completes (Infinity: none) */
	reachedDay: number;
	/** the longest run inside the window at the reference date */
	longestInWindow: number;
}

/** Rule 3: the first block of consecutive AU days long enough gives the continuous crossing (block start + runLength − 1). */
export function continuousRule(
	au: AuDays,
	runLength: number,
	refWindowStart: DayNumber,
): ContinuousFinding {
	const { n, day } = au;
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
	return { reachedDay, longestInWindow: Math.max(0, longest) };
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
		if (strict ? sum > threshold + EPSILON : sum >= threshold - EPSILON) return day;
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
	return { working, count };
}
