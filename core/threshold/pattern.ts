// The employee's work pattern over time (contract v2: `workPatterns`, else the single `workdays` /
// `hoursPerWorkday`): which ISO weekdays are working days on a given date, their contract hours, and
// the public holidays that are not working days under excludeHolidaysOf.
import { z } from 'zod';

import { civilFromDays, isoWeekday, type DayNumber } from '../calendar/days';
import { publicHolidays } from '../calendar/holidays';
import { typeOf } from '../privacy/issueMessage';
import { readDay } from './dates';
import { ThresholdInputError } from './errors';
import type { ResolvedOptions } from './options';
import type { ThresholdInput, WorkPattern } from './types';

export const MON_TO_FRI = 0b0111110; // bit n = ISO weekday n
const DEFAULT_MASK = MON_TO_FRI;
/** 1/840 of a week: a whole number for a full or half day on any 1- to 7-day week (840 = 2 × lcm(1..7)). */
export const WEEK_UNITS = 840;
const NEVER = -2147483648;
const FOREVER = 2147483647;

/**
 * The patterns in force, ascending by `from` (entry 0 also applies before its `from`). `dayUnits` and
 * `hourScale` are what a full AU working day (or one AU hour) adds to the cumulative count: 1 when every
 * entry has the same working days (hours) per week, so one pattern is counted exactly as in v1;
 * otherwise the day's share of its week in WEEK_UNITS (hours: of its weekly hours).
 */
export interface WorkPatterns {
	count: number;
	from: Int32Array;
	mask: Int32Array;
	days: Int32Array;
	/** hoursPerWorkday of entry i at [8 i + weekday] (basis 'hours' only) */
	hours: Float64Array;
	weeklyHours: Float64Array;
	dayUnits: Float64Array;
	hourScale: Float64Array;
	uniformDays: boolean;
	uniformHours: boolean;
}

const patterns: WorkPatterns = {
	count: 0,
	from: new Int32Array(0),
	mask: new Int32Array(0),
	days: new Int32Array(0),
	hours: new Float64Array(0),
	weeklyHours: new Float64Array(0),
	dayUnits: new Float64Array(0),
	hourScale: new Float64Array(0),
	uniformDays: true,
	uniformHours: true,
};

function ensurePatternCapacity(n: number): void {
	if (n <= patterns.from.length) return;
	const size = Math.max(n, 8);
	patterns.from = new Int32Array(size);
	patterns.mask = new Int32Array(size);
	patterns.days = new Int32Array(size);
	patterns.hours = new Float64Array(8 * size);
	patterns.weeklyHours = new Float64Array(size);
	patterns.dayUnits = new Float64Array(size);
	patterns.hourScale = new Float64Array(size);
}
ensurePatternCapacity(8);

/** Bit n set = ISO weekday n is worked. */
export function workdayMask(input: ThresholdInput, employeeId: string): number {
	const workdays = input.workdays;
	if (workdays === undefined || workdays === null) return DEFAULT_MASK;
	if (!Array.isArray(workdays))
		throw new ThresholdInputError(
			employeeId,
			'workdays',
			`must be a list of ISO weekdays 1–7, got ${typeOf(workdays)}`,
		);
	if (workdays.length === 0)
		throw new ThresholdInputError(employeeId, 'workdays', 'must not be empty');
	let mask = 0;
	for (let i = 0; i < workdays.length; i++) {
		const wd = workdays[i];
		if (!Number.isInteger(wd) || wd < 1 || wd > 7) {
			throw new ThresholdInputError(
				employeeId,
				'workdays',
				`entry #${i} must be an ISO weekday 1–7, got ${notAWeekday(wd)}`,
			);
		}
		mask |= 1 << wd;
	}
	return mask;
}

/** A bad weekday by type (a number outside 1–7 is still only "a number"): never the value itself. */
function notAWeekday(wd: unknown): string {
	return typeof wd === 'number' ? 'a number outside 1–7 or not whole' : typeOf(wd);
}

export function bitCount(mask: number): number {
	let count = 0;
	for (let m = mask; m !== 0; m &= m - 1) count++;
	return count;
}

