// The one reader of the nodes' date parameters: 'YYYY-MM-DD', an ISO date-time or a date an expression
// hands over (Luxon DateTime, JS Date), as the calendar date in Europe/Berlin; and the BEM look-back
// (core's rolling-window start) where a range leaves its first day empty.
import { formatDay, parseDay } from '../../core/calendar/days';
import { toBerlinDate } from '../../core/calendar/today';
import { calendarYearWindowStart } from '../../core/threshold/window';
import { BemParamError, typeOf } from './paramError';

function dayText(value: unknown): unknown {
	if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	)
		return (value as { toISO(): string }).toISO();
	return value;
}

const isEmpty = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The date a value names; undefined when empty; the problem (by type, never the value) when it is no date. */
export function readDay(value: unknown): { day?: string; problem?: string } {
	const v = dayText(value);
	if (isEmpty(v)) return {};
	const day = toBerlinDate(v);
	return day === null ? { problem: `must be a date like 2026-11-22 (got ${typeOf(v)})` } : { day };
}

/**
 * A date parameter as 'YYYY-MM-DD'; empty → `fallback`, or an error. `label` is how the message names
 * the parameter (default: field "name":).
 */
export function dayOf(
	value: unknown,
	field: string,
	fallback?: string,
	label = `field "${field}":`,
): string {
	const { day, problem } = readDay(value);
	if (problem) throw new BemParamError(`${label} ${problem}`, field);
	if (day !== undefined) return day;
	if (fallback !== undefined) return fallback;
	throw new BemParamError(`${label} a date like 2026-11-22 is required`, field);
}

/** The first day of the BEM look-back ending on `to`: twelve months back (29 Feb minus a year is 28 Feb). */
export function lookBackStart(to: string): string {
	return formatDay(calendarYearWindowStart(parseDay(to)));
}

/** From/To parameters → the range; empty To = `today`, empty From = the BEM look-back from To. */
export function rangeOf(from: unknown, to: unknown, today: string): { from: string; to: string } {
	const first = dayOf(from, 'from', '', 'From');
	const last = dayOf(to, 'to', today, 'To');
	const range = { from: first || lookBackStart(last), to: last };
	if (range.from > range.to)
		throw new BemParamError(`From (${range.from}) is after To (${range.to})`, 'from');
	return range;
}
