import { z } from 'zod';

import { parseDay } from '../calendar/days';
import { isGermanState, type GermanState } from '../calendar/holidays';
import { assertNoHealthDetail, assertNoHealthKeys } from '../privacy';
import { templateOverrideSchema, type TemplateOverride } from './template';
import { issueMessage } from '../privacy/issueMessage';

// The input of a letter, validated at the boundary. Everything is identity, dates and company settings;
// a health detail anywhere (key or value) is refused before zod even looks at the shape.

export const LETTER_KINDS = ['first', 'second'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const day = (what: string) =>
	z
		.string({
			required_error: `${what} is required`,
			invalid_type_error: `${what} must be a date 'YYYY-MM-DD'`,
		})
		.refine((v) => v.length === 10 && !Number.isNaN(parseDay(v)), {
			message: `${what} must be a date 'YYYY-MM-DD'`,
		});
const text = (what: string, max = 200) =>
	z
		.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` })
		.trim()
		.min(1, `${what} is required`)
		.max(max, `${what} is longer than ${max} characters`)
		.refine((v) => !/\{\{|\}\}/.test(v), `${what} must not contain {{ or }}`);
const optionalText = (what: string, max = 200) =>
	z
		.string()
		.trim()
		.max(max, `${what} is longer than ${max} characters`)
		.refine((v) => !/\{\{|\}\}/.test(v), `${what} must not contain {{ or }}`)
		.optional();

export const SALUTATIONS = ['ms', 'mr', 'neutral'] as const;
export type Salutation = (typeof SALUTATIONS)[number];

/** 'Frau'/'Herr'/'Ms'/'Mr'/… as HR systems spell it -> ms | mr | neutral. */
export function normaliseSalutation(value: unknown): Salutation {
	const v = typeof value === 'string' ? value.trim().toLowerCase().replace(/\.$/, '') : '';
	if (['frau', 'ms', 'mrs', 'miss', 'female', 'f', 'w', 'weiblich'].includes(v)) return 'ms';
	if (['herr', 'mr', 'male', 'm', 'männlich'].includes(v)) return 'mr';
	return 'neutral';
}

const employeeSchema = z
	.object({
		name: text('employee.name'),
		lastName: optionalText('employee.lastName'),
		salutation: z.preprocess(normaliseSalutation, z.enum(SALUTATIONS)).default('neutral'),
		address: z
			.array(text('employee.address line'))
			.min(
				2,
				'employee.address needs at least two lines (street, postcode and town); the name is added from employee.name',
			)
			.max(5, 'employee.address has more than five lines'),
	})
	.strict();

const contactSchema = z
	.object({
		name: text('company.contact.name'),
		role: optionalText('company.contact.role'),
		phone: optionalText('company.contact.phone', 60),
		email: z
			.string()
			.trim()
			.email('company.contact.email must be an e-mail address')
			.optional()
			.or(z.literal('')),
	})
	.strict()
	.refine((c) => Boolean(c.phone) || Boolean(c.email), {
		message: 'company.contact needs a phone number or an e-mail address',
		path: ['phone'],
	});

export const companySchema = z
	.object({
		name: text('company.name'),
		/** lines printed at the top of the letter (company name is the first line unless given) */
		letterhead: z
			.array(text('company.letterhead line'))
			.max(6, 'company.letterhead has more than six lines')
			.default([]),
		/** the short return-address line above the address field */
		senderLine: optionalText('company.senderLine', 120),
		/** printed before the date: "Berlin, 11.12.2026" */
		place: optionalText('company.place', 60),
		contact: contactSchema,
		/** who takes part for the employer besides the employee, in the letter's language ("die
		 * BEM-Beauftragte", "der Betriebsrat"): a list, or text with one per line or separated by ";".
		 * Absent: the contact person */
		employerParticipants: z
			.union([
				z.array(text('company.employerParticipants entry', 120)),
				z
					.string({ invalid_type_error: 'company.employerParticipants must be a list or text' })
					.transform((v) => v.split(/\s*[;\n]\s*/).filter((l) => l.trim() !== ''))
					.pipe(z.array(text('company.employerParticipants entry', 120))),
			])
			.refine(
				(l) => l.length >= 1 && l.length <= 6,
				'company.employerParticipants needs one to six entries',
			)
			.optional(),
		/** the controller under Art. 13 DSGVO: name and postal address; defaults to name + letterhead */
		controller: optionalText('company.controller', 300),
		dpoContact: text('company.dpoContact (data-protection officer contact)', 300),
		representation: z.enum(['worksCouncil', 'staffCouncil']).default('worksCouncil'),
		retentionYears: z
			.number({ invalid_type_error: 'company.retentionYears must be a number' })
			.int('company.retentionYears must be whole years')
			.min(1, 'company.retentionYears must be at least 1')
			.max(30, 'company.retentionYears must be at most 30')
			.default(3),
		state: z
			.string()
			.default('DE')
			.refine(isGermanState, {
				message:
					'company.state must be a German state code (DE for nationwide holidays only, BY, NW, …)',
			})
			.transform((s) => s as GermanState),
	})
	.strict();

export const letterInputSchema = z
	.object({
		kind: z.enum(LETTER_KINDS, {
			errorMap: () => ({ message: "kind must be 'first' or 'second'" }),
		}),
		language: z
			.enum(LANGUAGES, { errorMap: () => ({ message: "language must be 'de' or 'en'" }) })
			.default('de'),
		caseId: text('caseId', 100),
		/** the case's reference (BemCase.reference, 'BEM-2026-0042'): the Aktenzeichen; absent: the case id */
		reference: optionalText('reference', 40),
		employee: employeeSchema,
		reachedOn: day('reachedOn'),
		reason: z
			.enum(['continuous', 'cumulative'], {
				errorMap: () => ({ message: "reason must be 'continuous' or 'cumulative'" }),
			})
			.optional(),
		sentOn: day('sentOn'),
		firstLetterDate: day('firstLetterDate').optional(),
		/** the reply deadline the BEM case keeps (the store's replyDueOn); a letter sent states that one. Absent (a
		 * preview before the letter is claimed): the deadline the case would get, core/lifecycle replyDueOn */
		replyDueOn: day('replyDueOn').optional(),
		replyLink: z
			.string()
			.trim()
			.url('replyLink must be a URL')
			.refine((v) => /^https?:\/\//i.test(v), 'replyLink must be an http(s) URL')
			.optional()
			.or(z.literal('').transform(() => undefined))
			// serialised as a URL: characters a URL may not hold (quotes, spaces, <>) are percent-encoded, so the
			// link reads the same in text, HTML and PDF and needs only HTML escaping in an attribute
			.transform((v) => (v === undefined ? undefined : new URL(v).href)),
		company: companySchema,
		template: templateOverrideSchema.optional(),
	})
	.strict()
	.superRefine((v, ctx) => {
		if (parseDay(v.reachedOn) > parseDay(v.sentOn))
			ctx.addIssue({
				code: 'custom',
				path: ['reachedOn'],
				message: `reachedOn ${v.reachedOn} is after the letter date ${v.sentOn}`,
			});
		if (v.replyDueOn && parseDay(v.replyDueOn) <= parseDay(v.sentOn))
			ctx.addIssue({
				code: 'custom',
				path: ['replyDueOn'],
				message: `replyDueOn ${v.replyDueOn} must be after the letter date ${v.sentOn}`,
			});
		if (v.kind === 'second') {
			if (!v.firstLetterDate)
				ctx.addIssue({
					code: 'custom',
					path: ['firstLetterDate'],
					message:
						'firstLetterDate (the date of the first invitation) is required for the second letter',
				});
			else if (parseDay(v.firstLetterDate) >= parseDay(v.sentOn))
				ctx.addIssue({
					code: 'custom',
					path: ['firstLetterDate'],
					message: `firstLetterDate ${v.firstLetterDate} must be before the second letter's date ${v.sentOn}`,
				});
		}
	});

