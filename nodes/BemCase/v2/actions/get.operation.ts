import type { IDataObject } from 'n8n-workflow';

import { FREE_TEXT_KEYS, type AuditEvent } from '../../../../core/store';
import {
	accessOf,
	optionsCollection,
	caseIdProperty,
	caseJson,
	getCaseOrFail,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('get');
const FREE_TEXT = new Set<string>(FREE_TEXT_KEYS);

/** An audit event as item JSON; free text (note, minutes, …) only when revealed, else just its field names. */
export function eventJson(e: AuditEvent, revealFreeText: boolean): IDataObject {
	const data: IDataObject = {};
	const hidden: string[] = [];
	for (const [key, value] of Object.entries(e.data)) {
		if (FREE_TEXT.has(key) && !revealFreeText) hidden.push(key);
		else data[key] = value as IDataObject[string];
	}
	const json: IDataObject = {
		seq: e.seq,
		type: e.type,
		on: e.on,
		actor: e.actor,
		recordedAt: e.recordedAt,
		stateAfter: e.stateAfter,
		data,
	};
	if (hidden.length) json.freeTextHidden = hidden;
	return json;
}

export const get: BemCaseOperation = {
	properties: [
		caseIdProperty(show),
		purposeProperty('BEM case handling', show),
		optionsCollection(show, [
			{
				displayName: 'Include Events',
				name: 'includeEvents',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the case’s audit trail (event types, dates, structured fields)',
			},
			{
				displayName: 'Include Letters',
				name: 'includeLetters',
				type: 'boolean',
				default: false,
				description: 'Whether to add the archived letters’ kind, date and subject (not their text)',
			},
			{
				displayName: 'Reveal Free Text',
				name: 'revealFreeText',
				type: 'boolean',
				default: false,
				description:
					'Whether to put notes, minutes and descriptions into the output. They then land in n8n’s execution data; leave off unless a person needs to read them here.',
			},
		]),
	],
	async execute({ itemIndex, handle }) {
		const caseId = textOf(this, itemIndex, 'caseId');
		const access = accessOf(this, itemIndex, handle);
		const options = this.getNodeParameter('options', itemIndex, {}) as {
			includeEvents?: boolean;
			includeLetters?: boolean;
			revealFreeText?: boolean;
		};
		const c = await getCaseOrFail(handle, caseId, access);
		const json: IDataObject = caseJson(c);
		if (options.includeEvents)
			json.events = (await handle.store.auditTrail(caseId, access)).map((e) =>
				eventJson(e, options.revealFreeText === true),
			);
		if (options.includeLetters) {
			json.letters = (await handle.store.letters(caseId, access)).map((l) => ({
				id: l.id,
				kind: l.kind,
				on: l.on,
				subject: l.subject,
				recordedAt: l.recordedAt,
			}));
		}
		return [json];
	},
};
