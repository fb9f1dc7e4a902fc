import type { CaseFacts, LifecycleRules } from './facts';
import {
	MAX_DEFERRAL_MONTHS,
	REVIEW_GAP_DAYS,
	STATEMENT_PERIOD_DAYS,
	type Delivery,
} from './deadlines';
import { formatDay, parseDay } from '../calendar/days';
import type { EventType, State } from './names';
import { EMPTY_PLAN, openMeasures, type MeasurePlan } from './measures';

// The one place the lifecycle's rules live (lifecycle.md "Allowed moves"). Pure: both store backends
// call `decide` with the case's facts and the event, and write what it returns or refuse what it refuses.

/** Events each state accepts at all; guards below may still refuse one (e.g. a deadline not yet passed). */
export const ACCEPTED_EVENTS: Readonly<Record<State, readonly EventType[]>> = {
	open: ['invitation_sent', 'note_added', 'withdrawn', 'employment_ended'],
	invited: [
		'reply_accepted',
		'reply_declined',
		'reply_deferred',
		'second_invitation_sent',
		'note_added',
		'withdrawn',
		'employment_ended',
	],
	reinvited: [
		'reply_accepted',
		'reply_declined',
		'reply_deferred',
		'reply_deadline_passed',
		'note_added',
		'withdrawn',
		'employment_ended',
	],
	deferred: ['invitation_sent', 'note_added', 'withdrawn', 'employment_ended'],
	accepted: [
		'consent_given',
		'consent_withdrawn',
		'first_talk_held',
		'note_added',
		'withdrawn',
		'employment_ended',
	],
	in_progress: [
		'case_conference_held',
		'measure_planned',
		'measure_started',
		'measure_implemented',
		'measure_dropped',
		'statement_period_started',
		'case_closed',
		'consent_withdrawn',
		'note_added',
		'withdrawn',
		'employment_ended',
	],
	review: [
		'review_held',
		'case_conference_held',
		'measure_planned',
		'measure_started',
		'measure_dropped',
		'consent_withdrawn',
		'note_added',
		'withdrawn',
		'employment_ended',
	],
	// a closed case takes no move; the end of employment after a completed BEM is recorded as a fact
	// because the Verbleibequote counts it
	closed: ['employment_ended'],
};

export interface LifecycleEvent {
	type: EventType;
	on: string;
	data?: Record<string, unknown>;
}

export type Decision =
	| { ok: true; changes: Partial<CaseFacts> }
	| { ok: false; reason: string; allowed: readonly EventType[] };

const refuse = (facts: CaseFacts, reason: string): Decision => ({
	ok: false,
	reason,
	allowed: ACCEPTED_EVENTS[facts.state],
});

/** What the order guards need from the case's events in force (not voided): see core/lifecycle/replay.ts. */
export interface CaseHistory {
	/** the `on` of the latest event in force: no event may be dated before it */
	latestOn: string | null;
	/** the effective review since the current implementation, if one was held */
	lastReviewOn: string | null;
	/** the measure plan (core/lifecycle/measures.ts) */
	plan: MeasurePlan;
}
export const NO_HISTORY: CaseHistory = { latestOn: null, lastReviewOn: null, plan: EMPTY_PLAN };

/**
 * Decides an event against a case: the changes to write, or why it is refused. Dates are 'YYYY-MM-DD'.
 * `history` carries what the order guards need (dates never run backwards, the review spacing).
 */
