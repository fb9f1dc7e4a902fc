import type { Outcome, State } from './names';

// Where a case stands on a given business date, for the BEM Case Router's named outputs. A deadline
// includes its due day, so a deadline has "passed" only from the day after.

export const ROUTES = [
	'toInvite',
	'awaitingReply',
	'firstDeadlinePassed',
	'secondDeadlinePassed',
	'accepted',
	'declined',
	'inProgress',
	'reviewDue',
	'closed',
] as const;
export type Route = (typeof ROUTES)[number];

export interface RoutableCase {
	state: State;
	outcome: Outcome | null;
	replyDueOn: string | null;
	reviewDueOn: string | null;
	followUpOn?: string | null;
}

export function routeCase(c: RoutableCase, on: string): Route {
	switch (c.state) {
		case 'open':
			return 'toInvite';
		case 'deferred':
			return c.followUpOn && c.followUpOn <= on ? 'toInvite' : 'awaitingReply';
		case 'invited':
			return c.replyDueOn !== null && on > c.replyDueOn ? 'firstDeadlinePassed' : 'awaitingReply';
		case 'reinvited':
			return c.replyDueOn !== null && on > c.replyDueOn ? 'secondDeadlinePassed' : 'awaitingReply';
		case 'accepted':
			return 'accepted';
		case 'in_progress':
			return 'inProgress';
		case 'review':
			return c.reviewDueOn !== null && c.reviewDueOn <= on ? 'reviewDue' : 'inProgress';
		case 'closed':
			return c.outcome === 'declined' ? 'declined' : 'closed';
	}
}
