import { z } from 'zod';

import { parseDay } from '../calendar/days';
import { isGermanState } from '../calendar/holidays';
import { EARLIEST_PLAUSIBLE_DAY, latestPlausibleDay, PLAUSIBLE_YEARS_AHEAD } from '../hris/records';
import { looksLikeHealthDetail } from '../privacy';
import { CHANNELS } from '../lifecycle/deadlines';
import { EVENT_TYPES, STATES, THRESHOLD_REASONS, type EventType } from '../lifecycle/names';
import { BemStoreError } from './errors';
import { PARTICIPANT_ROLES } from './roles';
import { issueMessage } from '../privacy/issueMessage';

// Validation at the store's boundary (zod), and the split of event data into structured fields
// (plain, queryable) and free text (encrypted). Health detail is refused before anything is written.

/** an event data field of free text: encrypted at rest, kept out of execution data unless revealed */
interface FreeText {
	free: z.ZodTypeAny;
}
/** free text; by default optional (the split refuses health detail and counts its length) */
const free = (
	schema: z.ZodTypeAny = z.string({ invalid_type_error: 'must be text' }).optional(),
): FreeText => ({ free: schema });
type FieldSpec = z.ZodTypeAny | FreeText;
const isFree = (spec: FieldSpec): spec is FreeText => !(spec instanceof z.ZodType);

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

export const openCaseSchema = z
	.object({
		employeeId: name(200),
		reachedOn: day,
		reason: z.enum(THRESHOLD_REASONS, {
			errorMap: () => ({ message: "must be 'continuous' or 'cumulative'" }),
		}),
		holidayState: z
			.string()
			.refine(isGermanState, { message: "is not a German state code (e.g. 'BY', 'NW')" })
			.optional(),
		on: day,
		actor: name(200),
		context,
	})
	.strict();

/** measures one talk may agree */
const MAX_LIST_ENTRIES_PER_TALK = 50;
/** the largest seq an event may name: far above any case's number of events */
const MAX_SEQ = 1_000_000;
const short = z.string().max(500, 'must be at most 500 characters');
const shortList = z.array(short).max(100, 'must have at most 100 entries');
/** what the lifecycle's guards check themselves (they say what they need): any short value here */
const checkedByLifecycle = z.union([z.string().max(40), z.number(), z.boolean()]).optional();
const letterFields = {
	letter: z.enum(['first', 'second']).optional(),
	language: z
		.string()
		.regex(/^[a-z]{2}$/, "must be a language code such as 'de'")
		.optional(),
	resumeUrl: z.string().max(2000, 'must be at most 2000 characters').optional(),
	/** a letter cut off before its archive, sent later: the claim's day (core/lifecycle/machine.ts) */
	reissueOf: checkedByLifecycle,
	/** how it reached the employee and when: the reply period runs from receipt (case-file.md) */
	channel: z
		.enum(CHANNELS, { errorMap: () => ({ message: `must be one of ${CHANNELS.join(', ')}` }) })
		.optional(),
	deliveredOn: day.optional(),
};

/** the scopes every consent must name (case-file.md "Consent and participants") */
export const CONSENT_SCOPES = ['bem', 'data_processing'] as const;
/** participant types as a consent names them: the participant role names */
const participantList = z
	.array(
		z.enum(PARTICIPANT_ROLES, {
			errorMap: () => ({ message: `must be one of ${PARTICIPANT_ROLES.join(', ')}` }),
		}),
	)
	.max(PARTICIPANT_ROLES.length * 2, 'must name each participant type once');
const consentScopes = shortList.refine(
	(scopes) => CONSENT_SCOPES.every((s) => scopes.includes(s)),
	{ message: `must include ${CONSENT_SCOPES.map((s) => `'${s}'`).join(' and ')}` },
);

/** a measure's id on its case: short and plain, as reminders and forms carry it */
const measureId = z
	.string()
	.regex(
		/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
		'must be a measure id (letters, digits, . _ : -; at most 64)',
	);
/**
 * The checklist of a talk record (Erstgespräch, Fallbesprechung, Überprüfung) as the practice guides
 * name it: structured, so it is evidence without free text; notes are free text (encrypted).
 */
