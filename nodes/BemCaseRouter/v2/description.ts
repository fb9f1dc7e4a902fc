import type { INodeProperties } from 'n8n-workflow';

import type { Route } from '../../../core/lifecycle/route';
import { caseIdProperty, dayProperty, purposeProperty } from '../../shared/bemCaseParams';

/** The outputs' names as the editor shows them, in the order of core/lifecycle ROUTES. */
export const ROUTE_NAMES: Record<Route, string> = {
	toInvite: 'To Invite',
	awaitingReply: 'Awaiting Reply',
	firstDeadlinePassed: 'First Deadline Passed',
	secondDeadlinePassed: 'Second Deadline Passed',
	accepted: 'Accepted',
	declined: 'Declined',
	inProgress: 'In Progress',
	reviewDue: 'Review Due',
	closed: 'Closed',
};

export const bemCaseRouterProperties: INodeProperties[] = [
	{
		displayName:
			'Sends each item to the output for where its BEM case stands on the given day. Deadlines include their due day. Items that fail with Continue On Fail (regular output) leave on "Awaiting Reply".',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	caseIdProperty(),
	dayProperty('on', 'On', 'Business date to route for (YYYY-MM-DD). Empty: today in Germany.'),
	purposeProperty('route BEM case'),
];
