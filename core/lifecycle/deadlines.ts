import { formatDay, parseDay } from '../calendar/days';
import type { GermanState } from '../calendar/holidays';
import { deadlineAfter, workingDaysAfter } from '../calendar/workingDays';

// The lifecycle's legal periods (lifecycle.md), each in one place: the machine sets the case's deadlines
// from them, and a letter states the deadline its case keeps.

/** § 167 invitations: the employee has 14 days to reply, rolled forward to a working day. */
export const REPLY_PERIOD_DAYS = 14;
/** after a statement period starts, the case may close without a suitable measure 14 days later */
export const STATEMENT_PERIOD_DAYS = 14;
/** the second effectiveness review comes at least this many days after the first (case-file.md) */
export const REVIEW_GAP_DAYS = 28;
/** a posted letter without a known delivery counts as received this many working days after posting */
export const DEFAULT_POSTAL_DAYS = 3;
/** a deferral names a follow-up at most this many months ahead (case-file.md) */
export const MAX_DEFERRAL_MONTHS = 6;
/** a non-closed case with no event in this many days is stale: escalated to the BEM officer */
export const STALE_AFTER_DAYS = 90;

/** How an invitation reached the employee (invitation_sent / second_invitation_sent `data`). */
export const CHANNELS = ['email', 'letter', 'hand'] as const;
export type Channel = (typeof CHANNELS)[number];
export interface Delivery {
	/** absent: e-mail (received the day it is sent), as every invitation before channels were recorded */
	channel?: Channel;
	/** the day it was received, when known (a letter's delivery receipt, a handed-over letter) */
	deliveredOn?: string;
}

/**
 * The day the invitation counts as received: the delivery day when known, a posted letter `postalDays`
 * working days after posting, e-mail and hand delivery the day they are sent.
 */
export function receivedOn(
	sentOn: string,
	delivery: Delivery,
	state: GermanState,
	postalDays = DEFAULT_POSTAL_DAYS,
): string {
	if (delivery.deliveredOn) return delivery.deliveredOn;
	if (delivery.channel !== 'letter') return sentOn;
	return formatDay(workingDaysAfter(parseDay(sentOn), postalDays, state));
}

/** The reply deadline of an invitation sent on `sentOn`: 14 days from receipt, rolled to a working day. */
export function replyDueOn(
	sentOn: string,
	state: GermanState,
	delivery: Delivery = {},
	postalDays = DEFAULT_POSTAL_DAYS,
): string {
	const received = receivedOn(sentOn, delivery, state, postalDays);
	return formatDay(deadlineAfter(parseDay(received), REPLY_PERIOD_DAYS, state));
}
