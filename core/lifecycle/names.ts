import type { ThresholdReason } from '../threshold/types';

// The names of the BEM case lifecycle (lifecycle.md): states, events and outcomes as the API spells them.

export const STATES = [
	'open',
	'invited',
	'reinvited',
	'deferred',
	'accepted',
	'in_progress',
	'review',
	'closed',
] as const;
export type State = (typeof STATES)[number];

export const OUTCOMES = [
	'completed',
	'no_suitable_measure',
	'declined',
	'no_reply',
	'withdrawn',
	'employment_ended',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const EVENT_TYPES = [
	'case_opened',
	'invitation_sent',
	'second_invitation_sent',
	'reply_accepted',
	'reply_declined',
	'reply_deadline_passed',
	'first_talk_held',
	'case_conference_held',
	'measure_planned',
	/** the measure plan (case-file.md "Measures"): a planned measure's work began */
	'measure_started',
	'measure_implemented',
	/** a planned measure given up (data.reason, encrypted): it no longer counts open */
	'measure_dropped',
	'review_held',
	'statement_period_started',
	'withdrawn',
	'case_closed',
	'employment_ended',
	'note_added',
	'reply_deferred',
	'consent_given',
	/** the employee withdraws consent for some participants (or all): their case roles end at once */
	'consent_withdrawn',
	/** a correction (Art. 16 GDPR): the case is replayed without the named event, which stays on record */
	'event_voided',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** the engine's reasons (core/threshold ThresholdReason) */
export const THRESHOLD_REASONS = [
	'continuous',
	'cumulative',
] as const satisfies readonly ThresholdReason[];

export function isState(value: unknown): value is State {
	return (STATES as readonly unknown[]).includes(value);
}

export function isEventType(value: unknown): value is EventType {
	return (EVENT_TYPES as readonly unknown[]).includes(value);
}
