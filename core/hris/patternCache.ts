// Where an HRIS reader keeps its work-pattern cache between runs (the BEM store implements it:
// migration 5). Contract data only: weekdays, contract hours, hire date and the dated pattern history.
import type { WorkPattern } from '../threshold/types';

/** What an HRIS tells of one employee's contract time: today's pattern, its history, the hire date. */
export interface EmployeePattern {
	weeklyHours: number | null;
	/** ISO weekdays worked (1 = Monday); from the work schedule or derived from weekly hours */
	workdays: number[];
	/** ISO weekday -> contract hours */
	hoursPerWorkday: Record<string, number>;
	/** where `workdays` came from */
	workPatternSource: 'work_schedule' | 'weekly_hours' | 'days_per_week' | 'default';
	/** start of the current employment, when the HRIS tells it */
	employedSince: string | null;
	/** the last day of employment, when the HRIS names one (a leaver: purged after it) */
	employedUntil?: string;
	/** the dated patterns, oldest first; empty when no date says since when the pattern applies */
	workPatterns: WorkPattern[];
	/** the work location (e.g. Personio's office), for the case's Bundesland; absent when unknown */
	location?: string | null;
}

export interface CachedPattern {
	employeeId: string;
	pattern: EmployeePattern;
}

export interface WorkPatternStore {
	workPatterns(source: string): Promise<{ syncedAt: string | null; patterns: CachedPattern[] }>;
	/** upserts `changed`, drops `forget` (employee ids) and records `syncedAt`, in one transaction */
	saveWorkPatterns(
		source: string,
		syncedAt: string,
		changed: CachedPattern[],
		forget?: string[],
	): Promise<void>;
}
