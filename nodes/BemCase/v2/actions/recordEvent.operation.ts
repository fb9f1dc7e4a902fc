import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { EVENT_TYPES, type EventType } from '../../../../core/lifecycle/names';
import { recordStepOnce } from '../../../../core/process';
import type { BemCase } from '../../../../core/store';
import type { BemStoreHandle } from '../../../shared/bemStore';
import { callContext } from '../../../shared/bemStore';
import {
	BemParamError,
	businessDay,
	caseIdProperty,
	caseJson,
	dayProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('recordEvent');

const EVENT_LABELS: Record<string, { name: string; description: string }> = {
	invitation_sent: {
		name: 'Invitation Sent',
		description: 'open → invited (or deferred → invited); the reply deadline starts',
	},
	second_invitation_sent: {
		name: 'Second Invitation Sent',
		description: 'invited → reinvited, only after the first reply deadline',
	},
	reply_accepted: { name: 'Reply: Accepted', description: 'invited/reinvited → accepted' },
	reply_declined: { name: 'Reply: Declined', description: 'invited/reinvited → closed (declined)' },
	reply_deferred: {
		name: 'Reply: Later',
		description: 'invited/reinvited → deferred; needs data.followUpOn',
	},
	reply_deadline_passed: {
		name: 'Reply Deadline Passed',
		description: 'reinvited → closed (no reply), only after the second deadline',
	},
	consent_given: {
		name: 'Written Consent Given',
		description:
			'Records the written, revocable consent; needed before the first talk. data.scopes: bem and data_processing; data.participants: the participant types it names',
	},
	consent_withdrawn: {
		name: 'Consent Withdrawn',
		description:
			'Ends the consent for data.participants (absent: all) and revokes their case roles at once; the state stays',
	},
	first_talk_held: {
		name: 'First Talk Held',
		description: 'accepted → in progress, only after the consent',
	},
	case_conference_held: {
		name: 'Case Conference Held',
		description: 'Records a fact; the state stays',
	},
	measure_planned: {
		name: 'Measure Planned',
		description:
			'Records a measure of the plan: data.measureId, data.code (catalogue), data.owner, data.dueOn',
	},
	measure_started: {
		name: 'Measure Started',
		description: 'Records that work on the planned measure data.measureId began',
	},
	measure_implemented: {
		name: 'Measure Implemented',
		description:
			'data.measureId implemented; the last open measure moves in progress → review and the reviews fall due',
	},
	measure_dropped: {
		name: 'Measure Dropped',
		description: 'data.measureId given up (data.reason, encrypted); it no longer counts open',
	},
	review_held: {
		name: 'Review Held',
		description:
			'Needs data.effective (true/false); the second effective review closes the case (completed)',
	},
	statement_period_started: {
		name: 'Statement Period Started',
		description: 'Records a fact; 14 days later the case may close without a suitable measure',
	},
	case_closed: {
		name: 'Case Closed (No Suitable Measure)',
		description: 'in progress → closed; needs data.outcome "no_suitable_measure"',
	},
	withdrawn: {
		name: 'Withdrawn by the Employee',
		description: 'Any open state → closed (withdrawn)',
	},
	employment_ended: {
		name: 'Employment Ended',
		description: 'Any open state → closed (employment ended)',
	},
	note_added: { name: 'Note Added', description: 'Records a note (encrypted); the state stays' },
};

export const EVENT_OPTIONS = EVENT_TYPES.filter((t) => t !== 'case_opened')
	.map((value) => ({ value, ...(EVENT_LABELS[value] ?? { name: value, description: value }) }))
	.sort((a, b) => a.name.localeCompare(b.name));

const NOT_JSON = Symbol('not JSON');
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** The event's data: a JSON object (text or object); structured fields plain, note/description/minutes… encrypted. */
export function eventDataOf(value: unknown): Record<string, unknown> | undefined {
	let data = value;
	if (typeof data === 'string') {
		if (data.trim() === '') return undefined;
		data = parseJson(data);
		if (data === NOT_JSON) throw new BemParamError('field "data": is not valid JSON', 'data');
	}
	if (data === undefined || data === null) return undefined;
	if (typeof data !== 'object' || Array.isArray(data))
		throw new BemParamError('field "data": must be a JSON object like {"effective": true}', 'data');
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(data as IDataObject))
		if (v !== undefined && v !== null && v !== '') out[k] = v;
	return Object.keys(out).length ? out : undefined;
}

/** Records the event once (core/process recordStepOnce): a concurrent run's identical move is not an
 * error, and `recorded` says whether this execution wrote it. */
export function recordOrConfirm(
	ctx: IExecuteFunctions,
	handle: BemStoreHandle,
	caseId: string,
	event: {
		type: EventType;
		on: string;
		actor: string;
		data?: Record<string, unknown>;
		idempotencyKey?: string;
	},
): Promise<{ case: BemCase; recorded: boolean }> {
	return recordStepOnce(handle.store, caseId, { ...event, context: callContext(ctx) });
}

export const recordEvent: BemCaseOperation = {
	properties: [
		caseIdProperty(show),
		{
			displayName: 'Event',
			name: 'eventType',
			type: 'options',
			options: EVENT_OPTIONS,
			default: 'invitation_sent',
			displayOptions: show,
			description:
				'What happened. Moves the lifecycle does not allow are refused and change nothing.',
		},
		dayProperty(
			'on',
			'On',
			'Business date of the event (YYYY-MM-DD). Empty: today in Germany.',
			show,
		),
		{
			displayName: 'Data (JSON)',
			name: 'data',
			type: 'json',
			default: '{}',
			displayOptions: show,
			description:
				'Structured fields of the event, e.g. {"followUpOn": "2027-02-01"}, {"effective": true}, {"outcome": "no_suitable_measure"}, {"measureId": "M1"}. Free text goes into "note" (encrypted, never in the output). Never diagnoses.',
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			displayOptions: show,
			description:
				'Optional: the same key again records nothing and returns the case (Recorded: false), e.g. the case ID plus ":no_reply"',
		},
	],
	async execute({ itemIndex, handle }) {
		const caseId = textOf(this, itemIndex, 'caseId');
		const type = textOf(this, itemIndex, 'eventType') as EventType;
		const idempotencyKey =
			String(this.getNodeParameter('idempotencyKey', itemIndex, '') ?? '').trim() || undefined;
		const data = eventDataOf(this.getNodeParameter('data', itemIndex, '{}'));
		const event = {
			type,
			on: businessDay(this, itemIndex),
			actor: handle.principal,
			data,
			idempotencyKey,
		};
		const { case: c, recorded } = await recordOrConfirm(this, handle, caseId, event);
		return [
			recorded
				? { ...caseJson(c), recorded: true }
				: { ...caseJson(c), recorded: false, alreadyDone: true },
		];
	},
};
