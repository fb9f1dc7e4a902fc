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
export function replyRound(trail: readonly TrailEvent[], claims: ReplyLinkClaims): ReplyRound {
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
		idempotencyKey: `${claims.caseId}:reply:${letter.seq}`,
	};
	const resumeUrl = letter.data.resumeUrl;
	// recorded through checkResumeUrl; checked again, so only a waiting-webhook link is ever called
	if (typeof resumeUrl === 'string' && checkResumeUrl(resumeUrl).ok) round.resumeUrl = resumeUrl;
	return round;
}
