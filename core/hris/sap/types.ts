// SAP records after parsing: only what BEM needs and ids. Comments, sickness-certificate dates,
// illness groups (EmployeeTimeDEU, KENN1/KENN2) are never read into these shapes, so they cannot
// leak into node output.

import type { DateRange, HrisAbsence, HrisRecordProblem, Parsed as SharedParsed } from '../records';
import type { WorkPattern } from '../../threshold/types';

export type SapSource =
	| 'SuccessFactors EmployeeTime'
	| 'SuccessFactors EmpJob'
	| 'SuccessFactors EmpEmployment'
	| 'SuccessFactors User'
	| 'SAP HCM IT2001'
	| 'SAP HCM IT0007'
	| 'SAP HCM Contact'
	| 'SuccessFactors line manager'
	| 'SAP HCM line manager';

/** `id`: EmployeeTime externalCode, or the IT2001 key PERNR/AWART/BEGDA/ENDDA/SEQNR; `hours`: AU hours
 * of the record (within the range, if it was not clipped). */
export interface SapAbsence extends HrisAbsence {
	/** time type code (SuccessFactors) or AWART (SAP HCM) */
	typeCode: string;
	/** working days as SAP counts them (quantityInDays / ABWTG) */
	workingDays?: number;
	/** calendar days as SAP counts them (KALTG) */
	calendarDays?: number;
	approvalStatus?: string | null;
	source: SapSource;
}

export interface SapWorkPattern {
	employeeId: string;
	/** ISO weekdays worked (1 = Monday) */
	workdays: number[];
	/** ISO weekday -> contract hours */
	hoursPerWorkday: Record<string, number>;
	/** days per week as SAP states them (before rounding to whole weekdays) */
	daysPerWeek: number | null;
	/** the record the pattern came from, and the first day it is valid */
	recordId: string;
	validFrom: string | null;
	/** every pattern in force during the range, oldest first (contract v2 `workPatterns`) */
	history: WorkPattern[];
	/** start of the current employment (hire date), when the HRIS tells it */
	employedSince?: string;
	/** the work location at the range's end (SuccessFactors EmpJob location), for the case's Bundesland */
	location?: string;
}

/** A record SAP returned that cannot be used (or was used with an assumption): reported, never dropped silently. */
export type SapRecordProblem = HrisRecordProblem<SapSource>;

export type Parsed<T> = SharedParsed<T, SapRecordProblem>;

export type { DateRange };

/** What an invitation letter needs about an employee: name, e-mail, postal address — nothing else. */
export interface SapContact {
	employeeId: string;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	/** street and house number */
	addressLine1: string | null;
	zipCode: string | null;
	city: string | null;
	/** "street\nzip city" as the letter shows it, null when street and city are missing */
	address: string | null;
}
