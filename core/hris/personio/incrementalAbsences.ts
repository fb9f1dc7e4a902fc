// The optional incremental absence mode (off by default): the AU periods of the BEM year stay sealed in
// the BEM file (migration 10), and a daily run asks Personio only for the absences changed since the
// last successful run (v1 `updated_from`, v2 `updated_at.gte`; every type, any dates, so that a period
// moved out of the window or changed to another type leaves the cache too) and merges them in.
// Personio reports no deletion that way: the employees the threshold would name (Due, Approaching:
// `verify`) have their cached periods checked against Personio before they count, and every
// ABSENCE_FULL_REFRESH_DAYS days the whole window is read again. Nothing is saved before `commit`.
import { createHash } from 'node:crypto';

import { todayInBerlin } from '../../calendar/today';
import { periodKey, type AuPeriodStore, type CachedAuPeriod } from '../auPeriodCache';
import type { PersonioClient } from './client';
import { cursorPages } from './pagesV2';
import {
	clipRaws,
	readAbsences,
	readRawAbsences,
	type AbsenceQuery,
	type AbsencesResult,
	type RawAbsence,
} from './readAbsences';
import type { ThresholdInput } from '../../threshold/types';
import type { PersonioAbsence } from './types';

/** A deleted absence changes no updated_at: the whole window is read again at least this often. */
export const ABSENCE_FULL_REFRESH_DAYS = 7;
const DAY_MS = 86_400_000;
/** updated_at.gte names an instant: an hour back covers clocks and Personio's own delay */
const SINCE_MARGIN_MS = 3_600_000;
const V2_ID_CHUNK = 100;

export interface AbsenceCacheOptions {
	store: AuPeriodStore;
	/**
	 * The employees whose cached periods must be checked against Personio before they count: those the
	 * threshold names (Due, Approaching). A deletion can only lower a count, so the rest stay Below.
	 */
	suspects?: (inputs: ThresholdInput[]) => string[];
	/** the run's instant (tests); default now */
	now?: Date;
}

export interface IncrementalAbsences extends AbsencesResult {
	/** drops the named employees' cached periods Personio no longer has; true if it dropped any */
	verify(employeeIds: string[]): Promise<boolean>;
	/** the absences over the range as they stand after `verify` */
	current(): PersonioAbsence[];
	commit(): Promise<void>;
}

/** A direct read in the same shape: nothing to verify or save. */
export function direct(read: AbsencesResult): IncrementalAbsences {
	return {
		...read,
		verify: async () => false,
		current: () => read.absences,
		commit: async () => {},
	};
}

/** What every cache source of this tenant and credential starts with (clearAuPeriods takes it). */
export const absenceSourcePrefix = (client: PersonioClient) => `${client.sourceKey}:au:`;

/** Names the tenant, credential, API version and selection in the cache (hashed). */
export function absenceSourceKey(client: PersonioClient, query: AbsenceQuery): string {
	const selection = createHash('sha256')
		.update(JSON.stringify([query.selection ?? null, query.v1MarginDays ?? null]))
		.digest('hex')
		.slice(0, 16);
	return `${absenceSourcePrefix(client)}${client.version}:${selection}`;
}

