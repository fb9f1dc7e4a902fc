// How every node words an item's error: the message, its hint, the Continue On Fail item and, for an
// HRIS call that failed, the HTTP status the editor shows (NodeApiError). Only the error's own text is
// shown; core and the nodes word errors by field and type, never by value, so no input value and no
// health detail reaches a message.
import type { IDataObject } from 'n8n-workflow';

import { HrisHttpError, type HrisFailure } from '../../core/hris/http';
import { SapCredentialError } from '../../core/hris/sap';
import { LetterInputError, LetterTemplateError } from '../../core/letters';
import { HealthDetailError } from '../../core/privacy';
import { BemAccessDeniedError, BemStoreError, BemTransitionRefusedError } from '../../core/store';
import { ThresholdInputError, ThresholdOptionsError } from '../../core/threshold/errors';
import { BemStoreCredentialError } from './bemStore';
import { BemParamError, ItemFieldError } from './paramError';

export type BemNodeName = 'BEM Case' | 'BEM Case Router' | 'BEM Invitation' | 'BEM Cockpit';
export type HrisNodeName = 'Personio' | 'SAP HCM' | 'SAP SuccessFactors';
export type NodeName = BemNodeName | HrisNodeName | 'BEM Threshold';

export interface DescribedError {
	message: string;
	description?: string;
	/** the Continue On Fail item */
	json: IDataObject;
	/** an HRIS call that failed: the node raises a NodeApiError, with the HTTP status ('404') if one came */
	api?: { httpCode?: string };
}

const HINT = {
	refused: 'Nothing was written. The case’s state allows only the moves listed.',
	notWritten: 'Nothing was written for this item.',
	letterRefused: 'The case is not in a state where this letter can be sent; nothing was written.',
	template:
		'Fix the template override; every invitation must keep the mandatory elements. Nothing was written.',
	letterInput: 'Fix the input or the parameter; nothing was sent or archived for this item.',
	threshold:
		'Fix the record in the HR system or the field mapping; nothing was evaluated for this employee.',
	denied:
		'The BEM Store credential’s principal lacks that role. Use a credential whose principal holds it, or have a BEM officer grant it (BEM Case → Grant Role). Nothing was changed; the refusal is in the access log.',
};

const HRIS_HINT: Record<HrisNodeName, string> = {
	Personio:
		'Nothing was read for this item. Check the credential, its scopes and Personio’s status, then run again.',
	'SAP HCM':
		'Nothing was read for this item. Check the SAP HCM service URL, SAP client, user authorizations and field mapping, then run again.',
	'SAP SuccessFactors':
		'Nothing was read for this item. Check the credential, the API user’s permissions and SAP SuccessFactors’ status, then run again.',
};

/** Where the generic hint (credential, scopes) would send HR the wrong way: what to check instead. */
const REASON_HINT: Partial<Record<HrisFailure, (vendor: HrisNodeName) => string>> = {
	timeout: (v) =>
		`${v} sent no complete answer within the deadline of one call (connect, headers and body), also on the retries. Nothing was read for this item. Check ${v}’s status and the network between n8n and ${v}, then run again.`,
	network: (v) =>
		`${v} could not be reached. Nothing was read for this item. Check the URL in the credential and the network between n8n and ${v}, then run again.`,
	rate_limited: (v) =>
		`${v} kept limiting the rate of calls (429). Nothing was read for this item. Run again later, or read fewer employees per run.`,
};

const isHris = (node: NodeName): node is HrisNodeName => node in HRIS_HINT;

interface Said {
	/** the message after "Item n: " */
	text: string;
	description?: string;
	/** the Continue On Fail item besides `error` */
	json: IDataObject;
}

export function describeError(error: unknown, itemIndex: number, node: NodeName): DescribedError {
	// the HRIS nodes' messages are the call's or the parameter's own (the error carries the item index)
	if (isHris(node)) {
		if (!isThresholdError(error)) return hrisError(error, node);
		// the BEM Threshold Results output counts inside the HRIS node: its errors read as the threshold's
		const { text, description, json } = thresholdSay(error);
		const message = `${node}: ${text}`;
		return { message, description, json: { error: message, ...json } };
	}
	const { text, description, json } =
		node === 'BEM Threshold' ? thresholdSay(error) : say(error, node);
	const message = `Item ${itemIndex}: ${text}`;
	return { message, description, json: { error: message, ...json } };
}

