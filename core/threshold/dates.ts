import { parseDay, type DayNumber } from '../calendar/days';
import { typeOf } from '../privacy/issueMessage';
import { toBerlinDay } from '../calendar/today';

/**
 * An input date (contract v2): 'YYYY-MM-DD' on the fast path; a date-time string counts as its
 * Europe/Berlin calendar date; anything else is NaN (bad input), including '2026-03-02Tnonsense'.
 */
export function readDay(text: unknown): DayNumber {
	if (typeof text === 'string' && text.length === 10) return parseDay(text);
	return toBerlinDay(text);
}

/** What a bad input date is, by type only: the value itself never goes into a message (issue 13 item 4). */
export function notADate(value: unknown): string {
	const got =
		typeof value === 'string' && value.trim() !== '' ? 'text that is not one' : typeOf(value);
	return `expected a real date 'YYYY-MM-DD', got ${got}`;
}
