import { civilFromDays, formatDay, isoWeekday, parseDay, type DayNumber } from '../calendar/days';
import { publicHolidays } from '../calendar/holidays';
import { ThresholdInputError } from './errors';
import { resolveThresholdOptions, type ResolvedOptions } from './options';
import type {
	IgnoredRecords,
	ThresholdEvaluation,
	ThresholdInput,
	ThresholdOptions,
	ThresholdResult,
} from './types';
import { calendarYearWindowStart, fixed365WindowStart } from './window';

// How it works (threshold-contract.md, rules 1–8), on integer day numbers throughout:
// 1. validate and clip the counted records to (lastBemClosedOn, referenceDate];
// 2. sort them by start and emit the AU calendar days once each, ascending, with the highest weight any
//    record gives the day (a half day covered by a full-day record is full);
// 3. continuous rule: for each block of consecutive AU days, the crossing is block start + 41 (42 days);
// 4. cumulative rule: a two-pointer sum over the counted AU days, the tail pointer following the rolling
//    window start; the first day the sum reaches the threshold is the crossing.
// Everything is linear in the number of AU days; nothing walks the calendar day by day.

const EPSILON = 1e-9;
const SIX_WEEKS_CALENDAR_DAYS = 42;
const MON_TO_FRI = 0b0111110; // bit n = ISO weekday n

// Scratch buffers reused across calls (the engine is synchronous, so one set is enough).
let capacity = 0;
let auDays = new Int32Array(0); // the AU calendar days, ascending
let countValue = new Float64Array(0); // what the day adds on the cumulative path (days or hours; 0 if not counted)
let workingWeight = new Float64Array(0); // what the day adds to countedWorkingDays

function ensureCapacity(n: number): void {
	if (n <= capacity) return;
	capacity = Math.max(n, capacity * 2, 1024);
	auDays = new Int32Array(capacity);
	countValue = new Float64Array(capacity);
	workingWeight = new Float64Array(capacity);
}

// Counted records after validation and clipping (struct of arrays, reused).
let recordCapacity = 0;
let recStart = new Int32Array(0);
let recEnd = new Int32Array(0);
let recFlags = new Uint8Array(0); // HALF_START | HALF_END | FOLLOW_UP
let recHoursPerDay = new Float64Array(0); // NaN = use hoursPerWorkday
let recOrder = new Int32Array(0);
const HALF_START = 1;
const HALF_END = 2;
const FOLLOW_UP = 4;

function ensureRecordCapacity(n: number): void {
	if (n <= recordCapacity) return;
	recordCapacity = Math.max(n, recordCapacity * 2, 64);
	recStart = new Int32Array(recordCapacity);
	recEnd = new Int32Array(recordCapacity);
	recFlags = new Uint8Array(recordCapacity);
	recHoursPerDay = new Float64Array(recordCapacity);
	recOrder = new Int32Array(recordCapacity);
}

interface Prepared {
	count: number;
	totalDays: number;
}

const DEFAULT_MASK = 0b0111110;

/** Bit n set = ISO weekday n is worked. */
function workdayMask(input: ThresholdInput, employeeId: string): number {
	const workdays = input.workdays;
	if (workdays === undefined || workdays === null) return DEFAULT_MASK;
	if (!Array.isArray(workdays))
		throw new ThresholdInputError(employeeId, 'workdays', 'must be a list of ISO weekdays 1–7');
	if (workdays.length === 0)
		throw new ThresholdInputError(employeeId, 'workdays', 'must not be empty');
	let mask = 0;
	for (let i = 0; i < workdays.length; i++) {
		const wd = workdays[i];
		if (!Number.isInteger(wd) || wd < 1 || wd > 7) {
			throw new ThresholdInputError(
				employeeId,
				'workdays',
				`${JSON.stringify(wd)} is not an ISO weekday 1–7`,
			);
		}
		mask |= 1 << wd;
	}
	return mask;
}

function bitCount(mask: number): number {
	let count = 0;
	for (let m = mask; m !== 0; m &= m - 1) count++;
	return count;
}

