import type { Channel } from '../../core/lifecycle/deadlines';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { todayInBerlin } from '../../core/calendar/today';
import type { LetterKind, Language } from '../../core/letters';
import { assertNoHealthDetail } from '../../core/privacy';
import { issueMessage } from '../../core/privacy/issueMessage';
import { BemParamError } from '../shared/bemCaseParams';
import { dayOf } from '../shared/dates';

// The node's parameters, checked at the boundary. Bad input throws BemParamError naming the field, before
// anything is read from or written to the BEM file.

export interface InvitationParams {
	letter: LetterKind;
	caseId: string;
	on: string;
	language: Language;
	employee: LetterEmployee;
	/** the employee's e-mail address ('' when the item has none: the letter goes by post) */
	to: string;
	company: IDataObject;
	replyFormUrl: string;
	/** the waiting caller's resume link, recorded with the letter ('' for none) */
	resumeUrl: string;
	template?: IDataObject;
	pdf: boolean;
	binaryPropertyName: string;
	linkGraceDays: number;
	/** how the letter reaches the employee and, when known, when (the reply period runs from receipt) */
	channel: Channel;
	deliveredOn?: string;
}

export interface LetterEmployee {
	name: string;
	lastName?: string;
	salutation?: string;
	address: string[];
}

/** A json parameter: n8n hands over an object (expression) or the JSON text the user typed. */
export function jsonObject(
	value: unknown,
	field: string,
	optional = false,
): IDataObject | undefined {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') parsed = undefined;
		else {
			const json = parseJson(value);
			if (!json.ok) throw new BemParamError(`${field} is not valid JSON (${json.problem})`, field);
			parsed = json.value;
		}
	}
	if (parsed === undefined || parsed === null) {
		if (optional) return undefined;
		throw new BemParamError(`${field} is required (an object)`, field);
	}
	if (typeof parsed !== 'object' || Array.isArray(parsed))
		throw new BemParamError(`${field} must be an object`, field);
	return parsed as IDataObject;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, problem: (error as Error).message };
	}
}

const employeeSchema = z.object({
	name: z.string().trim().optional(),
	firstName: z.string().trim().optional(),
	lastName: z.string().trim().optional(),
	salutation: z.string().trim().optional(),
	/** the HRIS's gender (female/male/diverse, F/M/W/D): the salutation where none is given */
	gender: z.string().trim().optional(),
	email: z.string().trim().email('must be an e-mail address').optional().or(z.literal('')),
	address: z
		.union([z.array(z.string()), z.string()], {
			errorMap: () => ({ message: 'must be a list of lines or text with one line per row' }),
		})
		.optional(),
});

/** Neutral for everyone, or the form of address the HRIS gives (salutation, else gender). */
export const SALUTATION_MODES = ['neutral', 'fromHris'] as const;
export type SalutationMode = (typeof SALUTATION_MODES)[number];

/** The employee object → the letter's employee (name, salutation, address) and the recipient address. */
export function readEmployee(
	raw: IDataObject,
	mode: SalutationMode = 'neutral',
): { employee: LetterEmployee; to: string } {
	// a health detail in any key or value is refused before anything else looks at the object
	assertNoHealthDetail(raw, 'employee');
	const parsed = employeeSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = ['employee', ...issue.path].join('.');
		throw new BemParamError(`${field} ${issueMessage(issue)}`, field);
	}
	const e = parsed.data;
	const name = e.name || [e.firstName, e.lastName].filter(Boolean).join(' ');
	if (!name)
		throw new BemParamError(
			'employee.name is required (or employee.firstName and employee.lastName)',
			'employee.name',
		);
	// core/letters reads Frau/Herr/female/male/…; anything else (diverse, unknown) is the neutral form
	const salutation = mode === 'fromHris' ? e.salutation || e.gender : undefined;
	const address = (typeof e.address === 'string' ? e.address.split(/\r?\n/) : (e.address ?? []))
		.map((l) => l.trim())
		.filter((l) => l !== '');
	return {
		employee: {
			name,
			...(e.lastName ? { lastName: e.lastName } : {}),
			...(salutation ? { salutation } : {}),
			address,
		},
		to: e.email ?? '',
	};
}

/** A date parameter (the nodes' one reader); empty = today in Berlin. */
export function readDate(value: unknown, field: string): string {
	return dayOf(value, field, todayInBerlin(), field);
}

export function readUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text)
		throw new BemParamError(`${field} is required: the letter links to the reply form`, field);
	const url = URL.canParse(text) ? new URL(text) : null;
	if (!url) throw new BemParamError(`${field} must be a URL`, field);
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new BemParamError(`${field} must be an http(s) URL`, field);
	return url.href;
}
