import { z } from 'zod';

import { looksLikeHealthDetail } from '../privacy';

// A letter template: subject, greeting, ordered sections (heading + text with {{placeholders}}) and a
// closing phrase. Companies override the wording per section; the merged template is validated so that
// no override can drop what makes the invitation legally sound (§167 Abs. 2 SGB IX, Art. 13 DSGVO).

export const PLACEHOLDERS = {
	absencePeriod:
		'how the threshold was reached, as a period ("continuously for more than six weeks")',
	caseId: 'the BEM case id (a UUID; the letter shows {{reference}})',
	companyName: 'the company name',
	contactDetails: 'phone and e-mail of the contact person',
	contactName: 'the contact person (BEM officer)',
	controller: 'the controller under Art. 13 DSGVO (name and address)',
	dpoContact: 'contact of the data-protection officer',
	employeeName: "the employee's full name",
	employerSide:
		'who takes part for the employer: the company setting employerParticipants ("die BEM-Beauftragte und der Betriebsrat"), else the contact person',
	employerSideVerb:
		'the verb agreeing with {{employerSide}}: "nimmt" / "nehmen" (de), "takes" / "take" (en)',
	firstLetterDate: 'the date of the first invitation (second letter only)',
	letterDate: 'the date of this letter',
	reachedOn: 'the day the threshold was reached (end of the twelve-month window)',
	replyDueOn: 'the reply deadline: 14 days after the letter, rolled forward to a working day',
	replyLink: 'the signed link to the reply form',
	reference: 'the Aktenzeichen on the letter: the case reference ("BEM-2026-0042")',
	representation:
		'the employee representation: Betriebsrat / Personalrat (works council / staff council)',
	retentionPeriod: 'how long the BEM file is kept after closing ("3 Jahre" / "3 years")',
	salutation: 'the greeting with the name ("Sehr geehrte Frau Muster")',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDERS;
export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];

export const SECTION_KEYS = [
	'offer',
	'goals',
	'voluntariness',
	'participants',
	'dataProtection',
	'noReply',
	'reply',
	'contact',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface Section {
	key: string;
	heading?: string;
	text: string;
}

export interface LetterTemplate {
	subject: string;
	greeting: string;
	sections: Section[];
	closing: string;
}

const sectionKey = z
	.string()
	.regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'section keys are camelCase words (e.g. worksAgreement)');
const sectionOverride = z.union([
	z.null(),
	z
		.object({
			heading: z.string().max(200).optional(),
			text: z
				.string()
				.trim()
				.min(1, 'a section needs text (use null to remove an optional section)')
				.max(5000)
				.optional(),
		})
		.strict(),
]);

/** What a company may override: any wording, extra sections, the order. Letterhead and contact are company settings. */
export const templateOverrideSchema = z
	.object({
		subject: z.string().trim().min(1).max(300).optional(),
		greeting: z.string().trim().min(1).max(300).optional(),
		closing: z.string().trim().min(1).max(300).optional(),
		sections: z.record(sectionKey, sectionOverride).optional(),
		/** section keys in the order they should appear; keys not listed keep their place after the listed ones */
		order: z.array(sectionKey).optional(),
	})
	.strict();
export type TemplateOverride = z.infer<typeof templateOverrideSchema>;