/** Writes hoursPerWorkday of the worked weekdays into `hours` at `at + weekday`. */
function readHoursPerWorkday(
	given: unknown,
	employeeId: string,
	mask: number,
	hours: Float64Array,
	at: number,
): void {
	if (given === undefined || given === null) return;
	if (typeof given !== 'object' || Array.isArray(given)) {
		throw new ThresholdInputError(
			employeeId,
			'hoursPerWorkday',
			`must map ISO weekdays to hours, got ${typeOf(given)}`,
		);
	}
	for (const [key, value] of Object.entries(given)) {
		const wd = Number(key);
		if (!Number.isInteger(wd) || wd < 1 || wd > 7) {
			throw new ThresholdInputError(
				employeeId,
				'hoursPerWorkday',
				'has a key that is not an ISO weekday 1–7',
			);
		}
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new ThresholdInputError(
				employeeId,
				`hoursPerWorkday.${key}`,
				`must be a number of hours ≥ 0, got ${typeOf(value)}`,
			);
		}
		if (mask & (1 << wd)) hours[at + wd] = value;
	}
}

const weekday = z
	.number({ invalid_type_error: 'must be an ISO weekday 1–7' })
	.int('must be an ISO weekday 1–7')
	.min(1, 'must be an ISO weekday 1–7')
	.max(7, 'must be an ISO weekday 1–7');
const workPatternSchema = z
	.object({
		from: z.string({
			invalid_type_error: "must be a date 'YYYY-MM-DD'",
			required_error: 'is missing',
		}),
		workdays: z
			.array(weekday, {
				invalid_type_error: 'must be a list of ISO weekdays 1–7',
				required_error: 'is missing',
			})
			.min(1, 'must not be empty'),
		hoursPerWorkday: z
			.record(
				z.string().regex(/^[1-7]$/, 'must be an ISO weekday 1–7'),
				z
					.number({ invalid_type_error: 'must be a number of hours ≥ 0' })
					.finite('must be a number of hours ≥ 0')
					.min(0, 'must be a number of hours ≥ 0'),
				{ invalid_type_error: 'must map ISO weekdays to hours' },
			)
			.nullish(),
	})
	.strict('has a field that is not part of a work pattern');
export const workPatternsSchema = z
	.array(workPatternSchema, { invalid_type_error: 'must be a list of work patterns' })
	.min(1, 'must not be empty');

/**
 * Whether `given` is a valid history by the schema's rules, checked by hand: the engine reads millions
 * of records a second and a history is on the hot path. At least as strict as the schema; whatever it
 * refuses is parsed by the schema, whose issue (field path, never the value) is the error.
 */
export function isPlainHistory(given: unknown): given is WorkPattern[] {
	if (!Array.isArray(given) || given.length === 0) return false;
	for (let i = 0; i < given.length; i++) {
		const entry = given[i];
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return false;
		let keys = 0;
		for (const key in entry) {
			if (key !== 'from' && key !== 'workdays' && key !== 'hoursPerWorkday') return false;
			keys++;
		}
		const { from, workdays, hoursPerWorkday } = entry as WorkPattern;
		if (keys !== Object.keys(entry).length || typeof from !== 'string') return false;
		if (!Array.isArray(workdays) || workdays.length === 0) return false;
		for (let j = 0; j < workdays.length; j++) {
			const wd = workdays[j];
			if (typeof wd !== 'number' || !Number.isInteger(wd) || wd < 1 || wd > 7) return false;
		}
		if (hoursPerWorkday !== undefined && hoursPerWorkday !== null) {
			if (typeof hoursPerWorkday !== 'object' || Array.isArray(hoursPerWorkday)) return false;
			for (const key of Object.keys(hoursPerWorkday)) {
				const h = hoursPerWorkday[key];
				if (key.length !== 1 || key < '1' || key > '7') return false;
				if (typeof h !== 'number' || !Number.isFinite(h) || h < 0) return false;
			}
		}
	}
	return true;
}

function historyError(given: unknown, employeeId: string): ThresholdInputError {
	const parsed = workPatternsSchema.safeParse(given);
	const issue = parsed.success ? null : parsed.error.issues[0];
	// a key of hoursPerWorkday that is no weekday is input too: the path stops at the map
	const path = issue?.path ?? [];
	const map = path.indexOf('hoursPerWorkday');
	const shown = map >= 0 && !/^[1-7]$/.test(String(path[map + 1])) ? path.slice(0, map + 1) : path;
	return new ThresholdInputError(
		employeeId,
		['workPatterns', ...shown].join('.'),
		issue === null
			? 'is not a valid work-pattern history'
			: issue.code === 'invalid_type'
				? `${issue.message}, got ${issue.received}` // zod's name of the type, never the value
				: issue.message,
	);
}

