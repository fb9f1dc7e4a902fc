// The contract of ../shared/bem/threshold-contract.md, plus the works-agreement options of
// domain-research §1.9 (each defaults to the contract's behaviour).
import type { GermanState } from '../calendar/holidays';

export type AbsenceKind =
	| 'sick'
	| 'sick_uncertified'
	| 'hospital'
	| 'rehab'
	| 'accident'
	| 'graduated_return'
	| (string & {});

export interface AbsenceRecord {
	/** 'YYYY-MM-DD'; a date-time string counts as its Europe/Berlin calendar date */
	start: string;
	/** inclusive; null or absent = still ongoing at the reference date */
	end?: string | null;
	/** default 'sick'; compared trimmed and case-insensitively */
	kind?: AbsenceKind;
	/** the first day is a half day */
	startHalf?: boolean;
	/** the record's real last day is a half day (ignored while ongoing; a one-day record with either flag is a half day) */
	endHalf?: boolean;
	/** total AU hours of this record, spread evenly over its working days from start to its end (to the reference date while ongoing), not scaled by half-day flags (basis 'hours') */
	hours?: number;
	/** an AU certificate covers this record (only read with `rehabRequiresCertificate`) */
	certified?: boolean;
	/** this record is a follow-up certificate (Folgebescheinigung) of the one before (only read with `bridgeGaps: 'followUp'`) */
	followUp?: boolean;
}

/** One entry of the work-pattern history: in force from `from` until the next entry's `from`. */
export interface WorkPattern {
	/** 'YYYY-MM-DD'; strictly increasing over the history; the first entry also applies before its `from` */
	from: string;
	workdays: number[];
	hoursPerWorkday?: Record<string, number> | null;
}

export interface ThresholdInput {
	employeeId: string;
	/** ISO weekdays worked, 1 = Monday … 7 = Sunday; default [1,2,3,4,5] */
	workdays?: number[];
	/** ISO weekday -> contract hours (basis 'hours' only) */
	hoursPerWorkday?: Record<string, number>;
	/** the work-pattern history (contract v2); when given, replaces workdays / hoursPerWorkday */
	workPatterns?: WorkPattern[] | null;
	/** start of the current employment: earlier AU does not count */
	employedSince?: string | null;
	absences: AbsenceRecord[];
	/** 'YYYY-MM-DD' of the last closed BEM, if any */
	lastBemClosedOn?: string | null;
}

export interface ThresholdOptions {
	/** 'YYYY-MM-DD'; the node defaults it to today in Europe/Berlin */
	referenceDate: string;
	/** default 'reaches' (≥); 'exceeds' (>) is the statute's literal "more than six weeks" */
	comparison?: 'reaches' | 'exceeds';
	/** default 'days' */
	basis?: 'days' | 'hours';
	/** default DEFAULT_COUNTED_KINDS */
	countedKinds?: string[];
	/** default: one week of the pattern in force at the reference date (its working days per week; 5 under general30, 7 in the calendar-only model) */
	warningWorkingDays?: number;
	/** default 1: AU is a whole-day status; 0.5 counts half days as half */
	halfDayWeight?: number;

	// ---- works-agreement options (domain-research §1.9); defaults are the contract's behaviour ----
	/** 'dual' (default): 42-day run or 6 × workdays working days; 'calendar': all AU calendar days against 42 */
	model?: 'dual' | 'calendar';
	/** 'scaled' (default): 6 × own workdays; 'general30': BG RCI, AU on Mon–Fri against a fixed 30 */
	partTimeRule?: 'scaled' | 'general30';
	/** 'calendarYear' (default): D − 1 year + 1 day; 'fixed365': the last 365 days */
	windowLength?: 'calendarYear' | 'fixed365';
	/** false (default): rehab always counts; true: only records with `certified: true` */
	rehabRequiresCertificate?: boolean;
	/** a German state: its public holidays on working days are not counted as AU working days (default: counted) */
	excludeHolidaysOf?: GermanState | null;
	/** 'none' (default); 'followUp': bridge gaps of non-working days before a follow-up certificate; 'all': any such gap */
	bridgeGaps?: 'none' | 'followUp' | 'all';
}

export type ThresholdStatus = 'due' | 'approaching' | 'below';
export type ThresholdReason = 'continuous' | 'cumulative';

export interface ThresholdResult {
	employeeId: string;
	status: ThresholdStatus;
	reachedOn: string | null;
	reason: ThresholdReason | null;
	/** the window at the reference date */
	windowStart: string;
	windowEnd: string;
	countedWorkingDays: number;
	thresholdWorkingDays: number;
	/** AU weeks in the window: each AU working day counts weight ÷ working days per week of its pattern (4 decimals) */
	countedAuWeeks: number;
	longestContinuousCalendarDays: number;
	remainingWorkingDays: number;
	/** basis 'hours' only */
	countedHours?: number;
	thresholdHours?: number;
}

/** Why records were not counted (reported by the node; the contract's result stays exact). */
export interface IgnoredRecords {
	/** kind not in countedKinds (vacation, child_sick, …) */
	kindNotCounted: number;
	/** rehab without an AU certificate, with rehabRequiresCertificate */
	rehabWithoutCertificate: number;
	/** starts after the reference date */
	afterReferenceDate: number;
	/** ends on or before the last BEM closure */
	beforeLastClosure: number;
	/** ends before employedSince (an earlier employment) */
	beforeEmployment: number;
}

export interface ThresholdEvaluation {
	result: ThresholdResult;
	ignored: IgnoredRecords;
}
