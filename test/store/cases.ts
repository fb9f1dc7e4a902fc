// The start of every test of what comes after the employee's yes: a case opened, invited and accepted
// (lifecycle.md's path to `accepted`), through the store's own calls.
import type { BemCase, BemStore } from '../../core';

export interface AcceptedCase {
	employeeId: string;
	reachedOn: string;
	reason?: 'continuous' | 'cumulative';
	openedOn: string;
	/** the invitation's day (default: the opening day) */
	invitedOn?: string;
	acceptedOn: string;
	actor: string;
}

/** Opens the case, records the invitation and the acceptance; the case as accepted. */
export async function acceptedCase(store: BemStore, c: AcceptedCase): Promise<BemCase> {
	const { case: opened } = await store.openCase({
		employeeId: c.employeeId,
		reachedOn: c.reachedOn,
		reason: c.reason ?? 'continuous',
		on: c.openedOn,
		actor: c.actor,
	});
	await store.recordEvent(opened.id, {
		type: 'invitation_sent',
		on: c.invitedOn ?? c.openedOn,
		actor: c.actor,
	});
	return store.recordEvent(opened.id, {
		type: 'reply_accepted',
		on: c.acceptedOn,
		actor: c.actor,
	});
}
