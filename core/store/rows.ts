import type { GermanState } from '../calendar/holidays';
import type { CaseFacts } from '../lifecycle/facts';
import type { Outcome, State } from '../lifecycle/names';
import type { ThresholdReason } from '../threshold/types';
import { caseReference } from './sql/migration9';
import type { BemCase } from './types';

// Mapping between the bem_cases row and the case the API returns / the facts the lifecycle decides on.

export interface CaseRow {
	id: string;
	employee_id: string;
	state: string;
	outcome: string | null;
	reached_on: string;
	reason: string;
	opened_on: string;
	reply_due_on: string | null;
	review_due_on: string | null;
	closed_on: string | null;
	follow_up_on: string | null;
	offered_on: string | null;
	response: string | null;
	consent_given_on: string | null;
	statement_started_on: string | null;
	implemented_on: string | null;
	first_implemented_on: string | null;
	effective_reviews: number;
	version: number;
	head_hash: string;
	/** the employee's German state (migration 7); null: the store's default state */
	holiday_state?: string | null;
	/** the reference's year and number (migration 9); outside the row's MAC */
	ref_year: number | null;
	ref_number: number | null;
}

/** What a case is identified by, fixed at opening (the row's columns that never move). */
export type CaseIdentity = Pick<
	CaseRow,
	'id' | 'employee_id' | 'reached_on' | 'reason' | 'holiday_state'
>;

/** Columns written when a case moves, in this order (after them: version, head_hash). */
export const FACT_COLUMNS: Array<[keyof CaseFacts, keyof CaseRow]> = [
	['state', 'state'],
	['outcome', 'outcome'],
	['replyDueOn', 'reply_due_on'],
	['reviewDueOn', 'review_due_on'],
	['closedOn', 'closed_on'],
	['followUpOn', 'follow_up_on'],
	['offeredOn', 'offered_on'],
	['response', 'response'],
	['consentGivenOn', 'consent_given_on'],
	['statementStartedOn', 'statement_started_on'],
	['implementedOn', 'implemented_on'],
	['firstImplementedOn', 'first_implemented_on'],
	['effectiveReviews', 'effective_reviews'],
];

export function rowToFacts(row: CaseRow): CaseFacts {
	return {
		state: row.state as State,
		outcome: row.outcome as Outcome | null,
		openedOn: row.opened_on,
		replyDueOn: row.reply_due_on,
		reviewDueOn: row.review_due_on,
		closedOn: row.closed_on,
		followUpOn: row.follow_up_on,
		offeredOn: row.offered_on,
		response: row.response as CaseFacts['response'],
		consentGivenOn: row.consent_given_on,
		statementStartedOn: row.statement_started_on,
		implementedOn: row.implemented_on,
		firstImplementedOn: row.first_implemented_on,
		effectiveReviews: Number(row.effective_reviews),
	};
}

export function toCase(
	row: CaseIdentity & Partial<Pick<CaseRow, 'ref_year' | 'ref_number'>>,
	facts: CaseFacts,
	version: number,
): BemCase {
	const c: BemCase = {
		id: row.id,
		reference: referenceOf(row),
		employeeId: row.employee_id,
		state: facts.state,
		outcome: facts.outcome,
		reachedOn: row.reached_on,
		reason: row.reason as ThresholdReason,
		openedOn: facts.openedOn,
		replyDueOn: facts.replyDueOn,
		reviewDueOn: facts.reviewDueOn,
		closedOn: facts.closedOn,
		followUpOn: facts.followUpOn,
		version,
	};
	// only where the case names one: cases without keep the shape they always had
	if (row.holiday_state) c.holidayState = row.holiday_state as GermanState;
	return c;
}

/** The case's reference; a row numbered by nobody (written around the store) shows its id. */
export function referenceOf(
	row: Pick<CaseRow, 'id'> & Partial<Pick<CaseRow, 'ref_year' | 'ref_number'>>,
): string {
	return row.ref_year == null || row.ref_number == null
		? row.id
		: caseReference(Number(row.ref_year), Number(row.ref_number));
}

export function rowToCase(row: CaseRow): BemCase {
	return toCase(row, rowToFacts(row), Number(row.version));
}

/**
 * The case row's whole derived state as one text: it goes into each event's keyed MAC (`row_after`), so
 * verifying compares the row with what its last authenticated event says it must be.
 */
export function caseSnapshot(row: CaseIdentity, facts: CaseFacts, version: number): string {
	return JSON.stringify([
		row.id,
		row.employee_id,
		row.reached_on,
		row.reason,
		facts.openedOn,
		...FACT_COLUMNS.map(([f]) => facts[f] ?? null),
		Number(version),
		// appended only when set: the snapshots (and MACs) of cases without one stay what they were
		...(row.holiday_state ? [row.holiday_state] : []),
	]);
}

export const rowSnapshot = (row: CaseRow) =>
	caseSnapshot(row, rowToFacts(row), Number(row.version));
