import { formatDay, parseDay } from '../calendar/days';
import type { GermanState } from '../calendar/holidays';
import type { Channel } from '../lifecycle/deadlines';
import {
	assertPdfPrintable,
	prepareLetter,
	renderLetter,
	type Language,
	type LetterKind,
	type RenderedLetter,
} from '../letters';
import { checkResumeUrl, replyLink, replyToken } from '../replyLink';
import { BemIdempotencyKeyReusedError, BemStoreError } from '../store/errors';
import type { BemCase, BemStore, CallContext, EventInput, TimelineEvent } from '../store/types';
import { recordOrConfirm } from './record';

// The invitation's write protocol: check the letter, read the case, claim the letter in the BEM file,
// render it once with the case's deadline and a signed reply link, archive the copy once. Exactly one
// caller gets `sent: true` for a letter, however many runs race; a run cut off between claim and
// archive is completed by the next one with the same letter: on the claim's day as claimed, on a later
// day re-issued (dated that day, the reply deadline moved with it, lifecycle/machine.ts `reissue`).

/** Days a reply link stays valid after the reply deadline (a late reply is honoured while the case is open). */
export const DEFAULT_LINK_GRACE_DAYS = 14;

const EVENT = { first: 'invitation_sent', second: 'second_invitation_sent' } as const;

/** The store a letter is written to, with what the letter must state about it. */
export interface InvitationStore {
	store: BemStore;
	/** the store's encryption key: reply links are signed under it */
	encryptionKey: string;
	/** German state whose holidays the store's deadlines roll past (the store's `state`, default DE) */
	state?: GermanState;
	/** the retention the letter announces: the store's */
	retentionYears: number;
}

export interface InvitationRequest {
	letter: LetterKind;
	caseId: string;
	/** business date of the letter, 'YYYY-MM-DD'; a repeat keeps the date the letter was claimed on */
	on: string;
	language?: Language;
	/** core/letters' employee: name, lastName, salutation, address lines */
	employee: Record<string, unknown>;
	/** core/letters' company settings; state and retention come from the store */
	company: Record<string, unknown>;
	template?: Record<string, unknown>;
	/** the reply form's URL; the signed token is added as `?token=` */
	replyFormUrl: string;
	/**
	 * the resume link of the execution waiting for the reply (n8n's `$execution.resumeUrl`), recorded with
	 * the letter: the reply form wakes only this link, never one from its request
	 */
	resumeUrl?: string;
	linkGraceDays?: number;
	/** render the PDF (default true) */
	pdf?: boolean;
	/** how the letter reaches the employee (recorded with the claim: the reply period runs from receipt) */
	channel?: Channel;
	/** the day it was received, when known */
	deliveredOn?: string;
	actor: string;
	context?: CallContext;
}

export interface InvitationResult {
	caseId: string;
	/** the case's reference, the letter's Aktenzeichen */
	reference: string;
	letter: LetterKind;
	/** true only for the one call that archived the letter: send it only then */
	sent: boolean;
	sentOn: string;
	replyDueOn: string;
	/** the rendered letter (subject, text, HTML, PDF), the same on a repeat */
	rendered: RenderedLetter;
	case: BemCase;
}

/** Claims, renders and archives the first or second invitation of a case, exactly once. Bad input throws
 * (LetterInputError, LetterTemplateError, HealthDetailError, BemStoreError naming the field) before the
 * BEM file is read; a refused move (BemTransitionRefusedError) writes nothing. */
