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

/**
 * The measure and talk tests' case in progress: accepted on 2026-03-03, written consent naming the works
 * council on 03-04, first talk held on 03-05.
 */
export async function caseInProgress(
	store: BemStore,
	c: { employeeId: string; actor: string },
): Promise<BemCase> {
	const accepted = await acceptedCase(store, {
		...c,
		reachedOn: '2026-02-27',
		openedOn: '2026-03-01',
		invitedOn: '2026-03-02',
		acceptedOn: '2026-03-03',
	});
	await store.recordEvent(accepted.id, {
		type: 'consent_given',
		on: '2026-03-04',
		actor: c.actor,
		data: { scopes: ['bem', 'data_processing'], participants: ['works_council'] },
	});
	return store.recordEvent(accepted.id, {
		type: 'first_talk_held',
		on: '2026-03-05',
		actor: c.actor,
	});
}