export function decide(
	facts: CaseFacts,
	event: LifecycleEvent,
	rules: LifecycleRules,
	history: CaseHistory = NO_HISTORY,
): Decision {
	const { type, on } = event;
	const data = event.data ?? {};
	if (type === 'case_opened')
		return refuse(facts, 'a case is opened with openCase, not recorded as an event');
	if (type === 'event_voided')
		return refuse(facts, 'a correction is decided by replaying the case (voidEvent), not here');
	if (data.reissueOf !== undefined) return reissue(facts, event, rules);
	if (!ACCEPTED_EVENTS[facts.state].includes(type)) {
		return refuse(
			facts,
			`${type} is not a move from '${facts.state}'${facts.state === 'closed' ? ' (the case is closed)' : ''}`,
		);
	}
	if (on < facts.openedOn)
		return refuse(facts, `the event date ${on} is before the case was opened (${facts.openedOn})`);
	if (history.latestOn !== null && on < history.latestOn)
		return refuse(
			facts,
			`the event date ${on} is before the case's latest event (${history.latestOn}): dates on a case never run backwards (a wrong event is corrected with event_voided)`,
		);
	const closeOn = (outcome: CaseFacts['outcome'], closedOn = on): Partial<CaseFacts> => ({
		state: 'closed',
		outcome,
		closedOn,
		replyDueOn: null,
		reviewDueOn: null,
		followUpOn: null,
	});

	const delivery = LETTER_STATES[type] ? deliveryOf(data, on) : {};
	if (typeof delivery === 'string') return refuse(facts, delivery);
	switch (type) {
		case 'invitation_sent':
			return ok({
				state: 'invited',
				replyDueOn: rules.replyDueOn(on, delivery),
				followUpOn: null,
				offeredOn: facts.offeredOn ?? on,
			});
		case 'second_invitation_sent':
			// the deadline includes its due day: the second letter goes out the day after at the earliest
			if (!(on > (facts.replyDueOn as string))) {
				return refuse(
					facts,
					`the reply is due on ${facts.replyDueOn}; the second invitation is allowed only after that day`,
				);
			}
			return ok({ state: 'reinvited', replyDueOn: rules.replyDueOn(on, delivery) });
		case 'reply_accepted':
			// a late reply (after replyDueOn, before the case is closed) is honoured
			return ok({ state: 'accepted', response: 'accepted', replyDueOn: null });
		case 'reply_declined':
			return ok({ ...closeOn('declined'), response: 'declined' });
		case 'reply_deferred': {
			const followUpOn = data.followUpOn;
			if (
				typeof followUpOn !== 'string' ||
				!/^\d{4}-\d{2}-\d{2}$/.test(followUpOn) ||
				followUpOn < on
			) {
				return refuse(
					facts,
					`reply_deferred needs data.followUpOn, a date 'YYYY-MM-DD' on or after ${on}, to re-invite on`,
				);
			}
			if (followUpOn > rules.addMonths(on, MAX_DEFERRAL_MONTHS))
				return refuse(
					facts,
					`reply_deferred: data.followUpOn must be at most ${MAX_DEFERRAL_MONTHS} months after the event date (case-file.md)`,
				);
			return ok({ state: 'deferred', followUpOn, replyDueOn: null });
		}
		case 'reply_deadline_passed':
			if (!(on > (facts.replyDueOn as string))) {
				return refuse(
					facts,
					`the second invitation's reply is due on ${facts.replyDueOn}; the no-reply close is allowed only after that day`,
				);
			}
			// closed on the day the deadline ended, as practice guides do; the next count starts the day after
			return ok({ ...closeOn('no_reply', facts.replyDueOn as string), response: 'no_reply' });
		case 'consent_given':
			return ok({ consentGivenOn: on });
		case 'consent_withdrawn':
			// the participants' roles end (the store revokes them); the case itself does not move
			if (!facts.consentGivenOn)
				return refuse(facts, 'no consent was given on this case: nothing to withdraw');
			return ok({});
		case 'first_talk_held':
			if (!facts.consentGivenOn)
				return refuse(
					facts,
					'the first talk needs the written consent first: record consent_given',
				);
			return ok({ state: 'in_progress' });
		case 'statement_period_started':
			return ok({ statementStartedOn: on });
		case 'case_closed': {
			if (data.outcome !== 'no_suitable_measure') {
				return refuse(
					facts,
					"case_closed closes with data.outcome 'no_suitable_measure' only (completed follows the second effective review; withdrawn, employment_ended and declined have their own events)",
				);
			}
			if (!facts.statementStartedOn)
				return refuse(
					facts,
					'closing without a suitable measure needs the 14-day statement period first: record statement_period_started',
				);
			const periodEnds = rules.deadlineAfter(facts.statementStartedOn, STATEMENT_PERIOD_DAYS);
			if (!(on > periodEnds))
				return refuse(
					facts,
					`the statement period runs until ${periodEnds}; the case may close only after that day`,
				);
			return ok(closeOn('no_suitable_measure'));
		}
		case 'measure_planned':
		case 'measure_started':
		case 'measure_implemented':
		case 'measure_dropped':
			return decideMeasure(facts, event, rules, history.plan);
		case 'review_held': {
			if (typeof data.effective !== 'boolean')
				return refuse(facts, 'review_held needs data.effective: true or false');
			if (facts.implementedOn !== null && !(on > facts.implementedOn))
				return refuse(
					facts,
					`a review comes after the implementation (${facts.implementedOn}); review_held on ${on} is too early`,
				);
			const earliest =
				history.lastReviewOn === null
					? null
					: formatDay(parseDay(history.lastReviewOn) + REVIEW_GAP_DAYS);
			if (earliest !== null && on < earliest)
				return refuse(
					facts,
					`the second review comes at least ${REVIEW_GAP_DAYS} days after the first (${history.lastReviewOn}), on ${earliest} at the earliest`,
				);
			if (!data.effective) {
				// plan revised, reviews restart after the next implementation
				return ok({
					state: 'in_progress',
					implementedOn: null,
					effectiveReviews: 0,
					reviewDueOn: null,
				});
			}
			const done = facts.effectiveReviews + 1;
			if (done >= rules.reviewMonths.length)
				return ok({ ...closeOn('completed'), effectiveReviews: done });
			return ok({
				effectiveReviews: done,
				reviewDueOn: rules.addMonths(facts.implementedOn as string, rules.reviewMonths[done]),
			});
		}
		case 'withdrawn':
			return ok(closeOn('withdrawn'));
		case 'employment_ended':
			return facts.state === 'closed' ? ok({}) : ok(closeOn('employment_ended'));
		case 'note_added':
		case 'case_conference_held':
			return ok({});
	}
}

