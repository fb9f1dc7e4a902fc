import type { EventType, State } from '../lifecycle/names';
import type { CockpitScope, KpiReport } from '../store/types';
import type { CaseStepForm } from './steps';

// The BEM cockpit's view model: what the page shows, built from the store's logged reads. Officers get
// cases with employee ids; a principal with figures only (hr_admin) gets counts and KPIs, no case.

export type Lang = 'de' | 'en';

/** urgency of a case's next deadline: overdue, within 7 days, within 14 days, later */
export const BANDS = ['overdue', 'week', 'fortnight', 'later'] as const;
export type Band = (typeof BANDS)[number];

/** A planned or started measure past its due date: the store's `findMeasures({ overdueOn })` row. */
export interface OverdueMeasureRow {
	caseId: string;
	measureId: string;
	code: string;
	owner: string;
	dueOn: string;
}

/** A measure catalogue entry's labels (the store's `measureCatalogue()` gives more; this is what shows). */
export interface CatalogueLabel {
	code: string;
	de: string;
	en: string;
}

export type DeadlineKind = 'reply' | 'followUp' | 'review' | 'measure';

export interface NextDeadline {
	kind: DeadlineKind;
	on: string;
	/** days from today (negative: overdue) */
	days: number;
	band: Band;
}

export interface StepLink {
	form: CaseStepForm;
	href: string;
}

export type TimelineKind = 'event' | 'letter' | 'measure' | 'review';

export interface TimelineEntry {
	seq: number;
	on: string;
	type: EventType;
	kind: TimelineKind;
	actor: string;
	voided: boolean;
	/** process fields worth a word: the letter, its channel, the reply (never free text) */
	detail: string[];
}

export interface CockpitCase {
	id: string;
	/** the Aktenzeichen (BEM-YYYY-NNNN) */
	reference: string;
	employeeId: string;
	state: State;
	openedOn: string;
	deadline: NextDeadline | null;
	steps: StepLink[];
	timeline: TimelineEntry[];
}

export interface StateCount {
	state: State;
	total: number;
	bands: Record<Band | 'none', number>;
}

export interface OverdueMeasure {
	caseId: string;
	reference: string;
	employeeId: string | null;
	measureId: string;
	code: string;
	label: string;
	dueOn: string;
	daysOverdue: number;
}

export interface OwnerMeasures {
	owner: string;
	measures: OverdueMeasure[];
}

export interface QuarterFigures {
	/** e.g. 'Q3 2026' */
	label: string;
	from: string;
	to: string;
	/** the quarter today falls in: its figures are still growing */
	running: boolean;
	report: KpiReport;
}

export interface CockpitModel {
	lang: Lang;
	today: string;
	principal: string;
	scope: CockpitScope;
	/** the KPIs' minimum group size: a quota over fewer persons is suppressed */
	minCell: number;
	/** open (not closed) cases the principal may list, by state */
	counts: StateCount[];
	openTotal: number;
	/** null: the principal sees figures only */
	cases: CockpitCase[] | null;
	/** null: figures only, or the store has no measure plan yet */
	overdueMeasures: OwnerMeasures[] | null;
	/** null: no figures for this principal */
	quarters: QuarterFigures[] | null;
}