function readHoursPerWorkday(
	input: ThresholdInput,
	employeeId: string,
	mask: number,
): Float64Array {
	const hours = new Float64Array(8);
	const given = input.hoursPerWorkday;
	if (given === undefined || given === null) return hours;
	if (typeof given !== 'object' || Array.isArray(given)) {
		throw new ThresholdInputError(employeeId, 'hoursPerWorkday', 'must map ISO weekdays to hours');
	}
	for (const [key, value] of Object.entries(given)) {
		const wd = Number(key);
		if (!Number.isInteger(wd) || wd < 1 || wd > 7) {
			throw new ThresholdInputError(
				employeeId,
				'hoursPerWorkday',
				`${JSON.stringify(key)} is not an ISO weekday 1–7`,
			);
		}
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new ThresholdInputError(
				employeeId,
				`hoursPerWorkday.${key}`,
				'must be a number of hours ≥ 0',
			);
		}
		if (mask & (1 << wd)) hours[wd] = value;
	}
	return hours;
}

function flag(value: unknown, employeeId: string, index: number, field: string): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean')
		throw new ThresholdInputError(employeeId, field, 'must be true or false', index);
	return value;
}

const scratchIgnored: IgnoredRecords = {
	kindNotCounted: 0,
	rehabWithoutCertificate: 0,
	afterReferenceDate: 0,
	beforeLastClosure: 0,
};

export function evaluateThreshold(
	input: ThresholdInput,
	options: ThresholdOptions,
): ThresholdResult {
	scratchIgnored.kindNotCounted =
		scratchIgnored.rehabWithoutCertificate =
		scratchIgnored.afterReferenceDate =
		scratchIgnored.beforeLastClosure =
			0;
	return evaluate(input, options, scratchIgnored);
}

/** evaluateThreshold plus the counts of records not counted and why (the node reports them). */
export function evaluateThresholdDetailed(
	input: ThresholdInput,
	options: ThresholdOptions,
): ThresholdEvaluation {
	const ignored: IgnoredRecords = {
		kindNotCounted: 0,
		rehabWithoutCertificate: 0,
		afterReferenceDate: 0,
		beforeLastClosure: 0,
	};
	return { result: evaluate(input, options, ignored), ignored };
}