/** The plan is done: the case goes to review, the first review counted from `on`. */
const planImplemented = (facts: CaseFacts, on: string, rules: LifecycleRules): Decision =>
	ok({
		state: 'review',
		implementedOn: on,
		firstImplementedOn: facts.firstImplementedOn ?? on,
		effectiveReviews: 0,
		reviewDueOn: rules.addMonths(on, rules.reviewMonths[0]),
	});

/**
 * The measure plan's events. A measure is planned once under its id; started, implemented or dropped
 * only while open. The case reaches review when its last open measure is implemented (or dropped after
 * another was implemented); an implementation without measureId (events before measure ids) implements
 * the plan as a whole, as it always did.
 */
function decideMeasure(
	facts: CaseFacts,
	event: LifecycleEvent,
	rules: LifecycleRules,
	plan: MeasurePlan,
): Decision {
	const { type, on } = event;
	const data = event.data ?? {};
	const id = typeof data.measureId === 'string' ? data.measureId : null;
	if (type === 'measure_planned') {
		if (id !== null && plan.measures[id])
			return refuse(
				facts,
				`measure ${id} is already planned on this case; a new measure takes a new measureId`,
			);
		if (typeof data.dueOn === 'string' && data.dueOn < on)
			return refuse(facts, `the measure's dueOn ${data.dueOn} is before it is planned (${on})`);
		return ok({});
	}
	if (id === null) {
		if (type === 'measure_implemented') return planImplemented(facts, on, rules);
		return refuse(facts, `${type} needs data.measureId, the id the measure was planned with`);
	}
	const measure = plan.measures[id];
	if (!measure)
		return refuse(facts, `the case has no measure ${id} (plan it with measure_planned)`);
	if (measure.state === 'implemented' || measure.state === 'dropped')
		return refuse(facts, `measure ${id} is ${measure.state} already`);
	if (type === 'measure_started') {
		if (measure.state === 'started') return refuse(facts, `measure ${id} is started already`);
		return ok({});
	}
	const stillOpen = openMeasures(plan).filter((m) => m.measureId !== id).length;
	if (type === 'measure_implemented')
		return stillOpen > 0 ? ok({}) : planImplemented(facts, on, rules);
	// a drop leaves the plan done only when a measure of it was implemented
	return stillOpen === 0 && facts.state === 'in_progress' && plan.implementedSinceReview > 0
		? planImplemented(facts, on, rules)
		: ok({});
}

/** The state each letter event leaves the case in: a re-issue is recorded there. */
const LETTER_STATES: Partial<Record<EventType, State>> = {
	invitation_sent: 'invited',
	second_invitation_sent: 'reinvited',
};

/**
 * A letter claimed on `data.reissueOf` that never went out (the run was cut off before its copy was
 * archived), issued on `on` instead: the reply period runs from the day it is sent, so the deadline moves
 * with it (never earlier), and an offer first made by that letter is dated by this one.
 */
function reissue(facts: CaseFacts, event: LifecycleEvent, rules: LifecycleRules): Decision {
	const { type, on } = event;
	const claimedOn = event.data?.reissueOf;
	if (LETTER_STATES[type] === undefined)
		return refuse(facts, `data.reissueOf re-issues a letter: ${type} sends none`);
	if (facts.state !== LETTER_STATES[type])
		return refuse(
			facts,
			`a re-issued ${type} belongs to a case in '${LETTER_STATES[type]}', not '${facts.state}'`,
		);
	if (typeof claimedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(claimedOn) || !(on > claimedOn))
		return refuse(
			facts,
			`data.reissueOf must be the date 'YYYY-MM-DD' the unsent letter was claimed on, before ${on}`,
		);
	const delivery = deliveryOf(event.data ?? {}, on);
	if (typeof delivery === 'string') return refuse(facts, delivery);
	const replyDueOn = rules.replyDueOn(on, delivery);
	if (replyDueOn < (facts.replyDueOn as string))
		return refuse(
			facts,
			`a re-issued letter never shortens the reply deadline ${facts.replyDueOn}`,
		);
	return ok({
		replyDueOn,
		offeredOn: type === 'invitation_sent' && facts.offeredOn === claimedOn ? on : facts.offeredOn,
	});
}

/**
 * A letter event's channel and delivery day (the store's schema typed them), or why the delivery day
 * cannot be: it is never before the letter was sent. Other events carry neither.
 */
function deliveryOf(data: Record<string, unknown>, on: string): Delivery | string {
	const delivery: Delivery = {};
	if (typeof data.channel === 'string') delivery.channel = data.channel as Delivery['channel'];
	if (typeof data.deliveredOn === 'string') {
		if (data.deliveredOn < on)
			return 'data.deliveredOn must be on or after the day the invitation is sent';
		delivery.deliveredOn = data.deliveredOn;
	}
	return delivery;
}

function ok(changes: Partial<CaseFacts>): Decision {
	return { ok: true, changes };
}

/** True if the event moves the state (racing duplicates of a move are "already done", of a fact are not). */
export function movesState(before: CaseFacts, changes: Partial<CaseFacts>): boolean {
	return changes.state !== undefined && changes.state !== before.state;
}
