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
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
	);
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
	return month === 2
		? isLeapYear(year)
			? 29
			: 28
		: month === 4 || month === 6 || month === 9 || month === 11
			? 30
			: 31;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: DayNumber): number {
	return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

const CUMULATIVE_DAYS = new Int32Array([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]);
const MONTH_DAYS = new Int32Array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);

/**
 * Parses 'YYYY-MM-DD' without regex or Date (this runs millions of times in the engine). A value with a
 * time part ('YYYY-MM-DDTHH:mm…') is read by its date. Returns NaN for anything that is not a real date.
 */
export function parseDay(text: unknown): DayNumber {
	if (
		typeof text !== 'string' ||
		text.length < 10 ||
		text.charCodeAt(4) !== 45 ||
		text.charCodeAt(7) !== 45
	)
		return NaN;
	const y0 = text.charCodeAt(0) - 48,
		y1 = text.charCodeAt(1) - 48,
		y2 = text.charCodeAt(2) - 48,
		y3 = text.charCodeAt(3) - 48;
	const m0 = text.charCodeAt(5) - 48,
		m1 = text.charCodeAt(6) - 48,
		d0 = text.charCodeAt(8) - 48,
		d1 = text.charCodeAt(9) - 48;
	// each must be a digit 0–9: a character below '0' makes the OR negative, one above '9' is > 9
	if (
		(y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 ||
		y0 > 9 ||
		y1 > 9 ||
		y2 > 9 ||
		y3 > 9 ||
		m0 > 9 ||
		m1 > 9 ||
		d0 > 9 ||
		d1 > 9
	)
		return NaN;
	if (text.length > 10) {
		const c = text.charCodeAt(10);
		if (c !== 84 && c !== 32) return NaN;
	}
	const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
	const month = m0 * 10 + m1;
	const day = d0 * 10 + d1;
	if (year < 1 || month < 1 || month > 12 || day < 1) return NaN;
	const leap = (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
	if (day > MONTH_DAYS[month] + (month === 2 ? leap : 0)) return NaN;
	// days since 1970-01-01: whole years (with their leap days; y ≥ 0, so | 0 floors), then days of the year
	const y = year - 1;
	return (
		365 * (year - 1970) +
		(((y / 4) | 0) - ((y / 100) | 0) + ((y / 400) | 0)) -
		477 +
		CUMULATIVE_DAYS[month] +
		(month > 2 ? leap : 0) +
		day -
		1
	);
}

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

// Results name the same few dates over and over (window start and end): memoised per day number.
const formatted = new Map<DayNumber, string>();

export function formatDay(dayNumber: DayNumber): string {
	let text = formatted.get(dayNumber);
	if (text === undefined) {
		const [y, m, d] = civilFromDays(dayNumber);
		text = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
		if (formatted.size < 100000) formatted.set(dayNumber, text);
	}
	return text;
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
