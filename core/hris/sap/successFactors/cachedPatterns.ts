// Work patterns of the employees with AU through the BEM store's work-pattern cache (migration 5, as
// Personio's): the first run reads EmpJob, WorkSchedule and EmpEmployment of everyone with AU and keeps
// their patterns; a daily run asks SuccessFactors only which records changed since the last successful
// run ($filter on lastModifiedDateTime, Edm.DateTimeOffset in SAP's metadata) or took effect since
// (startDate), and reads just those employees and the ones with AU not yet cached.
// Nothing is saved until the whole BEM read succeeded (`commit`).
import { todayInBerlin } from '../../../calendar/today';
import type { CachedPattern, WorkPatternStore } from '../../patternCache';
import { inForceOver } from '../../workHistory';
import type { SapODataClient } from '../odataClient';
import { allOf, dateTimeLiteral, sapText } from '../odataValues';
import type { DateRange, SapRecordProblem, SapWorkPattern } from '../types';
import { readWorkPatterns } from './read';

export interface SfPatternCache {
	store: WorkPatternStore;
	/** names the tenant and credential in the cache (sfSourceKey) */
	source: string;
}

/** SuccessFactors replicates a change to the API within minutes: ask an hour further back (re-reading a few is harmless). */
const SINCE_MARGIN_MS = 3_600_000;
/** A deleted job record changes no lastModifiedDateTime: everyone is read again at least this often. */
export const FULL_REFRESH_DAYS = 7;
const DAY_MS = 86_400_000;

export interface CachedSfPatterns {
	patterns: Map<string, SapWorkPattern>;
	problems: SapRecordProblem[];
	commit(): Promise<void>;
}

/**
 * The patterns of `userIds` over `range`, the same as readWorkPatterns gives. The cache serves only a
 * range that ends today (the daily run); any other range is read directly and leaves the cache alone.
 */
export async function cachedSfWorkPatterns(
	client: SapODataClient,
	userIds: string[],
	range: DateRange,
	cache: SfPatternCache,
	now: Date = new Date(),
): Promise<CachedSfPatterns> {
	if (range.to !== todayInBerlin(now)) {
		const read = await readWorkPatterns(client, userIds, range);
		return { ...read, commit: async () => {} };
	}
	const startedAt = now.toISOString();
	const fullKey = `${cache.source}:full`;
	const [state, full] = await Promise.all([
		cache.store.workPatterns(cache.source),
		cache.store.workPatterns(fullKey),
	]);
	const known = new Map(state.patterns.map((p) => [p.employeeId, p]));
	const stale = fullRefreshDue(state.syncedAt, full.syncedAt, now)
		? null
		: await changedSince(client, state.syncedAt as string, range);
	const toRead = new Set(userIds.filter((id) => stale === null || stale.has(id) || !known.has(id)));
	const read = await readWorkPatterns(client, [...toRead], range);
	const patterns = new Map<string, SapWorkPattern>();
	for (const id of userIds) {
		const fresh = read.patterns.get(id);
		const cached = known.get(id);
		if (fresh) patterns.set(id, fresh);
		else if (cached && !toRead.has(id)) patterns.set(id, fromCached(cached, range));
	}
	// an employee whose read had a problem is not cached: the next run reads (and reports) them again
	const troubled = new Set(read.problems.map((p) => p.employeeId));
	const cacheable = troubled.has(null)
		? []
		: [...read.patterns.values()].filter((p) => !troubled.has(p.employeeId)).map(toCached);
	const kept = new Set(cacheable.map((c) => c.employeeId));
	const forget = [...known.keys()].filter((id) => toRead.has(id) && !kept.has(id));
	return {
		patterns,
		problems: read.problems,
		commit: async () => {
			await cache.store.saveWorkPatterns(cache.source, startedAt, cacheable, forget);
			if (stale === null) await cache.store.saveWorkPatterns(fullKey, startedAt, []);
		},
	};
}

function fullRefreshDue(synced: string | null, fullAt: string | null, now: Date): boolean {
	if (synced === null || fullAt === null) return true;
	return now.getTime() - Date.parse(fullAt) >= FULL_REFRESH_DAYS * DAY_MS;
}

/**
 * The users whose job or employment changed since `syncedAt` or whose new record took effect since
 * (one request per entity set, $select=userId); null = a work schedule changed, so everyone is stale.
 */
async function changedSince(
	client: SapODataClient,
	syncedAt: string,
	range: DateRange,
): Promise<Set<string> | null> {
	const since = new Date(Date.parse(syncedAt) - SINCE_MARGIN_MS).toISOString();
	const modified = `lastModifiedDateTime gt datetimeoffset'${since.slice(0, 19)}Z'`;
	const lastDay = todayInBerlin(new Date(Date.parse(syncedAt) - DAY_MS));
	const tookEffect = allOf(
		`startDate gt ${dateTimeLiteral(lastDay)}`,
		`startDate le ${dateTimeLiteral(range.to)}`,
	);
	for await (const page of client.pages('WorkSchedule', {
		filter: modified,
		select: ['externalCode'],
	}))
		if (page.length > 0) return null;
	const users = new Set<string>();
	const collect = async (set: string, extra?: Record<string, string>) => {
		for await (const page of client.pages(set, {
			filter: `${modified} or (${tookEffect})`,
			select: ['userId'],
			extra,
		}))
			for (const raw of page) {
				const id = sapText((raw as Record<string, unknown> | null)?.userId);
				if (id !== null) users.add(id);
			}
	};
	// effective-dated: the slices overlapping the window, as the pattern read asks
	await collect('EmpJob', { fromDate: range.from, toDate: range.to });
	await collect('EmpEmployment');
	return users;
}

function toCached(p: SapWorkPattern): CachedPattern {
	return {
		employeeId: p.employeeId,
		pattern: {
			weeklyHours: null,
			workdays: p.workdays,
			hoursPerWorkday: p.hoursPerWorkday,
			workPatternSource: 'days_per_week',
			employedSince: p.employedSince ?? null,
			workPatterns: p.history,
		},
	};
}

/** The cached pattern over today's range: the entries in force over it (the window moved since). */
function fromCached(c: CachedPattern, range: DateRange): SapWorkPattern {
	const history = inForceOver(c.pattern.workPatterns, range);
	const pattern: SapWorkPattern = {
		employeeId: c.employeeId,
		workdays: c.pattern.workdays,
		hoursPerWorkday: c.pattern.hoursPerWorkday,
		daysPerWeek: c.pattern.workdays.length,
		recordId: `cache/${c.employeeId}`,
		validFrom: history.at(-1)?.from ?? null,
		history,
	};
	if (c.pattern.employedSince) pattern.employedSince = c.pattern.employedSince;
	return pattern;
}
