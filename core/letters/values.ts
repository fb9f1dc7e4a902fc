import { civilFromDays, parseDay } from '../calendar/days';
import type { Language, ValidLetterInput } from './input';
import type { PlaceholderName } from './template';

const MONTHS_EN = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** '2026-12-28' -> '28.12.2026' (de) or '28 December 2026' (en). */
export function formatLetterDate(date: string, language: Language): string {
	const [y, m, d] = civilFromDays(parseDay(date));
	if (language === 'en') return `${d} ${MONTHS_EN[m - 1]} ${y}`;
	return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}

const ABSENCE_PERIOD: Record<Language, Record<'continuous' | 'cumulative' | 'unknown', string>> = {
	de: {
		continuous: 'ununterbrochen länger als sechs Wochen',
		cumulative: 'wiederholt, insgesamt länger als sechs Wochen,',
		unknown: 'ununterbrochen oder wiederholt länger als sechs Wochen',
	},
	en: {
		continuous: 'continuously for more than six weeks',
		cumulative: 'repeatedly, for more than six weeks in total',
		unknown: 'for more than six weeks, continuously or repeatedly',
	},
};

const REPRESENTATION: Record<Language, Record<'worksCouncil' | 'staffCouncil', string>> = {
	de: { worksCouncil: 'Betriebsrat', staffCouncil: 'Personalrat' },
	en: { worksCouncil: 'works council', staffCouncil: 'staff council' },
};

function salutation(input: ValidLetterInput): string {
	const { name, lastName, salutation: kind } = input.employee;
	const family = lastName || name;
	if (input.language === 'en') {
		if (kind === 'ms') return `Dear Ms ${family}`;
		if (kind === 'mr') return `Dear Mr ${family}`;
		return `Dear ${name}`;
	}
	if (kind === 'ms') return `Sehr geehrte Frau ${family}`;
	if (kind === 'mr') return `Sehr geehrter Herr ${family}`;
	return `Guten Tag ${name}`;
}

/** "a", "a und b", "a, b und c" (en: "a, b and c") */
function listOf(items: string[], language: Language): string {
	if (items.length < 2) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${language === 'en' ? 'and' : 'und'} ${items[items.length - 1]}`;
}

/** Who takes part for the employer, and the verb that agrees with it (one person or several). */
function employerSide(input: ValidLetterInput): { side: string; verb: string } {
	const de = input.language === 'de';
	const listed = input.company.employerParticipants ?? [];
	const side = listed.length
		? listOf(listed, input.language)
		: `${input.company.contact.name} ${de ? 'als Ansprechperson des Arbeitgebers' : "as the employer's contact person"}`;
	const many = listed.length > 1;
	return { side, verb: de ? (many ? 'nehmen' : 'nimmt') : many ? 'take' : 'takes' };
}

function contactDetails(input: ValidLetterInput): string {
	const { phone, email } = input.company.contact;
	const de = input.language === 'de';
	const parts = [
		phone ? `${de ? 'Telefon' : 'phone'} ${phone}` : '',
		email ? `${de ? 'E-Mail' : 'e-mail'} ${email}` : '',
	].filter(Boolean);
	return parts.join(de ? ' oder ' : ' or ');
}

/** The value of every placeholder for this letter (all plain text; escaping is the renderer's job). */
export function placeholderValues(
	input: ValidLetterInput,
	dueOn: string,
): Record<PlaceholderName, string> {
	const lang = input.language;
	const date = (d: string) => formatLetterDate(d, lang);
	const years = input.company.retentionYears;
	const company = input.company;
	const employer = employerSide(input);
	return {
		absencePeriod: ABSENCE_PERIOD[lang][input.reason ?? 'unknown'],
		caseId: input.caseId,
		reference: input.reference || input.caseId,
		companyName: company.name,
		contactDetails: contactDetails(input),
		contactName: company.contact.name,
		controller:
			company.controller ||
			[company.name, ...company.letterhead.filter((l) => l !== company.name)].join(', '),
		dpoContact: company.dpoContact,
		employeeName: input.employee.name,
		employerSide: employer.side,
		employerSideVerb: employer.verb,
		firstLetterDate: input.firstLetterDate ? date(input.firstLetterDate) : '',
		letterDate: date(input.sentOn),
		reachedOn: date(input.reachedOn),
		replyDueOn: date(dueOn),
		replyLink: input.replyLink ?? '',
		representation: REPRESENTATION[lang][company.representation],
		retentionPeriod:
			lang === 'en'
				? `${years} year${years === 1 ? '' : 's'}`
				: `${years} Jahr${years === 1 ? '' : 'e'}`,
		salutation: salutation(input),
	};
}