export class LetterTemplateError extends Error {
	constructor(public readonly problems: string[]) {
		super(`Letter template refused: ${problems.join('; ')}`);
		this.name = 'LetterTemplateError';
	}
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const HEALTH_PLACEHOLDER =
	'would put health detail into the letter; letters name periods only, never diagnoses';

export function placeholdersIn(text: string): string[] {
	return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export function mergeTemplate(
	base: LetterTemplate,
	override: TemplateOverride | undefined,
): LetterTemplate {
	if (!override) return base;
	const sections = new Map(base.sections.map((s) => [s.key, { ...s }]));
	const removed = new Set<string>();
	for (const [key, change] of Object.entries(override.sections ?? {})) {
		if (change === null) {
			sections.delete(key);
			removed.add(key);
			continue;
		}
		const existing = sections.get(key);
		if (existing) sections.set(key, { ...existing, ...definedOnly(change) });
		else sections.set(key, { key, heading: change.heading, text: change.text ?? '' });
	}
	let ordered = [...sections.values()];
	if (override.order) {
		const rank = new Map(override.order.map((k, i) => [k, i]));
		ordered = ordered
			.map((s, i) => ({ s, r: rank.get(s.key) ?? override.order!.length + i }))
			.sort((a, b) => a.r - b.r)
			.map(({ s }) => s);
	}
	const merged: LetterTemplate = {
		subject: override.subject ?? base.subject,
		greeting: override.greeting ?? base.greeting,
		closing: override.closing ?? base.closing,
		sections: ordered,
	};
	Object.defineProperty(merged, REMOVED, { value: removed, enumerable: false });
	return merged;
}

const REMOVED = Symbol('removed sections');

function definedOnly<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Refuses a template that lacks a mandatory element or uses a placeholder it may not. Returns nothing;
 * throws LetterTemplateError listing every problem, so a company fixes its template in one go.
 */
export function validateTemplate(template: LetterTemplate, kind: 'first' | 'second'): void {
	const problems: string[] = [];
	const removed = ((template as unknown as Record<symbol, Set<string>>)[REMOVED] ??
		new Set<string>()) as Set<string>;
	const section = (key: SectionKey) =>
		template.sections.find((s) => s.key === key && s.text.trim() !== '');
	const need = (key: SectionKey, what: string) => {
		if (!section(key))
			problems.push(
				`the ${what} section ("${key}") is missing${removed.has(key) ? ' (it was removed, but it is mandatory)' : ''}`,
			);
	};
	need('offer', 'explicit offer of a BEM under §167 Abs. 2 SGB IX');
	need('voluntariness', 'voluntariness');
	need('dataProtection', 'data-protection (Art. 13 DSGVO)');
	need('participants', 'participants');
	need('reply', 'how-to-reply');
	need('contact', 'contact person');
	if (kind === 'second') need('noReply', 'closing-without-reply notice');

	const all = [
		template.subject,
		template.greeting,
		template.closing,
		...template.sections.flatMap((s) => [s.heading ?? '', s.text]),
	];
	const body = template.sections.map((s) => `${s.heading ?? ''}\n${s.text}`).join('\n');
	const uses = new Set(all.flatMap(placeholdersIn));
	if (!placeholdersIn(body).includes('replyDueOn'))
		problems.push('the reply deadline placeholder {{replyDueOn}} is missing from the letter body');
	const dp = section('dataProtection');
	if (dp) {
		const inDp = placeholdersIn(dp.text);
		if (!inDp.includes('retentionPeriod'))
			problems.push(
				'the data-protection section must state the retention period ({{retentionPeriod}})',
			);
		if (!inDp.includes('dpoContact'))
			problems.push(
				'the data-protection section must name the data-protection officer ({{dpoContact}})',
			);
	}
	if (kind === 'second' && !placeholdersIn(body).includes('firstLetterDate'))
		problems.push('the second letter must refer to the first one ({{firstLetterDate}})');
	for (const name of uses) {
		if (looksLikeHealthDetail(name)) problems.push(`placeholder {{${name}}} ${HEALTH_PLACEHOLDER}`);
		else if (!(PLACEHOLDER_NAMES as string[]).includes(name))
			problems.push(`unknown placeholder {{${name}}} (known: ${PLACEHOLDER_NAMES.join(', ')})`);
		else if (name === 'firstLetterDate' && kind === 'first')
			problems.push('{{firstLetterDate}} is only available in the second letter');
	}
	for (const [i, text] of all.entries()) {
		const stripped = text.replace(PLACEHOLDER, '');
		if (/\{\{|\}\}/.test(stripped))
			problems.push(`unbalanced braces in ${describePart(template, i)}`);
	}
	for (const s of template.sections) {
		if (looksLikeHealthDetail(`${s.key} ${s.heading ?? ''} ${s.text}`))
			problems.push(
				`section "${s.key}" carries health detail (diagnoses, symptoms, findings); letters name periods only`,
			);
	}
	for (const [part, text] of [
		['subject', template.subject],
		['greeting', template.greeting],
		['closing', template.closing],
	] as const) {
		if (looksLikeHealthDetail(text))
			problems.push(`the ${part} carries health detail; letters name periods only`);
	}
	if (problems.length > 0) throw new LetterTemplateError(problems);
}

function describePart(template: LetterTemplate, index: number): string {
	if (index < 3) return ['the subject', 'the greeting', 'the closing'][index];
	const s = template.sections[Math.floor((index - 3) / 2)];
	return `section "${s.key}"`;
}