/** The pattern history of one employee (or its single pattern) into the reused `patterns`. */
export function readWorkPatterns(
	input: ThresholdInput,
	employeeId: string,
	hoursBasis: boolean,
): WorkPatterns {
	const given = input.workPatterns;
	const p = patterns;
	if (given === undefined || given === null) {
		p.count = 1;
		p.from[0] = NEVER;
		const mask = workdayMask(input, employeeId);
		p.mask[0] = mask;
		p.days[0] = bitCount(mask);
		if (hoursBasis) {
			p.hours.fill(0, 0, 8);
			readHoursPerWorkday(input.hoursPerWorkday, employeeId, mask, p.hours, 0);
		}
	} else {
		if (!isPlainHistory(given)) throw historyError(given, employeeId);
		ensurePatternCapacity(given.length);
		p.count = given.length;
		for (let i = 0; i < given.length; i++) {
			const entry = given[i];
			const from = readDay(entry.from);
			if (Number.isNaN(from))
				throw new ThresholdInputError(
					employeeId,
					`workPatterns.${i}.from`,
					"must be a date 'YYYY-MM-DD'",
				);
			if (i > 0 && from <= p.from[i - 1]) {
				throw new ThresholdInputError(
					employeeId,
					`workPatterns.${i}.from`,
					"must be after the previous entry's from",
				);
			}
			const workdays = entry.workdays;
			let mask = 0;
			for (let j = 0; j < workdays.length; j++) mask |= 1 << workdays[j];
			p.from[i] = from;
			p.mask[i] = mask;
			p.days[i] = bitCount(mask);
			if (hoursBasis) {
				p.hours.fill(0, 8 * i, 8 * i + 8);
				const hours = entry.hoursPerWorkday;
				if (hours)
					for (const key of Object.keys(hours))
						if (mask & (1 << Number(key))) p.hours[8 * i + Number(key)] = hours[key];
			}
		}
		// `from` of entry 0 only orders the history: the first pattern also applies before it
		p.from[0] = NEVER;
	}
	p.uniformDays = true;
	p.uniformHours = true;
	for (let i = 0; i < p.count; i++) {
		let weekly = 0;
		if (hoursBasis) {
			for (let wd = 1; wd <= 7; wd++) weekly += p.hours[8 * i + wd];
			if (weekly <= 0) {
				throw new ThresholdInputError(
					employeeId,
					given ? `workPatterns.${i}.hoursPerWorkday` : 'hoursPerWorkday',
					"basis 'hours' needs the contract hours of the working days",
				);
			}
		}
		p.weeklyHours[i] = weekly;
		if (p.days[i] !== p.days[0]) p.uniformDays = false;
		if (weekly !== p.weeklyHours[0]) p.uniformHours = false;
	}
	for (let i = 0; i < p.count; i++) {
		p.dayUnits[i] = p.uniformDays ? 1 : WEEK_UNITS / p.days[i];
		p.hourScale[i] = p.uniformHours ? 1 : 1 / p.weeklyHours[i];
	}
	return p;
}

/** Index of the pattern in force on `day`. */
export function patternAt(p: WorkPatterns, day: DayNumber): number {
	let i = p.count - 1;
	while (i > 0 && p.from[i] > day) i--;
	return i;
}

/** First day of the pattern after entry i (FOREVER for the last). */
export function nextPatternFrom(p: WorkPatterns, i: number): DayNumber {
	return i + 1 < p.count ? p.from[i + 1] : FOREVER;
}

export function isWorking(p: WorkPatterns, day: DayNumber, holidays: Set<number> | null): boolean {
	const mask = p.count === 1 ? p.mask[0] : p.mask[patternAt(p, day)];
	return (mask & (1 << isoWeekday(day))) !== 0 && (holidays === null || !holidays.has(day));
}

/** The state's public holidays from the year of the earliest record through the latest year a record or the reference date reaches. */
export function holidaySetFor(
	state: NonNullable<ResolvedOptions['holidayState']>,
	input: ThresholdInput,
	ref: DayNumber,
): Set<number> {
	let first = civilFromDays(ref)[0] - 1;
	let last = civilFromDays(ref)[0];
	for (const a of input.absences ?? []) {
		const s = readDay(a?.start);
		if (!Number.isNaN(s)) first = Math.min(first, civilFromDays(s)[0]);
		const e = readDay(a?.end);
		if (!Number.isNaN(e)) last = Math.max(last, civilFromDays(e)[0]);
	}
	const set = new Set<number>();
	for (let y = first; y <= last; y++) for (const d of publicHolidays(y, state)) set.add(d);
	return set;
}
