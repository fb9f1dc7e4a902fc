import { daysFromCivil, minusOneYear, type DayNumber } from '../calendar/days';

// The window start "D minus one calendar year plus one day" needs calendar arithmetic; the engine asks
// for it once per AU day, so it is tabulated once for 1900–2199 and computed outside that range.
const TABLE_FIRST = daysFromCivil(1900, 1, 1);
const TABLE_END = daysFromCivil(2200, 1, 1);
let table: Int32Array | null = null;

function buildTable(): Int32Array {
	const t = new Int32Array(TABLE_END - TABLE_FIRST);
	for (let d = TABLE_FIRST; d < TABLE_END; d++) t[d - TABLE_FIRST] = minusOneYear(d) + 1;
	return t;
}

/** First day of the rolling one-year window ending on `day` (rule 1; 29 Feb minus a year is 28 Feb). */
export function calendarYearWindowStart(day: DayNumber): DayNumber {
	if (day < TABLE_FIRST || day >= TABLE_END) return minusOneYear(day) + 1;
	if (table === null) table = buildTable();
	return table[day - TABLE_FIRST];
}

export function fixed365WindowStart(day: DayNumber): DayNumber {
	return day - 364;
}
