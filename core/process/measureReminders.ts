import type { DueReminder, ReminderContext } from './reminders';

// Overdue measures as a reminder source: each measure's owner gets the case id, measure id, catalogue
// label and due date (never the measure's text).

/**
 * Each overdue measure to its owner; a measure whose owner is not in the directory (a role name) goes
 * to the BEM officer instead, naming the owner, so no overdue measure goes unmentioned.
 */
export async function overdueMeasures(ctx: ReminderContext): Promise<DueReminder[]> {
	const { store } = ctx;
	const access = { ...ctx.access, purpose: 'deadline sweep: overdue measures' };
	const overdue = await store.findMeasures({ overdueOn: ctx.on }, access);
	if (overdue.length === 0) return [];
	const principals = [...new Set(overdue.map((m) => m.owner))];
	const owners = new Map((await store.owners({ principals }, access)).map((o) => [o.principal, o]));
	const labels = new Map(store.measureCatalogue().map((e) => [e.code, e.de]));
	return overdue.map((m) => {
		const owner = owners.get(m.owner);
		const item = {
			kind: 'measure' as const,
			caseId: m.caseId,
			measureId: m.measureId,
			label: labels.get(m.code) ?? m.code,
			dueOn: m.dueOn,
		};
		return owner?.email
			? { to: { email: owner.email, name: owner.displayName }, item }
			: { to: ctx.officer, item: { ...item, owner: owner?.displayName ?? m.owner } };
	});
}