export async function sendInvitation(
	target: InvitationStore,
	request: InvitationRequest,
): Promise<InvitationResult> {
	const { store } = target;
	const r = request;
	const letterInput = (
		c: Pick<BemCase, 'reachedOn' | 'reason'> & Partial<Pick<BemCase, 'reference'>>,
		parts: { sentOn: string; firstLetterDate?: string; replyDueOn?: string; link: string },
	): Record<string, unknown> => ({
		kind: r.letter,
		language: r.language ?? 'de',
		caseId: r.caseId,
		...(c.reference ? { reference: c.reference } : {}),
		employee: r.employee,
		reachedOn: c.reachedOn,
		reason: c.reason,
		sentOn: parts.sentOn,
		...(parts.firstLetterDate ? { firstLetterDate: parts.firstLetterDate } : {}),
		...(parts.replyDueOn ? { replyDueOn: parts.replyDueOn } : {}),
		replyLink: parts.link,
		company: { ...r.company, state: target.state ?? 'DE', retentionYears: target.retentionYears },
		...(r.template ? { template: r.template } : {}),
	});
	const preview = replyLink(r.replyFormUrl, 'preview');

	// 1. the employee, company, template and resume link, checked before the BEM file is touched
	const checked = letterInput(
		{ reachedOn: r.on, reason: 'cumulative' },
		{
			sentOn: r.on,
			firstLetterDate: r.letter === 'second' ? formatDay(parseDay(r.on) - 1) : undefined,
			link: preview,
		},
	);
	prepareLetter(checked);
	if (r.pdf !== false) assertPdfPrintable(checked);
	const resume = r.resumeUrl ? checkResumeUrl(r.resumeUrl) : { ok: true as const };
	if (!resume.ok)
		throw new BemStoreError('BEM_INVALID_INPUT', `resumeUrl ${resume.problem}`, 'resumeUrl');

	// 2. the case and its timeline (logged reads of metadata: the process principal may make them): reachedOn and reason, the first letter's date, an earlier claim
	const access = {
		actor: r.actor,
		purpose: `BEM invitation: ${r.letter} letter`,
		context: r.context,
	};
	const found = await store.getCase(r.caseId, access);
	if (!found)
		throw new BemStoreError(
			'BEM_CASE_NOT_FOUND',
			`No BEM case ${r.caseId} (never opened, or purged after retention)`,
			'caseId',
		);
	const trail = await store.caseTimeline(r.caseId, access);
	const key = claimKey(r.caseId, r.letter, trail);
	const claim = trail.find((e) => e.idempotencyKey === key);
	// the letter as it stands: the claim, or the re-issue that replaced it when it was never sent
	const earlier = standingLetter(trail, key);
	const firstLetterDate = r.letter === 'second' ? lastInvitation(trail, claim) : undefined;
	if (r.letter === 'second' && !firstLetterDate)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`case ${r.caseId} has no first invitation on record; send the first letter before the second`,
			'letter',
		);
	// a claim from an earlier day whose copy was never archived was never sent: it goes out today, dated
	// today, and its reply period runs from today (a repeat on the claim's day renders the claimed letter)
	const reissue =
		earlier !== undefined &&
		earlier.on < r.on &&
		(await store.findCases({ letterUnsent: r.letter, employeeId: found.employeeId }, access)).some(
			(c) => c.id === r.caseId,
		);
	const write = reissue
		? { key: `${key}#${r.on}`, on: r.on, reissueOf: earlier.on }
		: { key: earlier?.idempotencyKey ?? key, on: earlier?.on ?? r.on };
	prepareLetter(letterInput(found, { sentOn: write.on, firstLetterDate, link: preview }));

	// 3. claim the letter: the first run records the event; a repeat (same key) or a concurrent run replays it
	const bemCase = await claimLetter(store, r.caseId, access, {
		type: EVENT[r.letter],
		on: write.on,
		actor: r.actor,
		data: {
			letter: r.letter,
			language: r.language ?? 'de',
			resumeUrl: r.resumeUrl || undefined,
			channel: r.channel,
			deliveredOn: r.deliveredOn,
			...(write.reissueOf ? { reissueOf: write.reissueOf } : {}),
		},
		idempotencyKey: write.key,
		context: r.context,
	});
	const replyDueOn = bemCase.replyDueOn as string;
	// a run that raced this one for the claim may have claimed it on another date: the letter states the
	// claim that stands, so every caller renders (and the one that archives, sends) the same letter
	const standing =
		(earlier && !reissue ? earlier : undefined) ??
		(await store.caseTimeline(r.caseId, access)).find((e) => e.idempotencyKey === write.key);
	const letterDate = standing?.on ?? write.on;

	// 4. the letter, composed once, with the case's deadline and a link for this letter (the claim's event;
	// a case's version is the seq of its last event), signed until after the deadline
	const letterSeq = standing?.seq ?? bemCase.version;
	const token = replyToken(
		{ caseId: r.caseId, letterSeq, validUntil: linkValidUntil(replyDueOn, r.linkGraceDays) },
		target.encryptionKey,
	);
	const rendered = await renderLetter(
		letterInput(bemCase, {
			sentOn: letterDate,
			firstLetterDate,
			replyDueOn,
			link: replyLink(r.replyFormUrl, token),
		}),
		{ pdf: r.pdf !== false },
	);

	// 5. the copy in the BEM file, once per claim (a re-issue archives under its claim's key): only the call
	// that archives it sends it. A racing call finds it archived and sends nothing; a run cut off between
	// claim and archive is completed by the next one (the Deadline Sweep finds it: letterUnsent).
	const archived = await store.archiveLetter(r.caseId, {
		kind: r.letter,
		on: letterDate,
		actor: r.actor,
		subject: rendered.subject,
		text: rendered.text,
		html: rendered.html,
		pdf: rendered.pdf,
		idempotencyKey: key,
		context: r.context,
	});
	return {
		caseId: r.caseId,
		reference: bemCase.reference,
		letter: r.letter,
		sent: archived.created,
		sentOn: letterDate,
		replyDueOn,
		rendered,
		case: bemCase,
	};
}