function evaluate(
	input: ThresholdInput,
	options: ThresholdOptions,
	ignored: IgnoredRecords,
): ThresholdResult {
	const o = resolveThresholdOptions(options);
	if (input === null || typeof input !== 'object')
		throw new ThresholdInputError(undefined, 'input', 'must be an object');
	const rawId = input.employeeId as unknown;
	if (
		(typeof rawId !== 'string' || rawId.trim() === '') &&
		!(typeof rawId === 'number' && Number.isFinite(rawId))
	) {
		throw new ThresholdInputError(undefined, 'employeeId', 'is missing');
	}
	const employeeId = String(rawId);
	const patternMask = workdayMask(input, employeeId);
	const workdayCount = bitCount(patternMask);
	const hoursPerWorkday = o.hoursBasis ? readHoursPerWorkday(input, employeeId, patternMask) : null;
	let weeklyHours = 0;
	if (hoursPerWorkday) {
		for (let wd = 1; wd <= 7; wd++) weeklyHours += hoursPerWorkday[wd];
		if (weeklyHours <= 0) {
			throw new ThresholdInputError(
				employeeId,
				'hoursPerWorkday',
				"basis 'hours' needs the contract hours of the working days",
			);
		}
	}

	const ref = o.referenceDay;
	let reset = -Infinity; // first day that may count (the day after the last closure)
	const closed = input.lastBemClosedOn;
	if (closed !== undefined && closed !== null && closed !== '') {
		const c = parseDay(closed);
		if (Number.isNaN(c))
			throw new ThresholdInputError(
				employeeId,
				'lastBemClosedOn',
				`${JSON.stringify(closed)} is not a real date 'YYYY-MM-DD'`,
			);
		reset = c + 1;
	}

	const holidays = o.holidayState === null ? null : holidaySetFor(o.holidayState, input, ref);
	const countMask = o.calendarModel ? 0b11111110 : o.general30 ? MON_TO_FRI : patternMask;
	const prepared = prepareRecords(input, employeeId, o, ref, reset, patternMask, holidays, ignored);
	const n = emitAuDays(prepared, o, patternMask, countMask, hoursPerWorkday, holidays);

	const windowStartAt = o.fixed365 ? fixed365WindowStart : calendarYearWindowStart;
	const threshold = o.calendarModel
		? SIX_WEEKS_CALENDAR_DAYS
		: o.hoursBasis
			? 6 * weeklyHours
			: o.general30
				? 30
				: 6 * workdayCount;
	const thresholdWorkingDays = o.calendarModel
		? SIX_WEEKS_CALENDAR_DAYS
		: o.general30
			? 30
			: 6 * workdayCount;
	const runLength = o.strict ? SIX_WEEKS_CALENDAR_DAYS + 1 : SIX_WEEKS_CALENDAR_DAYS;

	// Rule 3: the first block of consecutive AU days long enough gives the continuous crossing.
	let continuousOn = Infinity;
	const refWindowStart = Math.max(windowStartAt(ref), reset);
	let longest = 0;
	for (let i = 0; i < n; ) {
		let j = i;
		while (j + 1 < n && auDays[j + 1] === auDays[j] + 1) j++;
		const blockStart = auDays[i];
		const blockEnd = auDays[j];
		if (continuousOn === Infinity && blockEnd - blockStart + 1 >= runLength)
			continuousOn = blockStart + runLength - 1;
		const inWindow = blockEnd - Math.max(blockStart, refWindowStart) + 1;
		if (inWindow > longest) longest = inWindow;
		i = j + 1;
	}

	// Rule 4: the rolling sum; `tail` drops the days that left the window at auDays[i].
	let cumulativeOn = Infinity;
	let sum = 0;
	for (let i = 0, tail = 0; i < n; i++) {
		const value = countValue[i];
		if (value === 0) continue;
		const day = auDays[i];
		if (day >= continuousOn) break;
		sum += value;
		const start = windowStartAt(day);
		while (auDays[tail] < start) sum -= countValue[tail++];
		if (o.strict ? sum > threshold + EPSILON : sum >= threshold - EPSILON) {
			cumulativeOn = day;
			break;
		}
	}

	// Rule 7: figures in the window at the reference date.
	// (in days mode the counted value is the day count of the rule in force: own working days, Mon–Fri
	// for the general-30 rule, calendar days for the calendar-only model; in hours mode it is hours)
	let workingDaysSum = 0;
	let countSum = 0;
	for (let i = n - 1; i >= 0 && auDays[i] >= refWindowStart; i--) {
		workingDaysSum += workingWeight[i];
		countSum += countValue[i];
	}
	const countedWorkingDays = round(o.hoursBasis ? workingDaysSum : countSum);
	const countedHours = round(countSum);

	const reachedDay = Math.min(continuousOn, cumulativeOn);
	const reachedOn = reachedDay === Infinity ? null : formatDay(reachedDay);
	const remainingWorkingDays = round(Math.max(0, thresholdWorkingDays - countedWorkingDays));
	let status: ThresholdResult['status'];
	if (reachedOn !== null) status = 'due';
	else if (o.hoursBasis) {
		const remainingHours = Math.max(0, threshold - countedHours);
		status =
			remainingHours <= o.warningWorkingDays * (weeklyHours / workdayCount) + EPSILON
				? 'approaching'
				: 'below';
	} else status = remainingWorkingDays <= o.warningWorkingDays ? 'approaching' : 'below';

	const result: ThresholdResult = {
		employeeId,
		status,
		reachedOn,
		reason: reachedOn === null ? null : continuousOn <= cumulativeOn ? 'continuous' : 'cumulative',
		windowStart: formatDay(refWindowStart),
		windowEnd: formatDay(ref),
		countedWorkingDays,
		thresholdWorkingDays,
		longestContinuousCalendarDays: Math.max(0, longest),
		remainingWorkingDays,
	};
	if (o.hoursBasis) {
		result.countedHours = countedHours;
		result.thresholdHours = round(threshold);
	}
	return result;
}

function round(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}

function holidaySetFor(
	state: NonNullable<ResolvedOptions['holidayState']>,
	input: ThresholdInput,
	ref: DayNumber,
): Set<number> {
	let first = civilFromDays(ref)[0] - 1;
	for (const a of input.absences ?? []) {
		const s = parseDay(a?.start);
		if (!Number.isNaN(s)) first = Math.min(first, civilFromDays(s)[0]);
	}
	const set = new Set<number>();
	for (let y = first; y <= civilFromDays(ref)[0]; y++)
		for (const d of publicHolidays(y, state)) set.add(d);
	return set;
}

