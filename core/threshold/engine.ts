import { formatDay, parseDay } from '../calendar/days';
import { emitAuDays } from './auDays';
import { ThresholdInputError } from './errors';
import { resolveThresholdOptions } from './options';
import { bitCount, holidaySetFor, MON_TO_FRI, readHoursPerWorkday, workdayMask } from './pattern';
import { prepareRecords } from './records';
import {
	continuousRule,
	cumulativeRule,
	EPSILON,
	SIX_WEEKS_CALENDAR_DAYS,
	sumsInWindow,
} from './rules';
import type {
	IgnoredRecords,
	ThresholdEvaluation,
	ThresholdInput,
	ThresholdOptions,
	ThresholdResult,
} from './types';
import { calendarYearWindowStart, fixed365WindowStart } from './window';

// How it works (threshold-contract.md, rules 1–8), on integer day numbers throughout:
// 1. validate and clip the counted records to (lastBemClosedOn, referenceDate] (records.ts);
// 2. sort them by start and emit the AU calendar days once each, ascending (auDays.ts);
// 3. continuous rule: for each block of consecutive AU days, the crossing is block start + 41 (rules.ts);
// 4. cumulative rule: a two-pointer sum over the counted AU days, the tail pointer following the rolling
//    window start; the first day the sum reaches the threshold is the crossing (rules.ts).
// The work pattern (pattern.ts) decides which days are working days.

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
	const au = emitAuDays(prepared, o, patternMask, countMask, hoursPerWorkday, holidays);

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

	const refWindowStart = Math.max(windowStartAt(ref), reset);
	const continuous = continuousRule(au, runLength, refWindowStart);
	const continuousOn = continuous.reachedDay;
	const cumulativeOn = cumulativeRule(au, windowStartAt, threshold, o.strict, continuousOn);

	// Rule 7: figures in the window at the reference date.
	// (in days mode the counted value is the day count of the rule in force: own working days, Mon–Fri
	// for the general-30 rule, calendar days for the calendar-only model; in hours mode it is hours)
	const sums = sumsInWindow(au, refWindowStart);
	const countedWorkingDays = round(o.hoursBasis ? sums.working : sums.count);
	const countedHours = round(sums.count);

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
		longestContinuousCalendarDays: continuous.longestInWindow,
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