/**
 * Records the letter's claim. A run that raced another for the same letter may have read the trail before
 * the other's claim and so claims it with its own date or resume link: the key is the letter's, the
 * claim that stands is the other's, and this run goes on as a repeat (it sends nothing).
 */
async function claimLetter(
	store: BemStore,
	caseId: string,
	access: { actor: string; purpose: string; context?: CallContext },
	event: EventInput,
): Promise<BemCase> {
	try {
		return (await recordOrConfirm(store, caseId, event, access.purpose)).case;
	} catch (error) {
		if (!(error instanceof BemIdempotencyKeyReusedError)) throw error;
		const c = await store.getCase(caseId, access);
		if (!c) throw error;
		return c;
	}
}

/** The last day a reply link is accepted: the reply deadline plus the grace days. */
export function linkValidUntil(replyDueOn: string, graceDays = DEFAULT_LINK_GRACE_DAYS): string {
	return formatDay(parseDay(replyDueOn) + graceDays);
}

/**
 * The idempotency key that claims the letter: `${caseId}:${letter}`. A case the employee deferred is
 * invited again later (deferred -> invited); each later round gets its own key, `${caseId}:${letter}:${round}`,
 * so the re-invitation is not taken for a repeat of the first round.
 */
function claimKey(
	caseId: string,
	letter: LetterKind,
	trail: Pick<TimelineEvent, 'type'>[],
): string {
	const round = 1 + trail.filter((e) => e.type === 'reply_deferred').length;
	return round === 1 ? `${caseId}:${letter}` : `${caseId}:${letter}:${round}`;
}

/** The claim's event, or the latest re-issue of it (key `${claim key}#${day}`) when it was never sent. */
function standingLetter(trail: TimelineEvent[], key: string): TimelineEvent | undefined {
	const events = trail.filter(
		(e) => e.idempotencyKey === key || e.idempotencyKey?.startsWith(`${key}#`),
	);
	return events[events.length - 1];
}

/** The date of the latest first invitation before this claim (a deferred case may have been invited again). */
function lastInvitation(
	trail: TimelineEvent[],
	claim: TimelineEvent | undefined,
): string | undefined {
	const before = trail.filter((e) => e.type === 'invitation_sent' && (!claim || e.seq < claim.seq));
	return before.length > 0 ? before[before.length - 1].on : undefined;
}