const talkRecord: Record<string, FieldSpec> = {
	/** Ziele und Freiwilligkeit erklärt */
	goalsExplained: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	/** Datenschutz erklärt */
	privacyExplained: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	/** Teilnehmende mit Zustimmung: participant types the consent names (the store checks them) */
	participants: participantList.optional(),
	/** vereinbarte Maßnahmen: the measureIds agreed (planned with measure_planned under these ids) */
	agreedMeasures: z
		.array(measureId)
		.max(MAX_LIST_ENTRIES_PER_TALK, 'must have at most 50 entries')
		.optional(),
	/** nächster Termin */
	nextMeetingOn: day.optional(),
	notes: free(),
};

/**
 * The data each event type takes (case-file.md "health guard"): structured fields typed, free text
 * marked free() (encrypted). Every field is optional unless the type needs it; a field not named here
 * is refused. `note` and `comment` go with every event.
 */
const EVENT_FIELDS: Record<Exclude<EventType, 'case_opened'>, Record<string, FieldSpec>> = {
	invitation_sent: letterFields,
	second_invitation_sent: letterFields,
	reply_accepted: {},
	reply_declined: {},
	reply_deferred: { followUpOn: checkedByLifecycle },
	reply_deadline_passed: {},
	consent_given: { scopes: consentScopes, participants: participantList },
	/** `participants` absent: the whole consent for participants is withdrawn */
	consent_withdrawn: { participants: participantList.optional() },
	first_talk_held: { ...talkRecord, minutes: free(), summary: free() },
	// participants: the talk record's participant types (earlier events may hold other short text)
	case_conference_held: { ...talkRecord, minutes: free(), summary: free() },
	measure_planned: {
		measureId,
		/** a code of the store's measure catalogue (the store checks it) */
		code: short,
		/** a principal of the owner directory or a role name (the store checks it) */
		owner: name(200),
		dueOn: day,
		description: free(),
		details: free(),
	},
	measure_started: { measureId },
	measure_implemented: {
		measureId: measureId.optional(),
		/** a labour-law code of the catalogue (free text is refused by the store: BEM_FREE_TEXT_REFUSED) */
		labourLawMeasure: z.union([short, shortList]).optional(),
		description: free(),
		details: free(),
	},
	measure_dropped: {
		measureId,
		reason: free(z.string().trim().min(1, 'must say why the measure is dropped').max(2000)),
	},
	review_held: { ...talkRecord, effective: checkedByLifecycle, summary: free() },
	statement_period_started: {},
	case_closed: { outcome: checkedByLifecycle },
	withdrawn: {},
	employment_ended: {},
	note_added: {
		channel: z.union([short, shortList]).optional(),
		reply: z.enum(['info']).optional(),
		text: free(),
		summary: free(),
		description: free(),
		minutes: free(),
	},
	event_voided: {
		seq: z.number().int().min(2, 'must be the seq of an event after the opening').max(MAX_SEQ),
		reason: free(z.string().trim().min(1, 'must say why the event is voided').max(2000)),
	},
};
const EVERY_EVENT: Record<string, FieldSpec> = { note: free(), comment: free() };

/** Event data keys holding free text (every free() field above): encrypted at rest. */
export const FREE_TEXT_KEYS: readonly string[] = [
	...new Set(
		[EVERY_EVENT, ...Object.values(EVENT_FIELDS)].flatMap((fields) =>
			Object.keys(fields).filter((k) => isFree(fields[k])),
		),
	),
].sort();
const FREE_TEXT = new Set<string>(FREE_TEXT_KEYS);

const EVENT_DATA = Object.fromEntries(
	Object.entries(EVENT_FIELDS).map(([type, fields]) => [
		type,
		z
			.object(
				Object.fromEntries(
					Object.entries({ ...EVERY_EVENT, ...fields }).map(([k, spec]) => [
						k,
						isFree(spec) ? spec.free : spec,
					]),
				),
			)
			.strict(),
	]),
) as Partial<Record<EventType, z.ZodTypeAny>>;

