import type { INodeProperties } from 'n8n-workflow';

import {
	accessOf,
	businessDay,
	dayProperty,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { BemParamError } from '../../../shared/paramError';
import { showFor, type BemCaseOperation } from './types';

// The owner directory the BEM officer keeps (case-file.md "Measures"): who measures are given to, with
// a display name and an e-mail address so reminders reach them. Contact data only, no case content.

const setShow = showFor('setMeasureOwner');
const principalShow = showFor('setMeasureOwner', 'removeMeasureOwner');

/** a plain address check here, so a typo is named at its field before the store is asked */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const properties: INodeProperties[] = [
	{
		displayName: 'Owner Principal',
		name: 'ownerPrincipal',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'team-lead-logistics',
		description: 'The principal measures name as their owner',
		displayOptions: principalShow,
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Erika Muster',
		displayOptions: setShow,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'Where the reminders of overdue measures go',
		displayOptions: setShow,
	},
	dayProperty(
		'on',
		'On',
		'Date of the change (YYYY-MM-DD). Empty: today in Germany.',
		principalShow,
	),
];

export const setMeasureOwner: BemCaseOperation = {
	properties,
	async execute({ itemIndex, handle }) {
		const email = textOf(this, itemIndex, 'email');
		if (!EMAIL.test(email))
			throw new BemParamError('field "email" must be an e-mail address', 'email');
		const owner = await handle.store.setOwner({
			principal: textOf(this, itemIndex, 'ownerPrincipal'),
			displayName: textOf(this, itemIndex, 'displayName'),
			email,
			by: handle.principal,
			on: businessDay(this, itemIndex),
		});
		return [{ ...owner }];
	},
};

export const removeMeasureOwner: BemCaseOperation = {
	properties: [],
	async execute({ itemIndex, handle }) {
		const principal = textOf(this, itemIndex, 'ownerPrincipal');
		const { removed } = await handle.store.removeOwner({
			principal,
			by: handle.principal,
			on: businessDay(this, itemIndex),
		});
		return [{ principal, removed }];
	},
};

export const listMeasureOwners: BemCaseOperation = {
	properties: [purposeProperty('measure owners', showFor('listMeasureOwners'))],
	async execute({ itemIndex, handle }) {
		const list = await handle.store.owners({}, accessOf(this, itemIndex, handle));
		return list.map((o) => ({ ...o }));
	},
};
