// The employee's work pattern: which ISO weekdays are working days and their contract hours, and the
// public holidays that are not working days under excludeHolidaysOf.
import { civilFromDays, isoWeekday, parseDay, type DayNumber } from '../calendar/days';
import { publicHolidays } from '../calendar/holidays';
import { ThresholdInputError } from './errors';
import type { ResolvedOptions } from './options';
import type { ThresholdInput } from './types';

export const MON_TO_FRI = 0b0111110; // bit n = ISO weekday n
const DEFAULT_MASK = MON_TO_FRI;

/** Bit n set = ISO weekday n is worked. */
export function workdayMask(input: ThresholdInput, employeeId: string): number {
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

export function bitCount(mask: number): number {
	let count = 0;
	for (let m = mask; m !== 0; m &= m - 1) count++;
	return count;
}

export function readHoursPerWorkday(
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

export function isWorking(day: number, mask: number, holidays: Set<number> | null): boolean {
	return (mask & (1 << isoWeekday(day))) !== 0 && (holidays === null || !holidays.has(day));
}

/** The state's public holidays from the year of the earliest record through the reference year. */
export function holidaySetFor(
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
