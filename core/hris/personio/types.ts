// Personio records after parsing: only what BEM needs and ids. Diagnoses, certificate status and
// comments are never read into these shapes, so they cannot leak into node output.

import type { DateRange, HrisAbsence, HrisRecordProblem, Parsed as SharedParsed } from '../records';
import type { WorkPattern } from '../../threshold/types';

export type PersonioApiVersion = 'v1' | 'v2';

export interface PersonioEmployee {
	id: string;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	status: string | null;
	department: string | null;
	supervisorId: string | null;
	weeklyHours: number | null;
	/** ISO weekdays worked (1 = Monday); from the work schedule or derived from weekly hours */
	workdays: number[];
	/** ISO weekday -> contract hours */
	hoursPerWorkday: Record<string, number>;
	/** where `workdays` came from */
	workPatternSource: 'work_schedule' | 'weekly_hours' | 'default';
	/** start of the current employment (v1 hire_date, v2 employment_start_date), when Personio tells it */
	employedSince: string | null;
	/**
	 * The patterns Personio dates, oldest first (v1: the work schedule from its valid_from; v2: one per
	 * employment from its start). Empty when no date says since when the pattern applies.
	 */
	workPatterns: WorkPattern[];
}

export interface PersonioAbsenceType {
	id: string;
	name: string | null;
	category: string | null;
	unit: 'day' | 'hour' | null;
}

/** `id`: Personio's id of the record (time-off id, absence-period UUID); `hours`: AU hours within the
 * queried range (hour-unit types, or day types with breakdowns). */
export interface PersonioAbsence extends HrisAbsence {
	typeId: string;
	typeName: string | null;
	category: string | null;
	/** absence days within the queried range as Personio counts them (when known) */
	days?: number;
	status: string | null;
	source: 'v1 time-off' | 'v1 absence period' | 'v2 absence period';
}

export type PersonioSource =
	| PersonioAbsence['source']
	| 'v1 employee'
	| 'v2 person'
	| 'v2 employment';

/** A record Personio returned that cannot be used: reported, never dropped silently. */
export type PersonioRecordProblem = HrisRecordProblem<PersonioSource>;

export type Parsed<T> = SharedParsed<T, PersonioRecordProblem>;

export type { DateRange };
