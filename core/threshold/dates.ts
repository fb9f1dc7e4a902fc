import { parseDay, type DayNumber } from '../calendar/days';
import { toBerlinDay } from '../calendar/today';

/**
 * An input date (contract v2): 'YYYY-MM-DD' on the fast path; a date-time string counts as its
 * Europe/Berlin calendar date; anything else is NaN (bad input), including '2026-03-02Tnonsense'.
 */
export function readDay(text: unknown): DayNumber {
	if (typeof text === 'string' && text.length === 10) return parseDay(text);
	return toBerlinDay(text);
}
