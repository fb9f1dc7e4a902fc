import { formatDay, parseDay } from '../calendar/days';
import type { GermanState } from '../calendar/holidays';
import { deadlineAfter } from '../calendar/workingDays';

// The lifecycle's legal periods (lifecycle.md), each in one place: the machine sets the case's deadlines
// from them, and a letter states the deadline its case keeps.

/** § 167 invitations: the employee has 14 days to reply, rolled forward to a working day. */
export const REPLY_PERIOD_DAYS = 14;
/** after a statement period starts, the case may close without a suitable measure 14 days later */
export const STATEMENT_PERIOD_DAYS = 14;
/** the second effectiveness review comes at least this many days after the first (case-file.md) */
export const REVIEW_GAP_DAYS = 28;

/** The reply deadline an invitation sent on `sentOn` gets (the case stores it when the letter is claimed). */
export function replyDueOn(sentOn: string, state: GermanState): string {
	return formatDay(deadlineAfter(parseDay(sentOn), REPLY_PERIOD_DAYS, state));
}
