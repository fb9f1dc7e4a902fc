// Work patterns from v1's listing through the cache in the BEM store: the first run lists everyone
// (100 per request) and keeps their patterns; a later run asks only for the employees whose pattern
// attributes changed since the last successful run (updated_since: one request) and merges them in.
// Nothing is saved until the whole BEM read succeeded (`commit`).
import { todayInBerlin } from '../../calendar/today';
import type { CachedPattern, WorkPatternStore } from '../patternCache';
import type { WorkPattern } from '../../threshold/types';
import type { PersonioClient } from './client';
import { listWorkPatternsV1, type EmployeesResult } from './readEmployees';
import type { PersonioEmployee } from './types';
import type { WeeklyHoursRule } from './workPattern';

/**
 * updated_since takes a local time without a zone (ISO 8601 or a date) and Personio names none: ask a
 * day further back than the last run, so no zone can hide a change (re-reading a few is harmless).
 */
const SINCE_MARGIN_MS = 86_400_000;

export async function cachedWorkPatterns(
	client: PersonioClient,
	rule: WeeklyHoursRule,
	cache: WorkPatternStore,
	now: Date = new Date(),
): Promise<EmployeesResult & { commit(): Promise<void> }> {
	const source = client.v1().sourceKey;
	const state = await cache.workPatterns(source);
	const startedAt = now.toISOString();
	if (state.syncedAt === null) {
		const listed = await listWorkPatternsV1(client.v1(), rule);
		return {
			...listed,
			commit: () => cache.saveWorkPatterns(source, startedAt, listed.employees.map(toCached)),
		};
	}
	const since = new Date(Date.parse(state.syncedAt) - SINCE_MARGIN_MS).toISOString().slice(0, 19);
	const changed = await listWorkPatternsV1(client.v1(), rule, since);
	const known = new Map(state.patterns.map((p) => [p.employeeId, p]));
	const today = todayInBerlin(now);
	const merged = changed.employees.map((e) => mergeChange(known.get(e.id), toCached(e), today));
	for (const m of merged) known.set(m.employeeId, m);
	return {
		employees: [...known.values()].map(fromCached),
		problems: changed.problems,
		commit: () => cache.saveWorkPatterns(source, startedAt, merged),
	};
}

const patternOf = (p: CachedPattern['pattern']) => JSON.stringify([p.workdays, p.hoursPerWorkday]);

/**
 * The employee as Personio reports them now, with the history the cache kept: Personio's dated entries
 * win; a change Personio dates nowhere (v1 overwrites the schedule) is dated to the day the cache saw
 * it, after the pattern before it (from the hire date when nothing older was dated).
 */
export function mergeChange(
	before: CachedPattern | undefined,
	now: CachedPattern,
	today: string,
): CachedPattern {
	if (!before) return now;
	const byFrom = new Map<string, WorkPattern>();
	for (const e of [...before.pattern.workPatterns, ...now.pattern.workPatterns])
		byFrom.set(e.from, e);
	const datedByPersonio = now.pattern.workPatterns.some(
		(e) => !before.pattern.workPatterns.some((b) => b.from === e.from),
	);
	if (patternOf(before.pattern) !== patternOf(now.pattern) && !datedByPersonio) {
		const since = before.pattern.employedSince;
		if (byFrom.size === 0 && since !== null && since < today)
			byFrom.set(since, entry(since, before.pattern));
		byFrom.set(today, entry(today, now.pattern));
	}
	const workPatterns = [...byFrom.values()].sort((a, b) => a.from.localeCompare(b.from));
	return { employeeId: now.employeeId, pattern: { ...now.pattern, workPatterns } };
}

function entry(from: string, p: CachedPattern['pattern']): WorkPattern {
	const e: WorkPattern = { from, workdays: p.workdays };
	if (Object.keys(p.hoursPerWorkday).length > 0) e.hoursPerWorkday = p.hoursPerWorkday;
	return e;
}

function toCached(e: PersonioEmployee): CachedPattern {
	return {
		employeeId: e.id,
		pattern: {
			weeklyHours: e.weeklyHours,
			workdays: e.workdays,
			hoursPerWorkday: e.hoursPerWorkday,
			workPatternSource: e.workPatternSource,
			employedSince: e.employedSince,
			workPatterns: e.workPatterns,
			...(e.location ? { location: e.location } : {}),
			...(e.employedUntil ? { employedUntil: e.employedUntil } : {}),
		},
	};
}

function fromCached(c: CachedPattern): PersonioEmployee {
	return {
		id: c.employeeId,
		firstName: null,
		lastName: null,
		email: null,
		status: null,
		department: null,
		supervisorId: null,
		...c.pattern,
	};
}
