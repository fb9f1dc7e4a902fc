import { STATES, type State } from '../../../../core/lifecycle/names';
import type { CaseQuery } from '../../../../core/store';
import {
	accessOf,
	BemParamError,
	caseJson,
	dayProperty,
	optionalDay,
	purposeProperty,
} from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('find');

const STATE_LABELS: Record<State, string> = {
	open: 'Open (to Invite)',
	invited: 'Invited',
	reinvited: 'Invited Again',
	deferred: 'Deferred',
	accepted: 'Accepted',
	in_progress: 'In Progress',
	review: 'Review',
	closed: 'Closed',
};

export const find: BemCaseOperation = {
	properties: [
		{
			displayName: 'State',
			name: 'state',
			type: 'options',
			options: [
				{ name: 'Any', value: '' },
				...STATES.map((value) => ({ name: STATE_LABELS[value], value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
			],
			default: '',
			displayOptions: show,
			description: 'Only cases in this state',
		},
		{
			displayName: 'Employee ID',
			name: 'employeeId',
			type: 'string',
			default: '',
			displayOptions: show,
			description: 'Only this employee’s cases',
		},
		dayProperty(
			'replyOverdueOn',
			'Reply Overdue On',
			'Only cases whose reply deadline is before this day (YYYY-MM-DD): the deadline has passed',
			show,
		),
		dayProperty(
			'reviewDueOn',
			'Review Due On',
			'Only cases whose effectiveness review is due on or before this day (YYYY-MM-DD)',
			show,
		),
		dayProperty(
			'followUpDueOn',
			'Follow-Up Due On',
			'Only deferred cases whose follow-up day is on or before this day (YYYY-MM-DD)',
			show,
		),
		dayProperty(
			'staleOn',
			'Stale On',
			'Only cases not closed with no event in the 90 days before this day (YYYY-MM-DD): escalate them to the BEM officer',
			show,
		),
		{
			displayName: 'Letter Not Sent',
			name: 'letterUnsent',
			type: 'options',
			options: [
				{ name: 'Any', value: '' },
				{ name: 'First Invitation', value: 'first' },
				{ name: 'Second Invitation', value: 'second' },
			],
			default: '',
			displayOptions: show,
			description:
				'Only cases whose latest invitation was claimed but never archived (the sending run was cut off): the Deadline Sweep sends it',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: show,
			description: 'Max number of results to return',
		},
		purposeProperty('BEM case handling', show),
	],
	async execute({ itemIndex, handle }) {
		const query: CaseQuery = {};
		const state = String(this.getNodeParameter('state', itemIndex, '') ?? '').trim();
		if (state) {
			if (!(STATES as readonly string[]).includes(state))
				throw new BemParamError(`field "state": must be one of ${STATES.join(', ')}`, 'state');
			query.state = state as State;
		}
		const employeeId = String(this.getNodeParameter('employeeId', itemIndex, '') ?? '').trim();
		if (employeeId) query.employeeId = employeeId;
		for (const name of ['replyOverdueOn', 'reviewDueOn', 'followUpDueOn', 'staleOn'] as const) {
			const day = optionalDay(this, itemIndex, name);
			if (day) query[name] = day;
		}
		const letterUnsent = String(this.getNodeParameter('letterUnsent', itemIndex, '') ?? '');
		if (letterUnsent) {
			if (letterUnsent !== 'first' && letterUnsent !== 'second')
				throw new BemParamError('field "letterUnsent": must be first or second', 'letterUnsent');
			query.letterUnsent = letterUnsent;
		}
		const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
		if (!Number.isInteger(limit) || limit < 1)
			throw new BemParamError('field "limit": must be a whole number of at least 1', 'limit');
		query.limit = limit;
		const cases = await handle.store.findCases(query, accessOf(this, itemIndex, handle));
		return cases.map(caseJson);
	},
};
