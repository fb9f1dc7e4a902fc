// Parameters and output shared by the BEM Case and BEM Case Router nodes: the business date, why the
// file is read (every read is logged with it and the credential's principal), and a case as item JSON (ids, states and dates only).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { todayInBerlin } from '../../core/calendar/today';
import type { Access, BemCase } from '../../core/store';
import type { BemStoreHandle } from './bemStore';
import { callContext } from './bemStore';
import { dayOf } from './dates';
import { BemParamError } from './paramError';

// the bad-input error of every node, here too for the BEM store nodes' operations
export { BemParamError };

export function purposeProperty(
	defaultPurpose: string,
	show?: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Purpose',
		name: 'purpose',
		type: 'string',
		default: defaultPurpose,
		required: true,
		description:
			'Why the BEM file is read; every read is logged with who, when, which workflow and execution, and this purpose',
		...(show ? { displayOptions: show } : {}),
	};
}

/** An "Options" collection shown for one operation. */
export function optionsCollection(
	show: INodeProperties['displayOptions'],
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options,
	};
}

export function dayProperty(
	name: string,
	displayName: string,
	description: string,
	show?: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: '2026-11-22',
		description,
		...(show ? { displayOptions: show } : {}),
	};
}

export function caseIdProperty(show?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '={{ $json.caseId }}',
		required: true,
		description: 'ID of the BEM case',
		...(show ? { displayOptions: show } : {}),
	};
}

/** The `on` parameter: the business date, today in Europe/Berlin when empty. */
export function businessDay(ctx: IExecuteFunctions, itemIndex: number, name = 'on'): string {
	return dayOf(ctx.getNodeParameter(name, itemIndex, ''), name, todayInBerlin());
}

/** An optional date filter: undefined when empty. */
export function optionalDay(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
): string | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '');
	return value === '' || value === null || value === undefined ? undefined : dayOf(value, name);
}

/** A required text parameter, trimmed. */
export function textOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	fallback = '',
): string {
	const value = ctx.getNodeParameter(name, itemIndex, fallback);
	const text =
		value === undefined || value === null
			? ''
			: typeof value === 'object'
				? ''
				: String(value).trim();
	if (text === '') throw new BemParamError(`field "${name}" is empty`, name);
	return text;
}

/**
 * Who reads and why, with the workflow and execution: what every logged read carries. The actor is the
 * credential's principal (case-file.md): n8n's credential sharing decides who may act as it.
 */
export function accessOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	handle: BemStoreHandle,
): Access {
	return {
		actor: handle.principal,
		purpose: textOf(ctx, itemIndex, 'purpose'),
		context: callContext(ctx),
	};
}

export function notFound(caseId: string): BemParamError {
	return new BemParamError(
		`field "caseId": no BEM case ${caseId} (never opened, or purged after retention)`,
		'caseId',
	);
}

/** The case (a logged read), or an error naming the caseId field. */
export async function getCaseOrFail(
	handle: BemStoreHandle,
	caseId: string,
	access: Access,
): Promise<BemCase> {
	const c = await handle.store.getCase(caseId, access);
	if (!c) throw notFound(caseId);
	return c;
}

/** A case as item JSON: ids, states and dates, never notes. */
export function caseJson(c: BemCase): IDataObject {
	return {
		caseId: c.id,
		reference: c.reference,
		employeeId: c.employeeId,
		state: c.state,
		outcome: c.outcome,
		reachedOn: c.reachedOn,
		reason: c.reason,
		openedOn: c.openedOn,
		replyDueOn: c.replyDueOn,
		reviewDueOn: c.reviewDueOn,
		closedOn: c.closedOn,
		followUpOn: c.followUpOn,
		version: c.version,
		...(c.holidayState ? { holidayState: c.holidayState } : {}),
	};
}