function prepareRecords(
	input: ThresholdInput,
	employeeId: string,
	o: ResolvedOptions,
	ref: DayNumber,
	reset: number,
	patternMask: number,
	holidays: Set<number> | null,
	ignored: IgnoredRecords,
): Prepared {
	const absences = input.absences;
	if (!Array.isArray(absences))
		throw new ThresholdInputError(employeeId, 'absences', 'must be a list of absence records');
	ensureRecordCapacity(absences.length);
	let lastKind = '';
	let lastKindCounted = false;
	const p: Prepared = { count: 0, totalDays: 0 };
	for (let index = 0; index < absences.length; index++) {
		const rec = absences[index];
		if (rec === null || typeof rec !== 'object')
			throw new ThresholdInputError(employeeId, 'absences', 'must be an object', index);
		const s = parseDay(rec.start);
		if (Number.isNaN(s)) {
			throw new ThresholdInputError(
				employeeId,
				'start',
				`${JSON.stringify(rec.start ?? null)} is not a real date 'YYYY-MM-DD'`,
				index,
			);
		}
		let e = ref;
		const rawEnd = rec.end;
		if (rawEnd !== undefined && rawEnd !== null && rawEnd !== '') {
			e = parseDay(rawEnd);
			if (Number.isNaN(e))
				throw new ThresholdInputError(
					employeeId,
					'end',
					`${JSON.stringify(rawEnd)} is not a real date 'YYYY-MM-DD'`,
					index,
				);
			if (e < s)
				throw new ThresholdInputError(
					employeeId,
					'end',
					`${rawEnd} is before the start ${rec.start}`,
					index,
				);
		}
		const kind = rec.kind ?? 'sick';
		if (typeof kind !== 'string')
			throw new ThresholdInputError(employeeId, 'kind', 'must be text', index);
		const half0 = flag(rec.startHalf, employeeId, index, 'startHalf');
		const half1 = flag(rec.endHalf, employeeId, index, 'endHalf');
		const certified = flag(rec.certified, employeeId, index, 'certified');
		const followUp = flag(rec.followUp, employeeId, index, 'followUp');
		const hours = rec.hours;
		if (
			hours !== undefined &&
			hours !== null &&
			(typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0)
		) {
			throw new ThresholdInputError(
				employeeId,
				'hours',
				`${JSON.stringify(hours)} must be a number ≥ 0`,
				index,
			);
		}

		// records of one employee mostly share a kind: skip the Set lookup when it repeats
		if (kind !== lastKind) {
			lastKind = kind;
			lastKindCounted = o.countedKinds.has(kind);
		}
		if (!lastKindCounted) {
			ignored.kindNotCounted++;
			continue;
		}
		if (o.rehabRequiresCertificate && kind === 'rehab' && !certified) {
			ignored.rehabWithoutCertificate++;
			continue;
		}
		if (s > ref) {
			ignored.afterReferenceDate++;
			continue;
		}
		if (e < reset) {
			ignored.beforeLastClosure++;
			continue;
		}
		const clippedEnd = Math.min(e, ref);
		let perDay = NaN;
		if (o.hoursBasis && typeof hours === 'number') {
			let workingDaysSoFar = 0;
			for (let d = s; d <= clippedEnd; d++)
				if (isWorking(d, patternMask, holidays)) workingDaysSoFar++;
			perDay = workingDaysSoFar === 0 ? 0 : hours / workingDaysSoFar;
		}
		const clippedStart = Math.max(s, reset);
		const k = p.count++;
		recStart[k] = clippedStart;
		recEnd[k] = clippedEnd;
		// a half-day flag belongs to the record's real first/last day, not to a clipped edge
		recFlags[k] =
			(half0 && clippedStart === s ? HALF_START : 0) |
			(half1 && clippedEnd === e ? HALF_END : 0) |
			(followUp ? FOLLOW_UP : 0);
		recHoursPerDay[k] = perDay;
		p.totalDays += clippedEnd - clippedStart + 1;
	}
	return p;
}

function isWorking(day: number, mask: number, holidays: Set<number> | null): boolean {
	return (mask & (1 << isoWeekday(day))) !== 0 && (holidays === null || !holidays.has(day));
}

function emitAuDays(
	p: Prepared,
	o: ResolvedOptions,
	patternMask: number,
	countMask: number,
	hoursPerWorkday: Float64Array | null,
	holidays: Set<number> | null,
): number {
	const count = p.count;
	// insertion sort by start: HR exports are nearly always in date order already, so this is linear
	for (let i = 0; i < count; i++) {
		let j = i;
		const key = recStart[i];
		while (j > 0 && recStart[recOrder[j - 1]] > key) {
			recOrder[j] = recOrder[j - 1];
			j--;
		}
		recOrder[j] = i;
	}
	ensureCapacity(p.totalDays + 7 * count + 1);
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
	return n;
}
