import {
	addMonths,
	daysFromCivil,
	formatDay,
	isoWeekday,
	minusOneYear,
	parseDay,
} from '../../core/calendar/days';
import { easterSunday, publicHolidayNames, publicHolidays } from '../../core/calendar/holidays';
import { todayInBerlin, toBerlinDate } from '../../core/calendar/today';
import {
	deadlineAfter,
	isBusinessDay,
	rollForwardToBusinessDay,
} from '../../core/calendar/workingDays';

const day = (s: string) => parseDay(s);

describe('day numbers', () => {
	it('round-trips every date from 1900 to 2200 and rejects impossible ones', () => {
		for (let d = daysFromCivil(1900, 1, 1); d < daysFromCivil(2200, 1, 1); d += 7)
			expect(parseDay(formatDay(d))).toBe(d);
		expect(day('1970-01-01')).toBe(0);
		for (const bad of [
			'2026-02-29',
			'2026-04-31',
			'2026-00-10',
			'2026-1-1',
			'26-01-01',
			'2026/01/01',
			'',
			'x',
			'2026-01-01Z',
		])
			expect(parseDay(bad)).toBeNaN();
		expect(parseDay('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
		expect(parseDay('2026-11-22T23:00:00.000Z')).toBe(day('2026-11-22'));
		expect(parseDay(20261122)).toBeNaN();
	});
	it('weekdays, months and years', () => {
		expect(isoWeekday(day('2026-11-22'))).toBe(7);
		expect(isoWeekday(day('2026-11-23'))).toBe(1);
		expect(formatDay(minusOneYear(day('2028-02-29')))).toBe('2027-02-28');
		expect(formatDay(addMonths(day('2026-01-31'), 1))).toBe('2026-02-28');
		expect(formatDay(addMonths(day('2026-08-31'), 6))).toBe('2027-02-28');
	});
});

describe('German public holidays', () => {
	it('computes Easter', () => {
		expect(['2024', '2025', '2026', '2027'].map((y) => formatDay(easterSunday(Number(y))))).toEqual(
			['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28'],
		);
	});
	it('knows the nationwide and the state holidays of 2026', () => {
		const names = (state: Parameters<typeof publicHolidayNames>[1]) =>
			publicHolidayNames(2026, state).map((h) => `${formatDay(h.day)} ${h.name}`);
		expect(names('DE')).toEqual([
			'2026-01-01 Neujahr',
			'2026-04-03 Karfreitag',
			'2026-04-06 Ostermontag',
			'2026-05-01 Tag der Arbeit',
			'2026-05-14 Christi Himmelfahrt',
			'2026-05-25 Pfingstmontag',
			'2026-10-03 Tag der Deutschen Einheit',
			'2026-12-25 1. Weihnachtstag',
			'2026-12-26 2. Weihnachtstag',
		]);
		expect(publicHolidays(2026, 'BY').has(day('2026-01-06'))).toBe(true);
		expect(publicHolidays(2026, 'NW').has(day('2026-06-04'))).toBe(true); // Fronleichnam
		expect(publicHolidays(2026, 'SN').has(day('2026-11-18'))).toBe(true); // Buß- und Bettag
		expect(publicHolidays(2026, 'BE').has(day('2026-03-08'))).toBe(true);
		expect(publicHolidays(2022, 'MV').has(day('2022-03-08'))).toBe(false);
		expect(publicHolidays(2026, 'HH').has(day('2026-10-31'))).toBe(true);
		expect(publicHolidays(2017, 'BY').has(day('2017-10-31'))).toBe(true); // 500 years of the Reformation
		expect(publicHolidays(2026, 'TH').has(day('2026-09-20'))).toBe(true);
		expect(publicHolidays(2026, 'DE').has(day('2026-01-06'))).toBe(false);
	});
});

describe('deadlines', () => {
	it('roll forward past weekends and holidays of the configured state', () => {
		expect(formatDay(deadlineAfter(day('2026-12-11'), 14))).toBe('2026-12-28'); // 25th Fri, 26th Sat, 27th Sun
		expect(formatDay(deadlineAfter(day('2026-11-04'), 14, 'SN'))).toBe('2026-11-19'); // 18th Buß- und Bettag in Saxony
		expect(formatDay(deadlineAfter(day('2026-11-04'), 14, 'BY'))).toBe('2026-11-18');
		expect(formatDay(rollForwardToBusinessDay(day('2026-04-03')))).toBe('2026-04-07'); // Karfreitag .. Ostermontag
		expect(isBusinessDay(day('2026-11-23'))).toBe(true);
	});
});

describe('Berlin dates', () => {
	it('today is today in Europe/Berlin, not in the server zone', () => {
		expect(todayInBerlin(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-22');
		expect(todayInBerlin(new Date('2026-07-21T22:30:00Z'))).toBe('2026-07-22'); // summer time, UTC+2
		expect(todayInBerlin(new Date('2026-07-21T21:30:00Z'))).toBe('2026-07-21');
	});
	it('reads dates and date-times as Berlin dates', () => {
		expect(toBerlinDate('2026-11-22')).toBe('2026-11-22');
		expect(toBerlinDate('2026-11-22T23:30:00Z')).toBe('2026-11-23');
		expect(toBerlinDate('2026-11-22T10:00:00')).toBe('2026-11-22');
		expect(toBerlinDate('22.11.2026')).toBeNull();
		expect(toBerlinDate(undefined)).toBeNull();
	});
});
