// The AU calendar days (rule 2): the counted records, sorted by start, become each AU day once,
// ascending, with the highest weight any record gives it (a half day covered by a full-day record is
// full) and what it adds to the cumulative count. Linear in the AU days; bridging (bridgeGaps) joins
// gaps of non-working days here.
import { isoWeekday } from '../calendar/days';
import type { ResolvedOptions } from './options';
import { isWorking } from './pattern';
import { FOLLOW_UP, HALF_END, HALF_START, type PreparedRecords } from './records';

/** The AU days of one employee in reused buffers; `n` of them are valid. */
export interface AuDays {
	n: number;
	/** the AU calendar days, ascending */
	day: Int32Array;
	/** what the day adds on the cumulative path (days or hours; 0 if not counted) */
	value: Float64Array;
	/** what the day adds to countedWorkingDays */
	working: Float64Array;
}

const au: AuDays = {
	n: 0,
	day: new Int32Array(0),
	value: new Float64Array(0),
	working: new Float64Array(0),
};

function ensureCapacity(n: number): void {
	const capacity = au.day.length;
	if (n <= capacity) return;
	const size = Math.max(n, capacity * 2, 1024);
	au.day = new Int32Array(size);
	au.value = new Float64Array(size);
	au.working = new Float64Array(size);
}

/** Insertion sort of the record indices by start: HR exports are nearly always in date order already, so this is linear. */
function sortByStart(p: PreparedRecords): void {
	const { start, order } = p;
	for (let i = 0; i < p.count; i++) {
		let j = i;
		const key = start[i];
		while (j > 0 && start[order[j - 1]] > key) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
}

export function emitAuDays(
	p: PreparedRecords,
	o: ResolvedOptions,
	patternMask: number,
	countMask: number,
	hoursPerWorkday: Float64Array | null,
	holidays: Set<number> | null,
): AuDays {
	const count = p.count;
	sortByStart(p);
	ensureCapacity(p.totalDays + 7 * count + 1);
	const { day: auDays, value: countValue, working: workingWeight } = au;
	const { start: recStart, end: recEnd, flags: recFlags, hoursPerDay: recHoursPerDay } = p;
	const recOrder = p.order;
	const half = o.halfDayWeight;
	const calendarModel = o.calendarModel;
	// only then can a later record raise the value of a day already emitted
	const maxing = half < 1 || hoursPerWorkday !== null;
	let n = 0;
	let hi = -2147483648;

	for (let k = 0; k < count; k++) {
		const r = recOrder[k];
		const s = recStart[r];
		const e = recEnd[r];
		const flags = recFlags[r];
		if (
			o.bridge !== 'none' &&
			n > 0 &&
			s > hi + 1 &&
			(o.bridge === 'all' || (flags & FOLLOW_UP) !== 0)
		) {
			let onlyNonWorking = true;
			for (let d = hi + 1; d < s && onlyNonWorking; d++)
				onlyNonWorking = !isWorking(d, patternMask, holidays);
			if (onlyNonWorking) {
				for (let d = hi + 1; d < s; d++) {
					auDays[n] = d;
					workingWeight[n] = 0;
					countValue[n] = calendarModel ? 1 : 0;
					n++;
				}
				hi = s - 1;
			}
		}
		const single = s === e;
		const h0 = (flags & HALF_START) !== 0;
		const h1 = (flags & HALF_END) !== 0;
		const perDayHours = recHoursPerDay[r];
		const from = maxing ? s : Math.max(s, hi + 1);
		let wd = isoWeekday(from);
		for (let d = from; d <= e; d++, wd = wd === 7 ? 1 : wd + 1) {
			const weight = single ? (h0 || h1 ? half : 1) : (d === s && h0) || (d === e && h1) ? half : 1;
			const holiday = holidays !== null && holidays.has(d);
			const working = (patternMask & (1 << wd)) !== 0 && !holiday;
			let value: number;
			if (hoursPerWorkday !== null)
				value = working
					? (perDayHours === perDayHours ? perDayHours : hoursPerWorkday[wd]) * weight
					: 0;
			// holidays are left out of working days only; the calendar-only model counts every calendar day
			else value = calendarModel || ((countMask & (1 << wd)) !== 0 && !holiday) ? weight : 0;
			const work = working ? weight : 0;
			if (d <= hi) {
				// [s, hi] is already emitted contiguously, since every earlier record started ≤ s
				const index = n - 1 - (hi - d);
				if (work > workingWeight[index]) workingWeight[index] = work;
				if (value > countValue[index]) countValue[index] = value;
			} else {
				auDays[n] = d;
				workingWeight[n] = work;
				countValue[n] = value;
				n++;
			}
		}
		if (e > hi) hi = e;
	}
	au.n = n;
	return au;
}
