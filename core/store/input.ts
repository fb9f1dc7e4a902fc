import { z } from 'zod';

import { parseDay } from '../calendar/days';
import { EARLIEST_PLAUSIBLE_DAY, latestPlausibleDay, PLAUSIBLE_YEARS_AHEAD } from '../hris/records';
import { looksLikeHealthDetail } from '../privacy';
import { EVENT_TYPES, STATES, THRESHOLD_REASONS, type EventType } from '../lifecycle/names';
import { BemStoreError } from './errors';
import { issueMessage } from '../privacy/issueMessage';

// Validation at the store's boundary (zod), and the split of event data into structured fields
// (plain, queryable) and free text (encrypted). Health detail is refused before anything is written.

/** Event data keys holding free text: encrypted at rest, kept out of execution data unless revealed. */
export const FREE_TEXT_KEYS = [
	'comment',
	'description',
	'minutes',
	'note',
	'reason',
	'summary',
	'text',
] as const;
const FREE_TEXT = new Set<string>(FREE_TEXT_KEYS);

// Dates outside the plausible window (the HRIS records' rule, one place) are typing errors or attacks.
export const day = z
	.string()
	.refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parseDay(s)), {
		message: "must be a date 'YYYY-MM-DD'",
	})
	.superRefine((s, ctx) => {
		const latest = latestPlausibleDay();
		if (s < EARLIEST_PLAUSIBLE_DAY || s > latest)
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be a plausible date, from ${EARLIEST_PLAUSIBLE_DAY} to ${latest} (${PLAUSIBLE_YEARS_AHEAD} years ahead)`,
			});
	});
const name = (max: number) =>
	z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const context = z
	.object({
		workflowId: z.string().max(200).optional(),
		executionId: z.string().max(200).optional(),
	})
	.strict()
	.optional();

export const openCaseSchema = z.object({
	employeeId: name(200),
	reachedOn: day,
	reason: z.enum(THRESHOLD_REASONS, {
		errorMap: () => ({ message: "must be 'continuous' or 'cumulative'" }),
	}),
	on: day,
	actor: name(200),
	context,
});

/** the largest seq an event may name: far above any case's number of events */
const MAX_SEQ = 1_000_000;

/** The data each event type takes, strict: a field not named here is refused (core/store/input.ts). */
const EVENT_DATA: Partial<Record<EventType, z.ZodTypeAny>> = {
	event_voided: z
		.object({
			seq: z.number().int().min(2, 'must be the seq of an event after the opening').max(MAX_SEQ),
			reason: z.string().trim().min(1, 'must say why the event is voided').max(2000),
		})
		.strict(),
};

/** a field name fit for an error message: never a long, odd or health-revealing key sent by the caller */
function fieldName(key: string): string {
	return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) && !looksLikeHealthDetail(key)
		? key
		: '(an unnamed field)';
}

export const eventSchema = z
	.object({
		type: z.enum(EVENT_TYPES, {
			errorMap: () => ({ message: `must be one of ${EVENT_TYPES.join(', ')}` }),
		}),
		on: day,
		actor: name(200),
		data: z.record(z.unknown()).optional(),
		idempotencyKey: name(200).optional(),
		context,
	})
	.superRefine((e, ctx) => {
		const schema = EVENT_DATA[e.type];
		if (!schema) return;
		const result = schema.safeParse(e.data ?? {});
		if (result.success) return;
		const issue = result.error.issues[0];
		if (issue.code === z.ZodIssueCode.unrecognized_keys) {
			const key = fieldName(issue.keys[0]);
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['data', key],
				message: `is not a field of ${e.type}`,
			});
		} else ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as z.IssueData);
	});

/** what an archived letter's PDF may weigh: a few pages of text, never a scan archive */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
/** events auditTrail returns per call (page with fromSeq) */
export const MAX_AUDIT_PAGE = 1000;
/** structured fields per event, entries per list, and the event's data as JSON */
export const MAX_DATA_FIELDS = 50;
export const MAX_LIST_ENTRIES = 100;
export const MAX_DATA_BYTES = 256 * 1024;

export const auditPageSchema = z
	.object({
		fromSeq: z.number().int().min(1).optional(),
		limit: z
			.number()
			.int()
			.min(1)
			.max(MAX_AUDIT_PAGE, `must be at most ${MAX_AUDIT_PAGE} events per call (page with fromSeq)`)
			.optional(),
	})
	.strict();

export const accessSchema = z.object({ actor: name(200), purpose: name(500), context });

export const querySchema = z
	.object({
		state: z.enum(STATES).optional(),
		employeeId: name(200).optional(),
		replyOverdueOn: day.optional(),
		reviewDueOn: day.optional(),
		followUpDueOn: day.optional(),
		limit: z.number().int().positive().max(100000).optional(),
	})
	.strict();

export const letterSchema = z.object({
	kind: z
		.string()
		.regex(/^[a-z][a-z_]{0,39}$/, "must be a short lower-case name such as 'first' or 'second'"),
	on: day,
	actor: name(200),
	subject: z.string().max(1000),
	text: z.string().max(1_000_000),
	html: z.string().max(5_000_000).optional(),
	pdf: z
		.instanceof(Buffer)
		.refine((b) => b.length <= MAX_PDF_BYTES, {
			message: `must be at most ${MAX_PDF_BYTES / 1024 / 1024} MB`,
		})
		.optional(),
	idempotencyKey: name(200).optional(),
	context,
});

/** a UTF-16 surrogate not part of a pair (with the u flag a proper pair is one code point) */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses a lone surrogate anywhere in the input (texts and keys): the database would store U+FFFD in
 * its place, and the audit chain, hashed over the original, would then report the event as altered.
 */
function refuseLoneSurrogates(value: unknown, what: string, path: string[] = []): void {
	const refuse = (at: string[]) => {
		const field = at.join('.') || what;
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`${what}: ${field} contains a lone UTF-16 surrogate (broken text encoding); send well-formed text`,
			field,
		);
	};
	if (typeof value === 'string') {
		if (LONE_SURROGATE.test(value)) refuse(path);
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => refuseLoneSurrogates(v, what, [...path, String(i)]));
	} else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
		for (const [k, v] of Object.entries(value)) {
			if (LONE_SURROGATE.test(k)) refuse(path);
			refuseLoneSurrogates(v, what, [...path, k]);
		}
	}
}

export const caseIdSchema = name(200);

/** Parses with a schema; the first problem becomes a BemStoreError naming the field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
	refuseLoneSurrogates(value, what);
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const field = issue.path.join('.') || what;
	throw new BemStoreError('BEM_INVALID_INPUT', `${what}: ${field} ${issueMessage(issue)}`, field);
}

export interface SplitData {
	/** structured fields as JSON (plain text in the database) */
	data: Record<string, unknown>;
	/** free-text fields, to be encrypted; null when there are none */
	secret: Record<string, string> | null;
}

const primitive = (v: unknown) =>
	v === null ||
	typeof v === 'number' ||
	typeof v === 'boolean' ||
	(typeof v === 'string' && v.length <= 500);

/** Refuses health detail and nested structures; splits structured fields from free text. */
export function splitEventData(data: Record<string, unknown> | undefined): SplitData {
	const split: SplitData = { data: {}, secret: null };
	const entries = Object.entries(data ?? {});
	const tooBig = (field: string, what: string) =>
		new BemStoreError('BEM_INVALID_INPUT', `${field} ${what}`, field);
	if (entries.length > MAX_DATA_FIELDS)
		throw tooBig('data', `has more than ${MAX_DATA_FIELDS} fields`);
	if (Buffer.byteLength(JSON.stringify(data ?? {}), 'utf8') > MAX_DATA_BYTES)
		throw tooBig('data', `is larger than ${MAX_DATA_BYTES / 1024} KB as JSON`);
	for (const [key, value] of entries) {
		if (value === undefined) continue;
		if (Array.isArray(value) && value.length > MAX_LIST_ENTRIES)
			throw tooBig(`data.${key}`, `has more than ${MAX_LIST_ENTRIES} entries`);
		if (looksLikeHealthDetail(key)) {
			throw new BemStoreError(
				'BEM_HEALTH_DETAIL',
				`data.${key} looks like health detail (diagnosis, ICD code, symptom, finding); the BEM file never stores diagnoses`,
				`data.${key}`,
			);
		}
		const values = Array.isArray(value) ? value : [value];
		for (const v of values) {
			if (typeof v === 'string' && looksLikeHealthDetail(v)) {
				throw new BemStoreError(
					'BEM_HEALTH_DETAIL',
					`data.${key} contains what looks like health detail (a diagnosis, ICD code, symptom or finding); the BEM file never stores diagnoses`,
					`data.${key}`,
				);
			}
		}
		if (FREE_TEXT.has(key)) {
			if (typeof value !== 'string')
				throw new BemStoreError('BEM_INVALID_INPUT', `data.${key} must be text`, `data.${key}`);
			if (value.length > 100_000)
				throw new BemStoreError(
					'BEM_INVALID_INPUT',
					`data.${key} is longer than 100000 characters`,
					`data.${key}`,
				);
			(split.secret ??= {})[key] = value;
		} else if (values.every(primitive)) {
			split.data[key] = value;
		} else {
			throw new BemStoreError(
				'BEM_INVALID_INPUT',
				`data.${key} must be a number, true/false, or text up to 500 characters (or a list of those); longer text goes into data.note or data.description, which are encrypted`,
				`data.${key}`,
			);
		}
	}
	return split;
}
