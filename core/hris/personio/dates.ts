// Personio's date formats → 'YYYY-MM-DD' in the record's (or Berlin's) local calendar.
import { DateTime } from 'luxon';

import { formatDay, parseDay } from '../../calendar/days';

const BERLIN = 'Europe/Berlin';

/**
 * v1 time-offs ('2017-12-27T00:00:00+0100'), v2 local date-times ('2025-01-13T00:00:00') and plain
 * dates are local already: their date part is the day. Instants in UTC ('…Z') are converted to `zone`.
 */
export function localDay(value: unknown, zone = BERLIN): string | null {
	if (typeof value !== 'string' || value.length < 10) return null;
	if (/[zZ]$/.test(value.trim())) {
		const dt = DateTime.fromISO(value.trim(), { setZone: true }).setZone(zone || BERLIN);
		return dt.isValid ? dt.toISODate() : null;
	}
	return Number.isNaN(parseDay(value)) ? null : value.slice(0, 10);
}

/**
 * The last day of an absence whose end is an instant (v1 hourly absence periods: start
 * '2022-05-31T22:00:00Z', end '2022-06-02T22:00:00Z' covers 1 and 2 June): an end at local midnight
 * is exclusive.
 */
export function lastLocalDay(value: unknown, zone = BERLIN): string | null {
	if (typeof value !== 'string' || !/[zZ]$/.test(value.trim())) return localDay(value, zone);
	const dt = DateTime.fromISO(value.trim(), { setZone: true }).setZone(zone || BERLIN);
	if (!dt.isValid) return null;
	const atMidnight = dt.hour === 0 && dt.minute === 0 && dt.second === 0 && dt.millisecond === 0;
	return (atMidnight ? dt.minus({ days: 1 }) : dt).toISODate();
}

export function addDays(day: string, n: number): string {
	return formatDay(parseDay(day) + n);
}
