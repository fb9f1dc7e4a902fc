import type { IDataObject } from 'n8n-workflow';

import { GERMAN_STATES, isGermanState } from '../../../../core/calendar/holidays';
import { passOnProblem } from '../../../../core/privacy';
import { splitList } from '../../../shared/fields';
import { callContext } from '../../../shared/bemStore';
import {
	BemParamError,
	optionsCollection,
	businessDay,
	caseJson,
	dayProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { dayOf } from '../../../shared/dates';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('open');

/** What of an `employee` object passes through: identity for the letter, nothing else. */
export const EMPLOYEE_IDENTITY_KEYS = [
	'name',
	'firstName',
	'lastName',
	'salutation',
	'email',
	'address',
] as const;

/** The fields passed on; a name or value with health detail, or absence records, is refused before
 * the case is opened (core/privacy passOnProblem), naming the field and never its value. */
function passThrough(json: IDataObject, fields: string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) {
		const value = json[field];
		let passed = value;
		if (field === 'employee' && value && typeof value === 'object' && !Array.isArray(value)) {
			const identity: IDataObject = {};
			for (const key of EMPLOYEE_IDENTITY_KEYS)
				if ((value as IDataObject)[key] !== undefined) identity[key] = (value as IDataObject)[key];
			passed = identity;
		}
		const problem = passOnProblem(field, passed);
		if (problem) throw new BemParamError(`field "${field}": ${problem}`, field);
		if (field in json && value !== undefined) out[field] = passed;
	}
	return out;
}

export const open: BemCaseOperation = {
	properties: [
		{
			displayName: 'Employee ID',
			name: 'employeeId',
			type: 'string',
			default: '={{ $json.employeeId }}',
			required: true,
			displayOptions: show,
			description:
				'The employee the case is for. An employee with a case that is not closed gets that case back (Created: false).',
		},
		{
			displayName: 'Threshold Reached On',
			name: 'reachedOn',
			type: 'string',
			default: '={{ $json.reachedOn }}',
			required: true,
			displayOptions: show,
			description:
				'The day the six-week threshold was reached (the BEM Threshold node’s reachedOn)',
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '={{ $json.reason }}',
			required: true,
			displayOptions: show,
			description:
				'Why the threshold was reached: "continuous" or "cumulative" (the BEM Threshold node’s reason)',
		},
		dayProperty(
			'on',
			'Opened On',
			'Business date the case is opened (YYYY-MM-DD). Empty: today in Germany.',
			show,
		),
		optionsCollection(show, [
			{
				displayName: 'Holiday State (Bundesland)',
				name: 'holidayState',
				type: 'string',
				default: '',
				placeholder: '={{ $json.holidayState }}',
				description:
					"The employee's German state code (e.g. BY, NW): the case's deadlines roll past its public holidays. Empty: the BEM Store credential's state.",
			},
			{
				displayName: 'Pass Through Fields',
				name: 'passThroughFields',
				type: 'string',
				default: 'employee',
				description:
					'Input fields copied to the output, comma-separated. Of "employee" only the identity the letter needs passes (name, first and last name, salutation, e-mail, address).',
			},
		]),
	],
	async execute({ itemIndex, item, handle }) {
		const employeeId = textOf(this, itemIndex, 'employeeId');
		const reachedOn = dayOf(this.getNodeParameter('reachedOn', itemIndex, ''), 'reachedOn');
		const reason = textOf(this, itemIndex, 'reason');
		const on = businessDay(this, itemIndex);
		const fields = splitList(
			String(this.getNodeParameter('options.passThroughFields', itemIndex, 'employee') ?? ''),
		);
		const passed = passThrough(item.json, fields);
		const holidayState = String(
			this.getNodeParameter('options.holidayState', itemIndex, '') ?? '',
		).trim();
		if (holidayState && !isGermanState(holidayState))
			throw new BemParamError(
				`field "options.holidayState": must be a German state code (${Object.keys(GERMAN_STATES).join(', ')})`,
				'options.holidayState',
			);
		const { case: c, created } = await handle.store.openCase({
			employeeId,
			reachedOn,
			reason,
			...(holidayState ? { holidayState } : {}),
			on,
			actor: handle.principal,
			context: callContext(this),
		});
		return [{ ...caseJson(c), created, ...passed }];
	},
};
