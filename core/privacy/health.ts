// The BEM file and everything that leaves it (letters, their archive copies, execution data) carry
// periods and dates, never health detail. This guard refuses any key or value that looks like one: the
// words of diagnoses and findings, common diagnoses and conditions (German and English, also inside
// German compounds such as "Bandscheibenvorfall" or "Alkoholsucht"), and ICD-10 codes. Words that are
// also ordinary (the verb "sucht") or surnames ("Krebs") are matched only where they cannot be those.

const HEALTH_WORDS = new RegExp(
	[
		// findings and treatment
		'diagnos|\\bicd\\b|icd-?1[01]|symptom|befund|krankheitsbild|erkrankung|illness|disease',
		'therapie|therapy|medikament|medication|prescription|psychiatr|psychotherap|medical\\s*finding',
		// mental health
		'depressi|burn[-\\s]?out|(?:angst|panik|ess|zwangs|persönlichkeits|belastungs|anpassungs)störung',
		'panikattacke|anxiety\\s*disorder|panic\\s*(?:attack|disorder)|eating\\s*disorder|psychose|psychosis',
		'schizophren|bipolar|posttraumat|\\bptbs\\b|\\bptsd\\b|magersucht|bulimi|anorexi',
		// addiction: compounds and adjectives (the noun "Sucht" on its own is ADDICTION below)
		'(?:drogen|medikamenten|nikotin|spiel|kauf|internet|online|computer|arbeits)sucht',
		'süchtig|(?:drogen|medikamenten|nikotin|opioid)abhängig|alkohol|alcohol|addict|substance\\s*abuse',
		// body
		'bandscheibe|slipped\\s*disc|herniated|disc\\s*prolapse|rückenleiden|rückenschmerz|hexenschuss',
		'infarkt|infarct|heart\\s*attack|schlaganfall|\\bstrokes?\\b|diabet|bluthochdruck|hypertoni',
		'tumor|tumour|karzinom|carcinom|leukämie|leuka?emia|metasta|\\bcancer|migräne|migraine',
		'epilep|demenz|dementia|sklerose|sclerosis|rheuma|arthrose|arthritis|asthma|covid',
	].join('|'),
	'iu',
);

// "Sucht" the noun (and "Suchtberatung", "Suchterkrankung"); lower-case "sucht" is the verb (to search).
// In a field name it is the noun where a word starts: "suchtStatus", "alkoholSucht", not "besuchtAm"
const ADDICTION = /\bSucht/;
const ADDICTION_KEY = /^sucht|Sucht/;

// "Krebs" inside a compound ("Brustkrebs", "Krebserkrankung") is always the disease
const CANCER_COMPOUND =
	/\p{L}krebs|krebs(?:erkrank|leiden|diagnos|therap|patient|vorsorge|früherkennung|zelle|tumor|krank|geschw|risiko|befund)/iu;
// "Krebs" on its own is also a surname: the disease unless it follows a capitalised word (a first name,
// Herr/Frau, Dr.) or stands in a name field ("Kerstin Krebs", "Frau Krebs", lastName: "Krebs")
const CANCER_ALONE = /(?<![A-ZÄÖÜ][\p{L}.]*\s+)\b[Kk]rebs\b|\bKREBS\b/u;

// an ICD-10 code with its decimal part (J06.9, F32.1, M51.2); bare "A12" is too common in addresses to refuse
const ICD_CODE = /\b[A-TV-Z][0-9]{2}\.[0-9]{1,2}[A-Z!*+]?(?![0-9])/;

/** Keys whose values are names or addresses of people and companies: a surname there is a name. */
const NAME_FIELD = /name$|^address$|^letterhead$|^senderLine$|^controller$|^signature$/i;

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

/** Whether the text reads like health detail. `name`: the text is a person's or company's name or
 * address, where a word that is also a surname ("Krebs") is the name. */
export function looksLikeHealthDetail(text: string, options: { name?: boolean } = {}): boolean {
	return (
		HEALTH_WORDS.test(text) ||
		ADDICTION.test(text) ||
		CANCER_COMPOUND.test(text) ||
		(!options.name && CANCER_ALONE.test(text)) ||
		ICD_CODE.test(text)
	);
}

/** Whether a field name reads like health detail ("diagnosis", "icd10", "burnoutRisk"). */
function looksLikeHealthKey(key: string): boolean {
	return HEALTH_WORDS.test(key) || ADDICTION_KEY.test(key) || CANCER_COMPOUND.test(key);
}

/** Throws HealthDetailError naming the first key or string value (by path) that carries health detail;
 * `reason` ends its message (default: the letters'). */
export function assertNoHealthDetail(value: unknown, path: string, reason?: string): void {
	screen(value, path, true, false, reason);
}

/** Like assertNoHealthDetail, but keys (and strings in arrays, such as a section order) only: for a letter
 * template, whose wording validateTemplate checks section by section with messages naming the section. */
export function assertNoHealthKeys(value: unknown, path: string): void {
	screen(value, path, false);
}

function screen(
	value: unknown,
	path: string,
	values: boolean,
	name = false,
	reason?: string,
): void {
	if (typeof value === 'string') {
		if (values && looksLikeHealthDetail(value, { name })) throw new HealthDetailError(path, reason);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, i) =>
			screen(entry, `${path}[${i}]`, values || typeof entry === 'string', name, reason),
		);
		return;
	}
	if (value !== null && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			const at = path ? `${path}.${key}` : key;
			if (looksLikeHealthKey(key)) throw new HealthDetailError(at, reason);
			screen(entry, at, values, NAME_FIELD.test(key), reason);
		}
	}
}