const schemaFields = (type: Exclude<EventType, 'case_opened'>) => ({
	...EVERY_EVENT,
	...EVENT_FIELDS[type],
});

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
	.strict()
	.superRefine((e, ctx) => {
		const bounds = dataBoundsIssue(e.data ?? {});
		if (bounds) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, ...bounds });
			return;
		}
		const schema = EVENT_DATA[e.type];
		if (!schema || e.type === 'case_opened') return; // openCase, not an event: decide refuses it
		const result = schema.safeParse(e.data ?? {});
		if (result.success) return;
		for (const issue of result.error.issues) {
			if (issue.code !== z.ZodIssueCode.unrecognized_keys) {
				ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as z.IssueData);
				return;
			}
			// a key that looks like health detail is refused as such by splitEventData (BEM_HEALTH_DETAIL)
			const unknown = issue.keys.find((k) => !looksLikeHealthDetail(k));
			if (unknown === undefined) continue;
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['data', fieldName(unknown)],
				message: `is not a field of ${e.type} (its fields: ${Object.keys(schemaFields(e.type)).join(', ')})`,
			});
			return;
		}
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
		staleOn: day.optional(),
		letterUnsent: z.enum(['first', 'second']).optional(),
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
/** keys that would reach an object's prototype instead of its own fields */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** nesting no store input needs: deeper (or circular) input is refused before it is walked further */
const MAX_DEPTH = 8;

/**
 * Refuses what the databases cannot keep or would keep otherwise, anywhere in the input (texts and keys):
 * a lone surrogate (stored as U+FFFD, so the audit chain, hashed over the original, would report the
 * event as altered), a NUL character (PostgreSQL refuses it in text), a prototype key, and nesting
 * deeper than any input needs (or circular).
 */
function refuseUnstorable(value: unknown, what: string, path: string[] = []): void {
	const refuse = (at: string[], problem: string) => {
		const field = at.join('.') || what;
		throw new BemStoreError('BEM_INVALID_INPUT', `${what}: ${field} ${problem}`, field);
	};
	const checkText = (text: string, at: string[]) => {
		if (LONE_SURROGATE.test(text))
			refuse(at, 'contains a lone UTF-16 surrogate (broken text encoding); send well-formed text');
		if (text.includes('\u0000')) refuse(at, 'contains a NUL character; send text without it');
	};
	if (typeof value === 'string') {
		checkText(value, path);
	} else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
		if (path.length >= MAX_DEPTH) refuse(path, `is nested more than ${MAX_DEPTH} levels deep`);
		if (Array.isArray(value)) {
			value.forEach((v, i) => refuseUnstorable(v, what, [...path, String(i)]));
			return;
		}
		for (const [k, v] of Object.entries(value)) {
			checkText(k, path);
			if (PROTOTYPE_KEYS.has(k)) refuse(path, `has a field named ${k}, which no input takes`);
			refuseUnstorable(v, what, [...path, k]);
		}
	}
}

export const caseIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'must be a case id (letters, digits, . _ : -)');

/** Parses with a schema; the first problem becomes a BemStoreError naming the field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
	refuseUnstorable(value, what);
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

/**
 * What is wrong with the size of event data, if anything: checked before its fields, so a flood of
 * fields or bytes is refused as such (and never walked).
 */
function dataBoundsIssue(
	data: Record<string, unknown>,
): { path: string[]; message: string } | null {
	const entries = Object.entries(data);
	if (entries.length > MAX_DATA_FIELDS)
		return { path: ['data'], message: `has more than ${MAX_DATA_FIELDS} fields` };
	let json: string;
	try {
		json = JSON.stringify(data);
	} catch {
		return { path: ['data'], message: 'must be plain JSON data (no cycles, no BigInt)' };
	}
	if (Buffer.byteLength(json, 'utf8') > MAX_DATA_BYTES)
		return { path: ['data'], message: `is larger than ${MAX_DATA_BYTES / 1024} KB as JSON` };
	for (const [key, value] of entries)
		if (Array.isArray(value) && value.length > MAX_LIST_ENTRIES)
			return {
				path: ['data', fieldName(key)],
				message: `has more than ${MAX_LIST_ENTRIES} entries`,
			};
	return null;
}

/** Refuses health detail and nested structures; splits structured fields from free text. */
export function splitEventData(data: Record<string, unknown> | undefined): SplitData {
	const split: SplitData = { data: {}, secret: null };
	const entries = Object.entries(data ?? {});
	for (const [key, value] of entries) {
		if (value === undefined) continue;
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
