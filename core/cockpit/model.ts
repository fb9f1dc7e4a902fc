import { STATES, type State } from '../lifecycle/names';
import type { Access, BemCase, BemStore, TimelineEvent } from '../store/types';
import { byUrgency, daysUntil, nextDeadline } from './deadlines';
import { quartersUpTo } from './quarters';
import { NEXT_STEPS, stepHref } from './steps';
import {
	BANDS,
	type CatalogueLabel,
	type CockpitCase,
	type CockpitModel,
	type Lang,
	type OverdueMeasureRow,
	type OwnerMeasures,
	type StateCount,
	type TimelineEntry,
	type TimelineKind,
} from './types';

// The cockpit's view model from the store's own reads, each as the credential's principal (so each is
// role-checked and logged): cockpitScope, findCases, caseTimeline per open case (officers), kpis per
// quarter (figures). Overdue measures come from the caller, read only for a principal that sees cases.

export interface CockpitOptions {
	today: string;
	lang: Lang;
	/** where the HR forms are, ending with '/', e.g. 'https://n8n.example/form/' */
	formBaseUrl: string;
	/** how many calendar quarters the KPI charts cover, up to the current one */
	quarters: number;
	minCell: number;
	/**
	 * the store's overdue measures (findMeasures({ overdueOn: today })), asked only for a principal that
	 * sees cases; absent or null: the plan is not readable for this principal
	 */
	overdueMeasures?: (overdueOn: string) => Promise<OverdueMeasureRow[] | null>;
	catalogue?: CatalogueLabel[];
	/** the owner directory's display names of these principals (an owner not in it shows as named) */
	ownerNames?: (principals: string[]) => Promise<Record<string, string>>;
}

const OPEN_STATES = STATES.filter((s) => s !== 'closed');

function timelineKind(type: string): TimelineKind {
	if (type === 'invitation_sent' || type === 'second_invitation_sent') return 'letter';
	if (type.startsWith('measure_')) return 'measure';
	if (type === 'review_held') return 'review';
	return 'event';
}

/** the process fields a timeline entry names (letter, channel, delivery, reply): structured, never free text */
function detailOf(e: TimelineEvent): string[] {
	const out: string[] = [];
	for (const key of ['letter', 'channel', 'reply'] as const) {
		const v = e.data[key];
		if (typeof v === 'string' && v) out.push(v);
	}
	return out;
}

const toEntry = (e: TimelineEvent): TimelineEntry => ({
	seq: e.seq,
	on: e.on,
	type: e.type,
	kind: timelineKind(e.type),
	actor: e.actor,
	voided: e.voidedBy !== null,
	detail: detailOf(e),
});

function countByState(cases: Array<Pick<CockpitCase, 'state' | 'deadline'>>): StateCount[] {
	return OPEN_STATES.map((state: State) => {
		const bands = { overdue: 0, week: 0, fortnight: 0, later: 0, none: 0 };
		const inState = cases.filter((c) => c.state === state);
		for (const c of inState) bands[c.deadline?.band ?? 'none']++;
		return { state, total: inState.length, bands };
	});
}

function ownersOf(
	rows: OverdueMeasureRow[],
	open: Map<string, BemCase>,
	opts: CockpitOptions,
	names: Record<string, string>,
): OwnerMeasures[] {
	const label = (code: string) => {
		const entry = opts.catalogue?.find((c) => c.code === code);
		return entry ? entry[opts.lang] : code;
	};
	const owners = new Map<string, OwnerMeasures>();
	for (const r of [...rows].sort(
		(a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseId.localeCompare(b.caseId),
	)) {
		// a measure of a case the principal may not list (or closed since) stays out
		const c = open.get(r.caseId);
		if (!c) continue;
		const name = names[r.owner];
		const group = owners.get(r.owner) ?? {
			owner: name ? `${name} (${r.owner})` : r.owner,
			measures: [],
		};
		group.measures.push({
			caseId: r.caseId,
			reference: c.reference ?? c.id,
			employeeId: c.employeeId,
			measureId: r.measureId,
			code: r.code,
			label: label(r.code),
			dueOn: r.dueOn,
			daysOverdue: -daysUntil(opts.today, r.dueOn),
		});
		owners.set(r.owner, group);
	}
	return [...owners.values()].sort((a, b) => a.owner.localeCompare(b.owner));
}

export async function buildCockpit(
	store: BemStore,
	access: Access,
	opts: CockpitOptions,
): Promise<CockpitModel> {
	const scope = await store.cockpitScope(access);
	const listed = await store.findCases({}, access);
	const open = new Map(listed.filter((c) => c.state !== 'closed').map((c) => [c.id, c]));

	const rows = scope.cases && opts.overdueMeasures ? await opts.overdueMeasures(opts.today) : null;
	const names =
		rows?.length && opts.ownerNames
			? await opts.ownerNames([...new Set(rows.map((r) => r.owner))])
			: {};
	const earliest = new Map<string, string>();
	for (const r of rows ?? [])
		if (!earliest.has(r.caseId) || r.dueOn < earliest.get(r.caseId)!)
			earliest.set(r.caseId, r.dueOn);

	const rated = [...open.values()].map((c) => ({
		c,
		id: c.id,
		openedOn: c.openedOn,
		state: c.state,
		deadline: nextDeadline(c, opts.today, earliest.get(c.id)),
	}));
	rated.sort(byUrgency);

	let cases: CockpitCase[] | null = null;
	if (scope.cases) {
		cases = [];
		for (const r of rated)
			cases.push({
				id: r.id,
				reference: r.c.reference ?? r.id,
				employeeId: r.c.employeeId,
				state: r.state,
				openedOn: r.openedOn,
				deadline: r.deadline,
				steps: NEXT_STEPS[r.state].map((form) => ({
					form,
					href: stepHref(opts.formBaseUrl, form, r.id),
				})),
				timeline: (await store.caseTimeline(r.id, access)).map(toEntry),
			});
	}

	let quarters: CockpitModel['quarters'] = null;
	if (scope.figures) {
		quarters = [];
		for (const q of quartersUpTo(opts.today, opts.quarters))
			quarters.push({ ...q, report: await store.kpis({ from: q.from, to: q.to }) });
	}

	return {
		lang: opts.lang,
		today: opts.today,
		principal: access.actor,
		scope,
		minCell: opts.minCell,
		counts: countByState(rated),
		openTotal: open.size,
		cases,
		overdueMeasures: rows ? ownersOf(rows, open, opts, names) : null,
		quarters,
	};
}

/** the bands in the order the page shows them */
export const BAND_COLUMNS = [...BANDS, 'none'] as const;
