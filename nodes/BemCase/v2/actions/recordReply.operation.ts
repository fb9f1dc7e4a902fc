import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { EventType } from '../../../../core/lifecycle/names';
import { replyRound, verifyReplyToken } from '../../../../core/replyLink';
import { BemStoreError, BemTransitionRefusedError } from '../../../../core/store';
import { BemParamError, businessDay, dayProperty } from '../../../shared/bemCaseParams';
import { callContext } from '../../../shared/bemStore';
import { dayOf } from '../../../shared/dates';
import { recordOrConfirm } from './recordEvent.operation';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('recordReply');

export const ANSWERS = ['accept', 'decline', 'later', 'info'] as const;
type Answer = (typeof ANSWERS)[number];
const EVENT_OF: Record<Answer, EventType> = {
	accept: 'reply_accepted',
	decline: 'reply_declined',
	later: 'reply_deferred',
	info: 'note_added',
};

/** The link's letter has its answer already: this submit changes nothing (the form says so). */
function answered(out: IDataObject): IDataObject {
	return Object.assign(out, { recorded: false, alreadyDone: true, alreadyAnswered: true });
}

export const recordReply: BemCaseOperation = {
	properties: [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.token }}',
			required: true,
			displayOptions: show,
			description:
				'The signed token of the reply link in the letter. A forged, altered or expired token records nothing (Valid: false).',
		},
		{
			displayName: 'Answer',
			name: 'answer',
			type: 'options',
			options: [
				{
					name: 'Accept',
					value: 'accept',
					description: 'Yes to the BEM offer: the case is accepted',
				},
				{ name: 'Decline', value: 'decline', description: 'No: the case closes as declined' },
				{
					name: 'Later',
					value: 'later',
					description: 'Not now: the case is deferred and re-invited on the follow-up day',
				},
				{
					name: 'More Information',
					value: 'info',
					description: 'Wants information first: recorded, the state stays',
				},
			],
			default: 'accept',
			displayOptions: show,
		},
		dayProperty(
			'on',
			'On',
			'Business date of the reply (YYYY-MM-DD), also the day the link must still be valid. Empty: today in Germany.',
			show,
		),
		dayProperty(
			'followUpOn',
			'Follow Up On',
			'For "Later": the day to invite again (YYYY-MM-DD). Empty: three months after the reply.',
			{ show: { operation: ['recordReply'], answer: ['later'] } },
		),
	],
	async execute({ itemIndex, handle }) {
		const answer = String(this.getNodeParameter('answer', itemIndex, '') ?? '').trim() as Answer;
		if (!ANSWERS.includes(answer))
			throw new BemParamError(`field "answer": must be one of ${ANSWERS.join(', ')}`, 'answer');
		const on = businessDay(this, itemIndex);
		const check = verifyReplyToken(
			this.getNodeParameter('token', itemIndex, ''),
			handle.encryptionKey,
			on,
		);
		if (!check.ok) return [{ valid: false, reason: check.reason, answer }];
		const caseId = check.claims.caseId;
		const actor = handle.principal;
		// one answer per letter: a link of an earlier letter, or one already answered, records nothing
		const trail = await handle.store
			.caseTimeline(caseId, {
				actor,
				purpose: 'BEM reply: which letter the reply link answers',
				context: callContext(this),
			})
			.catch((error: unknown) => {
				if (error instanceof BemStoreError && error.code === 'BEM_CASE_NOT_FOUND') return null;
				throw error;
			});
		if (!trail) return [{ valid: false, reason: 'unknown_case', answer }];
		const round = replyRound(trail, check.claims);
		if (!round.ok && round.reason === 'answered') {
			const { stateAfter } = trail[trail.length - 1];
			return [answered({ valid: true, caseId, state: stateAfter, answer })];
		}
		if (!round.ok) return [{ valid: false, reason: round.reason, answer }];
		const data: IDataObject = {};
		if (answer === 'later') {
			data.followUpOn = dayOf(
				this.getNodeParameter('followUpOn', itemIndex, ''),
				'followUpOn',
				DateTime.fromISO(on).plus({ months: 3 }).toISODate() as string,
			);
		}
		if (answer === 'info') data.reply = 'info';
		const event = {
			type: EVENT_OF[answer],
			on,
			actor,
			data: Object.keys(data).length ? data : undefined,
			idempotencyKey: round.idempotencyKey,
		};
		const outcome = await recordOrConfirm(this, handle, caseId, event).then(
			(done) => done,
			(error: unknown) => ({ error }),
		);
		if ('error' in outcome) {
			const { error } = outcome;
			// the link is genuine but the case has moved on (e.g. closed): the reply changes nothing
			if (error instanceof BemTransitionRefusedError) {
				return [
					{
						valid: true,
						caseId,
						state: error.state,
						answer,
						recorded: false,
						refused: true,
						allowed: [...error.allowed],
					},
				];
			}
			if (error instanceof BemStoreError && error.code === 'BEM_CASE_NOT_FOUND')
				return [{ valid: false, reason: 'unknown_case', answer }];
			throw error;
		}
		const { case: c, recorded } = outcome;
		const out: IDataObject = { valid: true, caseId, state: c.state, answer, recorded };
		// a racing submit of the same link answered first: this one changed nothing
		if (!recorded) answered(out);
		// only here, and only the link the BEM file recorded with the letter: the waiting cycle to wake
		else if (round.resumeUrl) out.resumeUrl = round.resumeUrl;
		if (c.replyDueOn) out.replyDueOn = c.replyDueOn;
		if (c.followUpOn) out.followUpOn = c.followUpOn;
		return [out];
	},
};
