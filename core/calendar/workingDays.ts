import { civilFromDays, isoWeekday, type DayNumber } from './days';
import { publicHolidays, type GermanState } from './holidays';

/** Mon–Fri and not a public holiday of the state: the working days that deadlines roll forward to. */
export function isBusinessDay(day: DayNumber, state: GermanState = 'DE'): boolean {
	if (isoWeekday(day) > 5) return false;
	return !publicHolidays(civilFromDays(day)[0], state).has(day);
}

/** The day itself if it is a business day, else the next one (a deadline ending on a holiday moves on). */
export function rollForwardToBusinessDay(day: DayNumber, state: GermanState = 'DE'): DayNumber {
	let d = day;
	while (!isBusinessDay(d, state)) d++;
	return d;
}

/** Sent on `day`, due `days` later, rolled forward to a business day (§ 167 invitations: 14 days). */
export function deadlineAfter(day: DayNumber, days: number, state: GermanState = 'DE'): DayNumber {
	return rollForwardToBusinessDay(day + days, state);
}

/** The `count`-th business day after `day` (a posted letter counts as received on the 3rd, case-file.md). */
export function workingDaysAfter(
	day: DayNumber,
	count: number,
	state: GermanState = 'DE',
): DayNumber {
	let d = day;
	for (let n = 0; n < count; n++) d = rollForwardToBusinessDay(d + 1, state);
	return d;
}
