import { z } from 'zod';

import { parseDay, type DayNumber } from '../calendar/days';
import { GERMAN_STATES, type GermanState } from '../calendar/holidays';
import { ThresholdOptionsError } from './errors';
import type { ThresholdOptions } from './types';
import { issueMessage } from '../privacy/issueMessage';

/** sickness with or without a certificate, hospital, medical rehab, work/commuting accidents, stufenweise Wiedereingliederung */
export const DEFAULT_COUNTED_KINDS = [
	'sick',
	'sick_uncertified',
	'hospital',
	'rehab',
	'accident',
	'graduated_return',
] as const;

/** Kinds are compared trimmed and case-insensitively ('Sick ' is 'sick'). */
export function normalKind(kind: string): string {
	return kind.trim().toLowerCase();
}

export const KIND_NOT_COUNTED = 0;
export const KIND_COUNTED = 1;
export const KIND_REHAB = 2;

/** Whether records of this kind count, and whether it is rehab (memoised per options: kinds repeat). */
export function kindClass(o: ResolvedOptions, kind: string): number {
	let c = o.kindMemo.get(kind);
	if (c === undefined) {
		const normal = normalKind(kind);
		c = !o.countedKinds.has(normal)
			? KIND_NOT_COUNTED
			: normal === 'rehab'
				? KIND_REHAB
				: KIND_COUNTED;
		if (o.kindMemo.size < 1000) o.kindMemo.set(kind, c);
	}
	return c;
}

const isoDate = z
	.string()
	.refine((s) => s.length === 10 && !Number.isNaN(parseDay(s)), "must be a real date 'YYYY-MM-DD'");

export const thresholdOptionsSchema = z
	.object({
		referenceDate: isoDate,
		comparison: z.enum(['reaches', 'exceeds']).default('reaches'),
		basis: z.enum(['days', 'hours']).default('days'),
		countedKinds: z
			.array(z.string().min(1))
			.min(1)
			.default([...DEFAULT_COUNTED_KINDS]),
		warningWorkingDays: z.number().finite().min(0).optional(),
		halfDayWeight: z.number().finite().min(0).max(1).default(1),
		model: z.enum(['dual', 'calendar']).default('dual'),
		partTimeRule: z.enum(['scaled', 'general30']).default('scaled'),
		windowLength: z.enum(['calendarYear', 'fixed365']).default('calendarYear'),
		rehabRequiresCertificate: z.boolean().default(false),
		excludeHolidaysOf: z
			.enum(Object.keys(GERMAN_STATES) as [GermanState, ...GermanState[]])
			.nullable()
			.default(null),
		bridgeGaps: z.enum(['none', 'followUp', 'all']).default('none'),
	})
	.strict();

/** Options checked once and turned into what the hot loop reads. */
export interface ResolvedOptions {
	referenceDay: DayNumber;
	strict: boolean;
	hoursBasis: boolean;
	/** normalKind of each */
	countedKinds: Set<string>;
	/** kind as given -> KIND_* (memo of countedKinds.has(normalKind(kind)), bounded) */
	kindMemo: Map<string, number>;
	/** null: one week of the pattern in force at the reference date */
	warningWorkingDays: number | null;
	halfDayWeight: number;
	calendarModel: boolean;
	general30: boolean;
	fixed365: boolean;
	rehabRequiresCertificate: boolean;
	holidayState: GermanState | null;
	bridge: 'none' | 'followUp' | 'all';
}

const resolvedCache = new WeakMap<object, ResolvedOptions>();

/** Validates options with zod (a boundary) and caches the result per options object, so batches pay once. */
export function resolveThresholdOptions(options: ThresholdOptions): ResolvedOptions {
	if (options === null || typeof options !== 'object')
		throw new ThresholdOptionsError('options', 'must be an object');
	const cached = resolvedCache.get(options);
	if (cached) return cached;
	const parsed = thresholdOptionsSchema.safeParse(options);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new ThresholdOptionsError(issue.path.join('.') || 'options', issueMessage(issue));
	}
	const o = parsed.data;
	if (o.basis === 'hours' && o.model === 'calendar') {
		throw new ThresholdOptionsError(
			'basis',
			"'hours' cannot be combined with the calendar-only model",
		);
	}
	if (o.basis === 'hours' && o.partTimeRule === 'general30') {
		throw new ThresholdOptionsError(
			'basis',
			"'hours' cannot be combined with the general-30-days part-time rule",
		);
	}
	const resolved: ResolvedOptions = {
		referenceDay: parseDay(o.referenceDate),
		strict: o.comparison === 'exceeds',
		hoursBasis: o.basis === 'hours',
		countedKinds: new Set(o.countedKinds.map(normalKind)),
		kindMemo: new Map(),
		warningWorkingDays: o.warningWorkingDays ?? null,
		halfDayWeight: o.halfDayWeight,
		calendarModel: o.model === 'calendar',
		general30: o.partTimeRule === 'general30',
		fixed365: o.windowLength === 'fixed365',
		rehabRequiresCertificate: o.rehabRequiresCertificate,
		holidayState: o.excludeHolidaysOf,
		bridge: o.bridgeGaps,
	};
	resolvedCache.set(options, resolved);
	return resolved;
}
