// The BEM file and everything that leaves it (letters, their archive copies, execution data) carry
// periods and dates, never health detail. This guard refuses any key or value that looks like one.
// Words that are also surnames (e.g. "Krebs") are deliberately not listed: names pass through every letter.

const HEALTH_WORDS =
	/diagnos|\bicd\b|icd-?1[01]|symptom|befund|krankheitsbild|erkrankung|illness|disease|therapie|therapy|medikament|medication|prescription|psychiatr|psychotherap|medical\s*finding/i;

// an ICD-10 code with its decimal part (J06.9, F32.1); bare "A12" is too common in addresses to refuse
const ICD_CODE = /\b[A-TV-Z][0-9]{2}\.[0-9]{1,2}[A-Z!*+]?(?![0-9])/;

/** Why a letter refuses it (the default: letters are where most text leaves the BEM file). */
const LETTERS_ONLY_PERIODS = 'BEM letters name periods only, never health details';

export class HealthDetailError extends Error {
	constructor(
		public readonly field: string,
		reason = LETTERS_ONLY_PERIODS,
	) {
		super(`${field} looks like health detail (a diagnosis, symptom or finding); ${reason}`);
		this.name = 'HealthDetailError';
	}
}

export function looksLikeHealthDetail(text: string): boolean {
	return HEALTH_WORDS.test(text) || ICD_CODE.test(text);
}

/** Throws HealthDetailError naming the first key or string value (by path) that carries health detail. */
export function assertNoHealthDetail(value: unknown, path: string): void {
	screen(value, path, true);
}

/** Like assertNoHealthDetail, but keys (and strings in arrays, such as a section order) only: for a letter
 * template, whose wording validateTemplate checks section by section with messages naming the section. */
export function assertNoHealthKeys(value: unknown, path: string): void {
	screen(value, path, false);
}

function screen(value: unknown, path: string, values: boolean): void {
	if (typeof value === 'string') {
		if (values && looksLikeHealthDetail(value)) throw new HealthDetailError(path);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, i) =>
			screen(entry, `${path}[${i}]`, values || typeof entry === 'string'),
		);
		return;
	}
	if (value !== null && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			const at = path ? `${path}.${key}` : key;
			if (HEALTH_WORDS.test(key)) throw new HealthDetailError(at);
			screen(entry, at, values);
		}
	}
}
