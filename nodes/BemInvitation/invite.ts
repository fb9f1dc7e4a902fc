import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { formatDay, parseDay } from '../../core/calendar/days';
import {
	assertPdfPrintable,
	composeLetter,
	renderLetter,
	type Language,
	type LetterKind,
} from '../../core/letters';
import { checkResumeUrl, createReplyToken, replyLink } from '../../core/replyLink';
import {
	BemTransitionRefusedError,
	type Access,
	type AuditEvent,
	type BemCase,
	type BemStore,
} from '../../core/store';
import { BemParamError } from '../shared/bemCaseParams';
import { callContext, getBemStore } from '../shared/bemStore';
import { DEFAULT_LINK_GRACE_DAYS } from './description';
import {
	jsonObject,
	letterInput,
	linkValidUntil,
	readDate,
	readEmployee,
	readUrl,
	type InvitationParams,
} from './letterInput';

// One item through the BEM Invitation node: check the input, read the case, claim the letter in the
// BEM file, render it with the case's deadline and a signed reply link, archive the copy once.

const EVENT = { first: 'invitation_sent', second: 'second_invitation_sent' } as const;

function readParams(ctx: IExecuteFunctions, i: number): InvitationParams {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const letter = ctx.getNodeParameter('letter', i) as LetterKind;
	if (letter !== 'first' && letter !== 'second')
		throw new BemParamError("letter must be 'first' or 'second'", 'letter');
	const language = ctx.getNodeParameter('language', i, 'de') as Language;
	if (language !== 'de' && language !== 'en')
		throw new BemParamError("language must be 'de' or 'en'", 'language');
	const caseId = String(ctx.getNodeParameter('caseId', i, '') ?? '').trim();
	if (!caseId)
		throw new BemParamError('caseId is required (the BEM case from the BEM Case node)', 'caseId');
	const { employee, to } = readEmployee(
		jsonObject(ctx.getNodeParameter('employee', i), 'employee') as IDataObject,
	);
	const company = jsonObject(ctx.getNodeParameter('company', i), 'company') as IDataObject;
	const template = jsonObject(options.template, 'options.template', true);
	const binaryPropertyName = String(options.binaryPropertyName ?? 'letter').trim();
	if (!binaryPropertyName)
		throw new BemParamError(
			'options.binaryPropertyName must name a binary field',
			'options.binaryPropertyName',
		);
	const linkGraceDays = Number(options.linkGraceDays ?? DEFAULT_LINK_GRACE_DAYS);
	if (!Number.isInteger(linkGraceDays) || linkGraceDays < 0 || linkGraceDays > 365)
		throw new BemParamError(
			'options.linkGraceDays must be whole days from 0 to 365',
			'options.linkGraceDays',
		);
	const resumeUrl = String(options.resumeUrl ?? '').trim();
	const resume = resumeUrl ? checkResumeUrl(resumeUrl) : { ok: true as const };
	if (!resume.ok)
		throw new BemParamError(`options.resumeUrl ${resume.problem}`, 'options.resumeUrl');
	return {
		letter,
		caseId,
		on: readDate(ctx.getNodeParameter('on', i, ''), 'on'),
		language,
		employee,
		to,
		company,
		replyFormUrl: readUrl(ctx.getNodeParameter('replyFormUrl', i, ''), 'replyFormUrl'),
		resumeUrl,
		template: template && Object.keys(template).length > 0 ? template : undefined,
		pdf: options.pdf !== false,
		binaryPropertyName,
		linkGraceDays,
		actor: String(options.actor ?? 'n8n').trim() || 'n8n',
	};
}

