// How the BEM store nodes word an item's error: the message (prefixed with the item), its hint, and the
// Continue On Fail item. Only the error's own text is shown; core and the nodes word errors by field,
// never by value, so no health detail reaches a message.
import type { IDataObject } from 'n8n-workflow';

import { LetterInputError, LetterTemplateError } from '../../core/letters';
import { HealthDetailError } from '../../core/privacy';
import { BemStoreError, BemTransitionRefusedError } from '../../core/store';
import { BemParamError } from './bemCaseParams';
import { BemStoreCredentialError } from './bemStore';

export type BemNodeName = 'BEM Case' | 'BEM Case Router' | 'BEM Invitation';

export interface DescribedError {
	message: string;
	description?: string;
	/** the Continue On Fail item */
	json: IDataObject;
}

const HINT = {
	refused: 'Nothing was written. The case’s state allows only the moves listed.',
	notWritten: 'Nothing was written for this item.',
	letterRefused: 'The case is not in a state where this letter can be sent; nothing was written.',
	template:
		'Fix the template override; every invitation must keep the mandatory elements. Nothing was written.',
	letterInput: 'Fix the input or the parameter; nothing was sent or archived for this item.',
};

interface Said {
	/** the message after "Item n: " */
	text: string;
	description?: string;
	/** the Continue On Fail item besides `error` */
	json: IDataObject;
}

export function describeError(
	error: unknown,
	itemIndex: number,
	node: BemNodeName,
): DescribedError {
	const { text, description, json } = say(error, node);
	const message = `Item ${itemIndex}: ${text}`;
	return { message, description, json: { error: message, ...json } };
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