export type LetterInput = z.input<typeof letterInputSchema>;
export type ValidLetterInput = z.output<typeof letterInputSchema> & { template?: TemplateOverride };
export type CompanySettings = z.input<typeof companySchema>;

export class LetterInputError extends Error {
	constructor(
		message: string,
		public readonly field: string,
	) {
		super(message);
		this.name = 'LetterInputError';
	}
}

/**
 * Control and bidi-override characters (U+202E and the like can show a name or link reversed, or hide
 * text) and other invisible format characters that no letter needs: removed from every text of the input.
 * Line breaks stay; tabs become spaces. Zero-width (non-)joiners stay: Arabic and Indic names need them.
 */
const INVISIBLE =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

export function withoutInvisible(value: unknown): unknown {
	if (typeof value === 'string')
		return value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVISIBLE, '');
	if (Array.isArray(value)) return value.map(withoutInvisible);
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutInvisible(v)]));
	return value;
}

export function parseLetterInput(given: unknown): ValidLetterInput {
	const raw = withoutInvisible(given);
	// the template's wording is checked by validateTemplate, which names the section or placeholder; here
	// only its keys (section names) are screened, everything else in full
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'template' in raw) {
		const { template, ...rest } = raw as Record<string, unknown>;
		assertNoHealthDetail(rest, '');
		assertNoHealthKeys(template, 'template');
	} else {
		assertNoHealthDetail(raw, '');
	}
	const parsed = letterInputSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.join('.');
		const message =
			issue.code === 'unrecognized_keys'
				? `unknown field(s) ${issue.keys.map((k) => (field ? `${field}.${k}` : k)).join(', ')}`
				: issueMessage(issue);
		throw new LetterInputError(
			message.includes(field) || !field ? message : `${field}: ${message}`,
			field,
		);
	}
	return parsed.data;
}
