// Where an HRIS reader keeps its work-pattern cache between runs (the BEM store implements it:
// migration 5). Contract data only: weekdays, contract hours, hire date and the dated pattern history.
import type { PatternEntry } from './workHistory';

export interface CachedPattern {
	employeeId: string;
	pattern: {
		weeklyHours: number | null;
		workdays: number[];
		hoursPerWorkday: Record<string, number>;
		workPatternSource: 'work_schedule' | 'weekly_hours' | 'default';
		employedSince: string | null;
		workPatterns: PatternEntry[];
	};
}

export interface WorkPatternStore {
	workPatterns(source: string): Promise<{ syncedAt: string | null; patterns: CachedPattern[] }>;
	saveWorkPatterns(source: string, syncedAt: string, changed: CachedPattern[]): Promise<void>;
}
