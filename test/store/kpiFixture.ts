// A KPI fixture whose figures were computed by hand (see the comments), built through the store's API.
import type { BemStore, KpiReport } from '../../core';

async function step(
	store: BemStore,
	id: string,
	type: string,
	on: string,
	data?: Record<string, unknown>,
) {
	await store.recordEvent(id, { type: type as never, on, actor: 'fixture', data });
}

const dayAfter = (day: string) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Open → invite → accept → consent → talk → implement → two effective reviews; closed `completed` on `closeOn`. */
async function completed(
	store: BemStore,
	employeeId: string,
	openOn: string,
	implementOn: string,
	closeOn: string,
): Promise<string> {
	const { case: c } = await store.openCase({
		employeeId,
		reachedOn: openOn,
		reason: 'cumulative',
		on: openOn,
		actor: 'fixture',
	});
	await step(store, c.id, 'invitation_sent', openOn);
	await step(store, c.id, 'reply_accepted', openOn);
	await step(store, c.id, 'consent_given', openOn, {
		scopes: ['bem', 'data_processing'],
		participants: [],
	});
	await step(store, c.id, 'first_talk_held', openOn);
	await step(store, c.id, 'measure_implemented', implementOn, { labourLawMeasure: 'transfer' });
	// the first review the day after the implementation (a review comes after it), the second on closeOn
	await step(store, c.id, 'review_held', dayAfter(implementOn), { effective: true });
	await step(store, c.id, 'review_held', closeOn, { effective: true });
	return c.id;
}

export async function buildKpiFixture(store: BemStore, tag: string): Promise<void> {
	const e = (name: string) => `KPI-${tag}-${name}`;
	// Cohort 2025: E1..E12 opened in 2025. Invited: E1..E6, E10..E12 (9). Accepted: E1..E5, E12 (6).
	// Measure: E1..E3 (3). Each rest (not invited, not accepted, no measure) is 3 persons.
	for (const [name, until] of [
		['E1', 'measure'],
		['E2', 'measure'],
		['E3', 'measure'],
		['E4', 'accepted'],
		['E5', 'accepted'],
		['E6', 'declined'],
		['E7', 'open'],
		['E8', 'open'],
		['E9', 'open'],
		['E10', 'declined'],
		['E11', 'declined'],
		['E12', 'accepted'],
	] as const) {
		const { case: c } = await store.openCase({
			employeeId: e(name),
			reachedOn: '2025-03-01',
			reason: 'continuous',
			on: '2025-03-03',
			actor: 'fixture',
		});
		if (until === 'open') continue;
		await step(store, c.id, 'invitation_sent', '2025-03-04');
		if (until === 'declined') {
			await step(store, c.id, 'reply_declined', '2025-03-10');
			continue;
		}
		await step(store, c.id, 'reply_accepted', '2025-03-10');
		if (until === 'accepted') continue;
		await step(store, c.id, 'consent_given', '2025-03-11', {
			scopes: ['bem', 'data_processing'],
			participants: [],
		});
		await step(store, c.id, 'first_talk_held', '2025-03-12');
		await step(store, c.id, 'measure_implemented', '2025-04-01');
	}
	// Follow-up ending in 2025 = closed `completed` in 2024: F1..F6 (6 persons). F7 closed 2023: outside.
	const f: Record<string, string> = {};
	f.F1 = await completed(store, e('F1'), '2023-05-02', '2023-09-01', '2024-03-01');
	f.F2 = await completed(store, e('F2'), '2023-05-02', '2023-09-01', '2024-04-01');
	f.F3 = await completed(store, e('F3'), '2023-05-02', '2023-09-01', '2024-05-02');
	f.F4 = await completed(store, e('F4'), '2023-05-02', '2023-09-01', '2024-05-03');
	f.F5 = await completed(store, e('F5'), '2023-05-02', '2023-09-01', '2024-06-03');
	f.F6 = await completed(store, e('F6'), '2023-05-02', '2023-09-01', '2024-12-02');
	await completed(store, e('F7'), '2022-05-02', '2022-09-01', '2023-03-01');
	f.F8 = await completed(store, e('F8'), '2023-05-02', '2023-09-01', '2024-07-01');
	// F8: a new case within 12 months (not stable, still employed)
	await store.openCase({
		employeeId: e('F8'),
		reachedOn: '2024-11-04',
		reason: 'continuous',
		on: '2024-11-04',
		actor: 'fixture',
	});
	// F1: a new case within 12 months (not stable, still employed)
	await store.openCase({
		employeeId: e('F1'),
		reachedOn: '2024-10-01',
		reason: 'continuous',
		on: '2024-10-01',
		actor: 'fixture',
	});
	// F2: employment ended 6 months after closing (stable, not retained)
	await step(store, f.F2, 'employment_ended', '2024-10-01');
	// F3: employment ended 13 months after closing (stable and retained)
	await step(store, f.F3, 'employment_ended', '2025-06-03');
	// F4: a new case within 12 months that ends with the employment (neither stable nor retained)
	const { case: f4 } = await store.openCase({
		employeeId: e('F4'),
		reachedOn: '2024-09-01',
		reason: 'continuous',
		on: '2024-09-02',
		actor: 'fixture',
	});
	await step(store, f4.id, 'employment_ended', '2024-12-02');
	// F5: employment ended 11 months after closing (stable, not retained)
	await step(store, f.F5, 'employment_ended', '2025-05-02');
}

// by hand: Angebotsquote 9/12, Annahmequote 6/9, Maßnahmenquote 3/6,
// Stabilitätsquote (F2, F3, F5, F6) 4/7, Verbleibequote (F1, F3, F6, F8) 4/7. Every base, numerator and
// rest covers at least 3 persons: shown with minCell 3, all withheld with the default 5.
export const KPI_2025: KpiReport = {
	angebotsquote: 0.75,
	annahmequote: 0.6667,
	massnahmenquote: 0.5,
	stabilitaetsquote: 0.5714,
	verbleibequote: 0.5714,
	counts: {
		opened: 12,
		invited: 9,
		accepted: 6,
		withMeasure: 3,
		completedObserved: 7,
		stable: 4,
		retained: 4,
	},
};

/** the fixture's minCell: its smallest group (each rest) is 3 persons */
export const KPI_MIN_CELL = 3;

/** A report with every figure withheld. */
export const WITHHELD: KpiReport = {
	angebotsquote: null,
	annahmequote: null,
	massnahmenquote: null,
	stabilitaetsquote: null,
	verbleibequote: null,
	counts: {
		opened: null,
		invited: null,
		accepted: null,
		withMeasure: null,
		completedObserved: null,
		stable: null,
		retained: null,
	},
};