function hrisError(error: unknown, node: HrisNodeName): DescribedError {
	if (error instanceof HrisHttpError) {
		return {
			message: error.message,
			description: REASON_HINT[error.reason]?.(node) ?? HRIS_HINT[node],
			json: { error: error.message },
			api: error.status === null ? {} : { httpCode: String(error.status) },
		};
	}
	const known = error instanceof BemParamError || error instanceof SapCredentialError;
	const message = known ? error.message : `${node}: ${(error as Error)?.message ?? String(error)}`;
	return { message, json: { error: message } };
}

function isThresholdError(error: unknown): boolean {
	return (
		error instanceof ItemFieldError ||
		error instanceof ThresholdInputError ||
		error instanceof ThresholdOptionsError
	);
}

function thresholdSay(error: unknown): Said {
	const e = error as Error;
	let text = e?.message ?? String(error);
	let details: IDataObject = {};
	if (error instanceof ItemFieldError) {
		text =
			(error.employeeId === undefined ? '' : `Employee ${JSON.stringify(error.employeeId)}, `) +
			(error.recordIndex === undefined ? '' : `absence #${error.recordIndex}, `) +
			`field "${error.field}": ${error.message}`;
	}
	if (error instanceof ThresholdInputError || error instanceof ItemFieldError) {
		details = { field: error.field };
		if (error.employeeId !== undefined) details.employeeId = error.employeeId;
		if (error.recordIndex !== undefined) details.recordIndex = error.recordIndex;
	} else if (error instanceof ThresholdOptionsError) details = { option: error.field };
	return { text, description: HINT.threshold, json: { details } };
}

function say(error: unknown, node: BemNodeName): Said {
	// the Invitation names the field before the message and puts its facts under `details`; the Case nodes'
	// messages name their field themselves and their items carry the facts at the top
	const letter = node === 'BEM Invitation';
	if (error instanceof LetterTemplateError) {
		return {
			text: `field "options.template": ${error.message}`,
			description: HINT.template,
			json: { details: { field: 'options.template', problems: error.problems } },
		};
	}
	if (error instanceof LetterInputError || error instanceof HealthDetailError) {
		// the letter's own field names: employee.* and company.* are the node's parameters; template.* is the option
		const shown = error.field.startsWith('template') ? `options.${error.field}` : error.field;
		return {
			text: `field "${shown}": ${error.message}`,
			description: HINT.letterInput,
			json: { details: error.field ? { field: error.field } : {} },
		};
	}
	if (error instanceof BemAccessDeniedError) {
		const facts: IDataObject = {
			code: error.code,
			...(error.caseId ? { caseId: error.caseId } : {}),
			neededRoles: [...error.needed],
		};
		return {
			text: error.message,
			description: HINT.denied,
			json: letter ? { details: facts } : facts,
		};
	}
	if (error instanceof BemTransitionRefusedError) {
		return letter
			? {
					text: error.message,
					description: HINT.letterRefused,
					json: { details: { code: error.code } },
				}
			: {
					text: error.message,
					description: HINT.refused,
					json: { caseId: error.caseId, state: error.state, allowed: [...error.allowed] },
				};
	}
	if (
		error instanceof BemParamError ||
		error instanceof BemStoreError ||
		error instanceof BemStoreCredentialError
	) {
		// a credential message names its field already
		const field = letter && error instanceof BemStoreCredentialError ? undefined : error.field;
		const facts: IDataObject = {
			...(field ? { field } : {}),
			...(error instanceof BemStoreError ? { code: error.code } : {}),
		};
		return letter
			? {
					text: field ? `field "${field}": ${error.message}` : error.message,
					description: HINT.letterInput,
					json: { details: facts },
				}
			: { text: error.message, description: HINT.notWritten, json: facts };
	}
	const text = (error as Error)?.message ?? String(error);
	return letter
		? { text, description: HINT.letterInput, json: { details: {} } }
		: { text: `${node}: ${text}`, json: {} };
}