export async function incrementalAbsences(
	client: PersonioClient,
	query: AbsenceQuery,
	cache: AbsenceCacheOptions,
): Promise<IncrementalAbsences> {
	const now = cache.now ?? new Date();
	const { range } = query;
	// the cache follows the daily run over the whole tenant; any other read goes to Personio directly
	if (range.to !== todayInBerlin(now) || (query.employeeIds?.length ?? 0) > 0) {
		return direct(await readAbsences(client, query));
	}
	const source = absenceSourceKey(client, query);
	const state = await cache.store.auPeriods(source);
	const full =
		state.syncedAt === null ||
		state.fullAt === null ||
		now.getTime() - Date.parse(state.fullAt) >= ABSENCE_FULL_REFRESH_DAYS * DAY_MS;
	const periods = new Map<string, CachedAuPeriod>();
	const upsert = new Map<string, CachedAuPeriod>();
	const remove = new Set<string>();
	let problems: AbsencesResult['problems'];
	if (full) {
		const read = await readRawAbsences(client, query);
		problems = read.problems;
		for (const raw of read.raws) periods.set(periodKey(raw.absence), toCached(raw));
	} else {
		for (const p of state.periods) periods.set(periodKey(p), p);
		const delta = await readRawAbsences(client, {
			...query,
			updatedSince: sinceOf(state.syncedAt as string, client.version),
		});
		problems = delta.problems;
		for (const key of delta.seen) if (periods.delete(key)) remove.add(key);
		for (const raw of delta.raws) {
			const p = toCached(raw);
			periods.set(periodKey(p), p);
			upsert.set(periodKey(p), p);
		}
	}
	// the BEM year only: a period that ended before the window is of no more use
	for (const [key, p] of periods)
		if (p.end !== null && p.end < range.from) {
			periods.delete(key);
			upsert.delete(key);
			if (!full) remove.add(key);
		}
	if (full) for (const [key, p] of periods) upsert.set(key, p);
	const current = () => clipRaws([...periods.values()].map(fromCached), range);
	return {
		absences: current(),
		problems,
		current,
		async verify(employeeIds) {
			// a full read is Personio's word as it stands: nothing to check
			if (full) return false;
			const wanted = new Set(employeeIds);
			const theirs = [...periods.values()].filter((p) => wanted.has(p.employeeId));
			if (theirs.length === 0) return false;
			const existing = await existingKeys(client, query, theirs, [...wanted]);
			const gone = theirs.filter((p) => !existing.has(periodKey(p)));
			for (const p of gone) {
				periods.delete(periodKey(p));
				upsert.delete(periodKey(p));
				remove.add(periodKey(p));
			}
			return gone.length > 0;
		},
		commit: () =>
			cache.store.saveAuPeriods(source, now.toISOString(), {
				full,
				upsert: [...upsert.values()],
				remove: full ? [] : [...remove],
			}),
	};
}

/** An hour before the last run (v2 updated_at.gte); a day before it for v1, whose time-offs filter takes a day. */
function sinceOf(syncedAt: string, version: PersonioClient['version']): string {
	const margin = version === 'v1' ? DAY_MS : SINCE_MARGIN_MS;
	return new Date(Date.parse(syncedAt) - margin).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Which of these cached periods Personio still has: v2 by id (100 a request), v1 by employee (50). */
async function existingKeys(
	client: PersonioClient,
	query: AbsenceQuery,
	periods: CachedAuPeriod[],
	employeeIds: string[],
): Promise<Set<string>> {
	const found = new Set<string>();
	if (client.version === 'v1') {
		const read = await readRawAbsences(client, { ...query, employeeIds });
		for (const key of read.seen) found.add(key);
		return found;
	}
	const ids = periods.map((p) => p.id);
	for (let i = 0; i < ids.length; i += V2_ID_CHUNK)
		for await (const page of cursorPages(client, '/v2/absence-periods', {
			limit: V2_ID_CHUNK,
			id: ids.slice(i, i + V2_ID_CHUNK).join(','),
		}))
			for (const raw of page) {
				const id = (raw as { id?: unknown } | null)?.id;
				if (typeof id === 'string') found.add(`v2 absence period/${id}`);
			}
	return found;
}

function toCached({ absence: a, perDay }: RawAbsence): CachedAuPeriod {
	const p: CachedAuPeriod = {
		source: a.source,
		id: a.id,
		employeeId: a.employeeId,
		kind: a.kind,
		start: a.start,
		end: a.end,
		startHalf: a.startHalf,
		endHalf: a.endHalf,
	};
	if (a.hours !== undefined) p.hours = a.hours;
	if (perDay && perDay.length > 0) p.perDay = perDay;
	return p;
}

function fromCached(p: CachedAuPeriod): RawAbsence {
	const { perDay, ...rest } = p;
	const absence: PersonioAbsence = {
		...rest,
		typeId: '',
		typeName: null,
		category: null,
		status: null,
	};
	return perDay ? { absence, perDay } : { absence };
}
