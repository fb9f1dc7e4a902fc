// Calendar days as integers (days since 1970-01-01). The hot paths of the engine and the store work on
// these, never on Date objects: no time zones, no DST, and arithmetic is plain addition.

export type DayNumber = number;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = month > 2 ? month - 3 : month + 9;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(dayNumber: DayNumber): [number, number, number] {
	const z = dayNumber + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: DayNumber): number {
	return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

const ZERO = 48;
function digit(text: string, index: number): number {
	const d = text.charCodeAt(index) - ZERO;
	return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Parses 'YYYY-MM-DD' without regex or Date (this runs millions of times in the engine). A value with a
 * time part ('YYYY-MM-DDTHH:mm…') is read by its date. Returns NaN for anything that is not a real date.
 */
export function parseDay(text: unknown): DayNumber {
	if (typeof text !== 'string' || text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
	if (text.length > 10 && text.charCodeAt(10) !== 84 && text.charCodeAt(10) !== 32) return NaN;
	const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
	const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
	if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
	const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
	const month = m0 * 10 + m1;
	const day = d0 * 10 + d1;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
	return daysFromCivil(year, month, day);
}

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

export function formatDay(dayNumber: DayNumber): string {
	const [y, m, d] = civilFromDays(dayNumber);
	return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The same calendar date one year earlier; 29 Feb becomes 28 Feb. */
export function minusOneYear(dayNumber: DayNumber): DayNumber {
	const [y, m, d] = civilFromDays(dayNumber);
	return daysFromCivil(y - 1, m, Math.min(d, daysInMonth(y - 1, m)));
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(dayNumber: DayNumber, months: number): DayNumber {
	const [y, m, d] = civilFromDays(dayNumber);
	const total = y * 12 + (m - 1) + months;
	const ny = Math.floor(total / 12);
	const nm = total - ny * 12 + 1;
	return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(dayNumber: DayNumber, years: number): DayNumber {
	return addMonths(dayNumber, years * 12);
}
