import type { EventType } from '../lifecycle/names';
import type { ReplyLinkClaims } from './index';
import { checkResumeUrl } from './resume';

// Which letter a reply link answers, and whether that letter may still be answered: a link is good for
// one answer to the latest letter of its case. A later letter (the second invitation, a re-invitation
// after "later") supersedes it; an answer already recorded to the letter uses it up.

/** The events that send a letter with a reply link. */
const LETTER_EVENTS: readonly EventType[] = ['invitation_sent', 'second_invitation_sent'];
/** The events a reply records (recordReply): "information first" is a note marked as a reply. */
const REPLY_EVENTS: readonly EventType[] = ['reply_accepted', 'reply_declined', 'reply_deferred'];

export interface TrailEvent {
	seq: number;
	type: EventType;
	data: Record<string, unknown>;
	/** set when a correction voided the event: it no longer counts (the store's AuditEvent.voidedBy) */
	voidedBy?: number | null;
}

export type ReplyRound =
	| {
			ok: true;
			/** the seq of the letter event answered */
			letterSeq: number;
			/** the store's key that makes the answer single-use, also between racing submits */
			idempotencyKey: string;
			/** the waiting invitation cycle's resume link the letter was recorded with, if any */
			resumeUrl?: string;
	  }
	| { ok: false; reason: 'no_letter' | 'superseded' | 'answered' };

function isReply(e: TrailEvent): boolean {
	return REPLY_EVENTS.includes(e.type) || (e.type === 'note_added' && e.data.reply !== undefined);
}

/** The round a verified link answers in the case's trail (oldest first). */
export function replyRound(recorded: readonly TrailEvent[], claims: ReplyLinkClaims): ReplyRound {
	// the events in force: a reply voided as recorded in error leaves the letter to be answered again
	const trail = recorded.filter((e) => !e.voidedBy && e.type !== 'event_voided');
	const letters = trail.filter((e) => LETTER_EVENTS.includes(e.type));
	// r1 links (no letter in the token) answer the case's first letter
	const letter =
		claims.letterSeq === undefined ? letters[0] : letters.find((e) => e.seq === claims.letterSeq);
	if (!letter) return { ok: false, reason: 'no_letter' };
	if (letter !== letters[letters.length - 1]) return { ok: false, reason: 'superseded' };
	if (trail.some((e) => e.seq > letter.seq && isReply(e))) return { ok: false, reason: 'answered' };
	const round: ReplyRound = {
		ok: true,
		letterSeq: letter.seq,
		idempotencyKey: replyKey(claims.caseId, letter.seq, recorded),
	};
	const resumeUrl = letter.data.resumeUrl;
	// recorded through checkResumeUrl; checked again, so only a waiting-webhook link is ever called
	if (typeof resumeUrl === 'string' && checkResumeUrl(resumeUrl).ok) round.resumeUrl = resumeUrl;
	return round;
}

/**
 * The key of the answer to a letter; once an answer was voided, the next one is a new event and gets
 * its own key (`:2`, `:3`, …), as the store keeps a voided event's key for it.
 */
function replyKey(caseId: string, letterSeq: number, recorded: readonly TrailEvent[]): string {
	const voided = recorded.filter((e) => e.voidedBy && e.seq > letterSeq && isReply(e)).length;
	return `${caseId}:reply:${letterSeq}` + (voided ? `:${voided + 1}` : '');
}
