// Personio records after parsing: only what BEM needs and ids. Diagnoses, certificate status and
// comments are never read into these shapes, so they cannot leak into node output.

import type { DateRange, HrisAbsence, HrisRecordProblem, Parsed as SharedParsed } from '../records';
import type { EmployeePattern } from '../patternCache';

export type PersonioApiVersion = 'v1' | 'v2';

export interface PersonioEmployee extends EmployeePattern {
	id: string;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	status: string | null;
	department: string | null;
	supervisorId: string | null;
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
	| 'v2 employment'
	| 'Personio line manager';

/** A record Personio returned that cannot be used: reported, never dropped silently. */
export type PersonioRecordProblem = HrisRecordProblem<PersonioSource>;

export type Parsed<T> = SharedParsed<T, PersonioRecordProblem>;

export type { DateRange };
