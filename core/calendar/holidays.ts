import { daysFromCivil, isoWeekday, type DayNumber } from './days';

/**
 * German public holidays per Bundesland (state-wide holidays only; holidays of single municipalities,
 * such as the Augsburger Friedensfest or Mariä Himmelfahrt in Catholic Bavarian communities, are not
 * state-wide and are left to a works agreement). 'DE' means the nationwide holidays only.
 */
export const GERMAN_STATES = {
	DE: 'Nationwide holidays only',
	BW: 'Baden-Württemberg',
	BY: 'Bayern',
	BE: 'Berlin',
	BB: 'Brandenburg',
	HB: 'Bremen',
	HH: 'Hamburg',
	HE: 'Hessen',
	MV: 'Mecklenburg-Vorpommern',
	NI: 'Niedersachsen',
	NW: 'Nordrhein-Westfalen',
	RP: 'Rheinland-Pfalz',
	SL: 'Saarland',
	SN: 'Sachsen',
	ST: 'Sachsen-Anhalt',
	SH: 'Schleswig-Holstein',
	TH: 'Thüringen',
} as const;

export type GermanState = keyof typeof GERMAN_STATES;

export function isGermanState(value: unknown): value is GermanState {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(GERMAN_STATES, value);
}

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): DayNumber {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return daysFromCivil(year, month, day);
}

const only =
	(...states: GermanState[]) =>
	(s: GermanState) =>
		states.includes(s);

/** Buß- und Bettag: the Wednesday before 23 November. */
function repentanceDay(year: number): DayNumber {
	const nov22 = daysFromCivil(year, 11, 22);
	return nov22 - ((isoWeekday(nov22) - 3 + 7) % 7);
}

function holidaysOfYear(year: number, state: GermanState): Array<{ day: DayNumber; name: string }> {
	const easter = easterSunday(year);
	const fixed = (m: number, d: number) => daysFromCivil(year, m, d);
	const list: Array<{
		day: DayNumber;
		name: string;
		applies?: (s: GermanState) => boolean;
		from?: number;
	}> = [
		{ day: fixed(1, 1), name: 'Neujahr' },
		{ day: fixed(1, 6), name: 'Heilige Drei Könige', applies: only('BW', 'BY', 'ST') },
		{
			day: fixed(3, 8),
			name: 'Internationaler Frauentag',
			applies: (s) => s === 'BE' || (s === 'MV' && year >= 2023),
			from: 2019,
		},
		{ day: easter - 2, name: 'Karfreitag' },
		{ day: easter, name: 'Ostersonntag', applies: only('BB') },
		{ day: easter + 1, name: 'Ostermontag' },
		{ day: fixed(5, 1), name: 'Tag der Arbeit' },
		{ day: easter + 39, name: 'Christi Himmelfahrt' },
		{ day: easter + 49, name: 'Pfingstsonntag', applies: only('BB') },
		{ day: easter + 50, name: 'Pfingstmontag' },
		{ day: easter + 60, name: 'Fronleichnam', applies: only('BW', 'BY', 'HE', 'NW', 'RP', 'SL') },
		{ day: fixed(8, 15), name: 'Mariä Himmelfahrt', applies: only('SL') },
		{ day: fixed(9, 20), name: 'Weltkindertag', applies: only('TH'), from: 2019 },
		{ day: fixed(10, 3), name: 'Tag der Deutschen Einheit' },
		{
			day: fixed(10, 31),
			name: 'Reformationstag',
			// nationwide once in 2017; Bremen, Hamburg, Niedersachsen and Schleswig-Holstein since 2018
			applies: (s) =>
				year === 2017 ||
				['BB', 'MV', 'SN', 'ST', 'TH'].includes(s) ||
				(year >= 2018 && ['HB', 'HH', 'NI', 'SH'].includes(s)),
		},
		{ day: fixed(11, 1), name: 'Allerheiligen', applies: only('BW', 'BY', 'NW', 'RP', 'SL') },
		{ day: repentanceDay(year), name: 'Buß- und Bettag', applies: only('SN') },
		{ day: fixed(12, 25), name: '1. Weihnachtstag' },
		{ day: fixed(12, 26), name: '2. Weihnachtstag' },
	];
	return list
		.filter(
			(h) =>
				(h.from === undefined || year >= h.from) && (h.applies === undefined || h.applies(state)),
		)
		.map(({ day, name }) => ({ day, name }));
}

const cache = new Map<string, Set<DayNumber>>();

/** The set of public-holiday day numbers of a state in a year (cached: holidays are asked for per day). */
export function publicHolidays(year: number, state: GermanState = 'DE'): Set<DayNumber> {
	const key = `${state}:${year}`;
	let set = cache.get(key);
	if (!set) {
		set = new Set(holidaysOfYear(year, state).map((h) => h.day));
		cache.set(key, set);
	}
	return set;
}

export function publicHolidayNames(
	year: number,
	state: GermanState = 'DE',
): Array<{ day: DayNumber; name: string }> {
	return holidaysOfYear(year, state);
}
