import { DateTime } from 'luxon';

import { parseDay, type DayNumber } from './days';

/** BEM dates are German business dates: "today" is today in Europe/Berlin, whatever the server's zone. */
export const BEM_TIME_ZONE = 'Europe/Berlin';

export function todayInBerlin(now: Date = new Date()): string {
	return DateTime.fromJSDate(now).setZone(BEM_TIME_ZONE).toISODate() as string;
}

/**
 * Reads a date given as 'YYYY-MM-DD', an ISO date-time (with or without offset) or a JS Date, and returns
 * the calendar date it names in Europe/Berlin. Date-times are converted into Berlin time first, so
 * '2026-11-22T23:30:00Z' is 2026-11-23.
 */
export function toBerlinDate(value: unknown): string | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : todayInBerlin(value);
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text.length === 10) return Number.isNaN(parseDay(text)) ? null : text;
	const parsed = DateTime.fromISO(text, { zone: BEM_TIME_ZONE, setZone: false });
	if (!parsed.isValid) return null;
	return parsed.setZone(BEM_TIME_ZONE).toISODate();
}

export function toBerlinDay(value: unknown): DayNumber {
	const date = toBerlinDate(value);
	return date === null ? NaN : parseDay(date);
}
