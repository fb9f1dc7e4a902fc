import { formatDay, type DayNumber } from '../calendar/days';
import { emitAuDays } from './auDays';
import { notADate, readDay } from './dates';
import { ThresholdInputError } from './errors';
import { resolveThresholdOptions } from './options';
import { holidaySetFor, patternAt, readWorkPatterns, WEEK_UNITS } from './pattern';
import { prepareRecords } from './records';
import {
	continuousRule,
	cumulativeRule,
	EPSILON,
	hoursWindowFigures,
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
	beforeEmployment: 0,
};

export function evaluateThreshold(
	input: ThresholdInput,
	options: ThresholdOptions,
): ThresholdResult {
	scratchIgnored.kindNotCounted =
		scratchIgnored.rehabWithoutCertificate =
		scratchIgnored.afterReferenceDate =
		scratchIgnored.beforeLastClosure =
		scratchIgnored.beforeEmployment =
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
		beforeEmployment: 0,
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
	const patterns = readWorkPatterns(input, employeeId, o.hoursBasis);
	const ref = o.referenceDay;
	const atRef = patternAt(patterns, ref);
	const refDays = patterns.days[atRef];
	const refWeeklyHours = patterns.weeklyHours[atRef];

	const afterClosure = dayAfterClosure(input, employeeId, ref);
	const employedFrom = optionalDay(input.employedSince, employeeId, 'employedSince');
	const holidays = o.holidayState === null ? null : holidaySetFor(o.holidayState, input, ref);
	const prepared = prepareRecords(
		input,
		employeeId,
		o,
		ref,
		afterClosure,
		employedFrom,
		patterns,
		holidays,
		ignored,
	);
	const au = emitAuDays(prepared, o, patterns, holidays);

	// What one AU week is in the count's units (rule 4): calendar days, Mon–Fri days, the own working
	// days or hours when the history has one size of week, else WEEK_UNITS (hours: 1) per week.
	const scaledDays = !o.calendarModel && !o.general30 && !o.hoursBasis;
	const week = o.calendarModel
		? 7
		: o.general30
			? 5
			: o.hoursBasis
				? patterns.uniformHours
					? refWeeklyHours
					: 1
				: patterns.uniformDays
					? refDays
					: WEEK_UNITS;
	const threshold = 6 * week;
	const tolerance = week === WEEK_UNITS ? EPSILON * WEEK_UNITS : EPSILON;
	// remaining working days are counted in the days of one week of the rule in force at the reference date
	const refWeekDays = o.calendarModel ? 7 : o.general30 ? 5 : refDays;
	const thresholdWorkingDays = 6 * refWeekDays;
	const windowStartAt = o.fixed365 ? fixed365WindowStart : calendarYearWindowStart;
	const runLength = o.strict ? SIX_WEEKS_CALENDAR_DAYS + 1 : SIX_WEEKS_CALENDAR_DAYS;

	const refWindowStart = Math.max(windowStartAt(ref), afterClosure, employedFrom);
	const continuous = continuousRule(au, runLength, refWindowStart);
	const continuousOn = continuous.reachedDay;
	const cumulativeOn = cumulativeRule(
		au,
		windowStartAt,
		threshold,
		o.strict,
		continuousOn,
		tolerance,
	);

	// Rule 7: figures in the window at the reference date.
	const sums = sumsInWindow(au, refWindowStart);
	// own working days, Mon–Fri days under general30, calendar days in the calendar-only model
	const countedWorkingDays = round(scaledDays || o.hoursBasis ? sums.working : sums.count);
	let auWeeks: number;
	let remainingDays: number;
	let countedHours = 0;
	let remainingHours = 0;
	if (o.hoursBasis) {
		const history =
			patterns.uniformHours && patterns.uniformDays
				? null
				: hoursWindowFigures(au, refWindowStart, patterns);
		countedHours = history === null ? sums.count : history.hours;
		auWeeks = history === null ? sums.working / refDays : history.auWeeks;
		remainingDays = patterns.uniformDays
			? thresholdWorkingDays - sums.working // exactly v1
			: (6 - auWeeks) * refWeekDays;
		remainingHours = Math.max(
			0,
			patterns.uniformHours ? threshold - sums.count : (6 - sums.count) * refWeeklyHours,
		);
	} else {
		auWeeks = sums.count / week;
		remainingDays =
			week === refWeekDays
				? threshold - sums.count // exactly v1
				: ((threshold - sums.count) / week) * refWeekDays;
	}
	const remainingWorkingDays = round4(Math.max(0, remainingDays));

	const reachedDay = Math.min(continuousOn, cumulativeOn);
	const reachedOn = reachedDay === Infinity ? null : formatDay(reachedDay);
	const margin = o.warningWorkingDays ?? refWeekDays; // v2: one working week by default
	let status: ThresholdResult['status'];
	if (reachedOn !== null) status = 'due';
	else if (o.hoursBasis) {
		status =
			remainingHours <= margin * (refWeeklyHours / refDays) + EPSILON ? 'approaching' : 'below';
	} else status = remainingWorkingDays <= margin ? 'approaching' : 'below';

	const result: ThresholdResult = {
		employeeId,
		status,
		reachedOn,
		reason: reachedOn === null ? null : continuousOn <= cumulativeOn ? 'continuous' : 'cumulative',
		windowStart: formatDay(refWindowStart),
		windowEnd: formatDay(ref),
		countedWorkingDays,
		thresholdWorkingDays,
		countedAuWeeks: round4(auWeeks),
		longestContinuousCalendarDays: continuous.longestInWindow,
		remainingWorkingDays,
	};
	if (o.hoursBasis) {
		result.countedHours = round(countedHours);
		result.thresholdHours = round(6 * refWeeklyHours);
	}
	return result;
}

/** The first day after the last BEM closure (rule 1), or -Infinity; a closure after the reference date is bad input. */
function dayAfterClosure(input: ThresholdInput, employeeId: string, ref: DayNumber): number {
	const closed = optionalDay(input.lastBemClosedOn, employeeId, 'lastBemClosedOn');
	if (closed > ref)
		throw new ThresholdInputError(employeeId, 'lastBemClosedOn', 'is after the reference date');
	return closed + 1;
}

/** An optional input date as a day number; -Infinity when not given. */
function optionalDay(value: unknown, employeeId: string, field: string): number {
	if (value === undefined || value === null || value === '') return -Infinity;
	const day = readDay(value);
	if (Number.isNaN(day)) throw new ThresholdInputError(employeeId, field, notADate(value));
	return day;
}

function round(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}

function round4(x: number): number {
	return Math.round(x * 1e4) / 1e4;
}
