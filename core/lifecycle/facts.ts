import type { Delivery } from './deadlines';
import type { Outcome, State } from './names';

/** What the state machine needs to know about a case: its state, dates and the facts guards look at. */
export interface CaseFacts {
	state: State;
	outcome: Outcome | null;
	openedOn: string;
	replyDueOn: string | null;
	reviewDueOn: string | null;
	closedOn: string | null;
	/** deferred: re-invite on this day */
	followUpOn: string | null;
	/** day of the first invitation (the personnel file's "BEM angeboten am") */
	offeredOn: string | null;
	response: 'accepted' | 'declined' | 'no_reply' | null;
	consentGivenOn: string | null;
	statementStartedOn: string | null;
	/** implementation the current reviews count from (cleared when a review finds the measures ineffective) */
	implementedOn: string | null;
	/** first implementation ever (Maßnahmenquote) */
	firstImplementedOn: string | null;
	effectiveReviews: number;
}

/** Deadline rules of the store: the configured German state's holidays and the review months. */
export interface LifecycleRules {
	/** rolls `on + days` forward past weekends and holidays (core/calendar deadlineAfter for the state) */
	deadlineAfter(on: string, days: number): string;
	/** an invitation sent on `on`: its reply deadline from receipt (core/lifecycle/deadlines replyDueOn) */
	replyDueOn(on: string, delivery: Delivery): string;
	/** `on` plus whole calendar months */
	addMonths(on: string, months: number): string;
	/** months after implementation at which the effectiveness reviews fall, default [3, 6] */
	reviewMonths: readonly number[];
}

export function newCaseFacts(openedOn: string): CaseFacts {
	return {
		state: 'open',
		outcome: null,
		openedOn,
		replyDueOn: null,
		reviewDueOn: null,
		closedOn: null,
		followUpOn: null,
		offeredOn: null,
		response: null,
		consentGivenOn: null,
		statementStartedOn: null,
		implementedOn: null,
		firstImplementedOn: null,
		effectiveReviews: 0,
	};
}