export async function invite(ctx: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const p = readParams(ctx, i);
	const { store, encryptionKey, config, retentionYears } = await getBemStore(ctx, i);
	const facts = { state: config.state ?? 'DE', retentionYears };
	const preview = (
		c: Pick<BemCase, 'reachedOn' | 'reason'>,
		sentOn: string,
		firstLetterDate?: string,
	) =>
		letterInput(p, facts, c, {
			sentOn,
			firstLetterDate,
			replyLink: replyLink(p.replyFormUrl, 'preview'),
		});

	// 1. the employee, company and template, checked before the BEM file is touched
	const firstDay = formatDay(parseDay(p.on) - 1);
	const checked = preview(
		{ reachedOn: p.on, reason: 'cumulative' },
		p.on,
		p.letter === 'second' ? firstDay : undefined,
	);
	composeLetter(checked);
	if (p.pdf) assertPdfPrintable(checked);

	// 2. the case and its trail (logged reads): reachedOn and reason, the first letter's date, an earlier claim
	const context = callContext(ctx);
	const access = { actor: p.actor, purpose: `BEM invitation: ${p.letter} letter`, context };
	const found = await store.getCase(p.caseId, access);
	if (!found)
		throw new BemParamError(
			`No BEM case ${p.caseId} (never opened, or purged after retention)`,
			'caseId',
		);
	const trail = await store.auditTrail(p.caseId, access);
	const key = claimKey(p.caseId, p.letter, trail);
	const claim = trail.find((e) => e.idempotencyKey === key);
	// a repeat renders the claimed letter again: same date, same deadline, same bytes
	const sentOn = claim?.on ?? p.on;
	const firstLetterDate = p.letter === 'second' ? lastInvitation(trail, claim) : undefined;
	if (p.letter === 'second' && !firstLetterDate) {
		throw new BemParamError(
			`case ${p.caseId} has no first invitation on record; send the first letter before the second`,
			'letter',
		);
	}
	composeLetter(preview(found, sentOn, firstLetterDate));

	// 3. claim the letter: the first run records the event; a repeat (same key) or a concurrent run replays it
	const recorded = await store
		.recordEvent(p.caseId, {
			type: EVENT[p.letter],
			on: sentOn,
			actor: p.actor,
			data: { letter: p.letter, language: p.language, resumeUrl: p.resumeUrl || undefined },
			idempotencyKey: key,
			context,
		})
		.then(
			(c): { case: BemCase } | { refused: unknown } => ({ case: c }),
			(error: unknown) => ({ refused: error }),
		);
	let bemCase: BemCase;
	// the letter the reply link answers: the claim's event (a case's version is the seq of its last event)
	let letterSeq: number;
	if ('case' in recorded) {
		bemCase = recorded.case;
		letterSeq = bemCase.version;
	} else if (
		recorded.refused instanceof BemTransitionRefusedError &&
		recorded.refused.alreadyDone
	) {
		// a concurrent run made this very move; the archive below decides who sends
		bemCase = (await store.getCase(p.caseId, access)) as BemCase;
		letterSeq = await claimedSeq(store, p.caseId, key, access);
	} else throw recorded.refused as Error;
	const replyDueOn = bemCase.replyDueOn as string;

	// 4. the letter, with the case's deadline and a link for this letter, signed until after the deadline
	const token = createReplyToken(
		{ caseId: p.caseId, letterSeq, validUntil: linkValidUntil(replyDueOn, p.linkGraceDays) },
		encryptionKey,
	);
	const rendered = await renderLetter(
		letterInput(p, facts, bemCase, {
			sentOn,
			firstLetterDate,
			replyDueOn,
			replyLink: replyLink(p.replyFormUrl, token),
		}),
		{ pdf: p.pdf },
	);

	// 5. the copy in the BEM file, once per key: only the run that archives it sends it. A racing run finds
	// it archived and sends nothing; a run cut off between claim and archive is completed by the next one.
	const archived = await store.archiveLetter(p.caseId, {
		kind: p.letter,
		on: sentOn,
		actor: p.actor,
		subject: rendered.subject,
		text: rendered.text,
		html: rendered.html,
		pdf: rendered.pdf,
		idempotencyKey: key,
		context,
	});
	const sent = archived.created;

	const item: INodeExecutionData = {
		json: {
			caseId: p.caseId,
			letter: p.letter,
			subject: rendered.subject,
			text: rendered.text,
			html: rendered.html,
			sentOn,
			replyDueOn,
			to: p.to,
			sent,
		},
		pairedItem: { item: i },
	};
	if (rendered.pdf) {
		const binary = await ctx.helpers.prepareBinaryData(
			rendered.pdf,
			`bem-${p.letter}-invitation-${p.caseId}.pdf`,
			'application/pdf',
		);
		item.binary = { [p.binaryPropertyName]: binary };
	}
	return item;
}

/**
 * The idempotency key that claims the letter: `${caseId}:${letter}`. A case the employee deferred is
 * invited again later (deferred -> invited); each later round gets its own key, `${caseId}:${letter}:${round}`,
 * so the re-invitation is not taken for a repeat of the first round.
 */
function claimKey(caseId: string, letter: LetterKind, trail: Pick<AuditEvent, 'type'>[]): string {
	const round = 1 + trail.filter((e) => e.type === 'reply_deferred').length;
	return round === 1 ? `${caseId}:${letter}` : `${caseId}:${letter}:${round}`;
}

/** The seq of the letter event a racing run claimed. */
async function claimedSeq(
	store: BemStore,
	caseId: string,
	key: string,
	access: Access,
): Promise<number> {
	const claim = (await store.auditTrail(caseId, access)).find((e) => e.idempotencyKey === key);
	if (!claim) throw new Error(`case ${caseId}: the letter claim ${key} is not in the trail`);
	return claim.seq;
}

/** The date of the latest first invitation before this claim (a deferred case may have been invited again). */
function lastInvitation(trail: AuditEvent[], claim: AuditEvent | undefined): string | undefined {
	const before = trail.filter((e) => e.type === 'invitation_sent' && (!claim || e.seq < claim.seq));
	return before.length > 0 ? before[before.length - 1].on : undefined;
}
