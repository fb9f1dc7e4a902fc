import type { EventType } from './names';

// The measure plan of a case (case-file.md "Measures"), as its events in force make it: each measure
// with its catalogue code, owner and due date, and where it stands. Pure: the machine's guards, the
// store's findMeasures and the personnel-file extract read the same projection.

export const MEASURE_EVENTS = [
	'measure_planned',
	'measure_started',
	'measure_implemented',
	'measure_dropped',
] as const satisfies readonly EventType[];

export const MEASURE_STATES = ['planned', 'started', 'implemented', 'dropped'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export interface PlannedMeasure {
	measureId: string;
	/** the catalogue code (events before the catalogue may hold other text, or none) */
	code: string | null;
	owner: string | null;
	dueOn: string | null;
	state: MeasureState;
}

export interface MeasurePlan {
	/** measures planned with a measureId, by id, in planning order */
	measures: Readonly<Record<string, PlannedMeasure>>;
	/** measures implemented since the last review (a drop that leaves none open then completes the plan) */
	implementedSinceReview: number;
	/** catalogue codes named by a plan-wide implementation (measure_implemented without measureId) */
	legacyLabourLaw: readonly string[];
}

export const EMPTY_PLAN: MeasurePlan = {
	measures: {},
	implementedSinceReview: 0,
	legacyLabourLaw: [],
};

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const isOpen = (m: PlannedMeasure) => m.state === 'planned' || m.state === 'started';

export const openMeasures = (plan: MeasurePlan): PlannedMeasure[] =>
	Object.values(plan.measures).filter(isOpen);

const withState = (plan: MeasurePlan, id: string, state: MeasureState): MeasurePlan['measures'] =>
	plan.measures[id] ? { ...plan.measures, [id]: { ...plan.measures[id], state } } : plan.measures;

/** The plan after one event in force (events of other types leave it as it is, reviews reset the count). */
export function nextPlan(
	plan: MeasurePlan,
	e: { type: EventType; data: Record<string, unknown> },
): MeasurePlan {
	const id = text(e.data.measureId);
	switch (e.type) {
		case 'measure_planned':
			if (id === null || plan.measures[id]) return plan;
			return {
				...plan,
				measures: {
					...plan.measures,
					[id]: {
						measureId: id,
						code: text(e.data.code),
						owner: text(e.data.owner),
						dueOn: text(e.data.dueOn),
						state: 'planned',
					},
				},
			};
		case 'measure_started':
			return id === null ? plan : { ...plan, measures: withState(plan, id, 'started') };
		case 'measure_dropped':
			return id === null ? plan : { ...plan, measures: withState(plan, id, 'dropped') };
		case 'measure_implemented': {
			const named = e.data.labourLawMeasure;
			const legacy = (Array.isArray(named) ? named : [named]).filter(
				(v): v is string => typeof v === 'string' && v.trim() !== '',
			);
			const legacyLabourLaw = [...plan.legacyLabourLaw, ...legacy.map((v) => v.trim())];
			if (id !== null)
				return {
					measures: withState(plan, id, 'implemented'),
					implementedSinceReview: plan.implementedSinceReview + 1,
					legacyLabourLaw,
				};
			// an implementation of the plan as a whole (events before measure ids): every open measure
			const measures = { ...plan.measures };
			for (const m of openMeasures(plan)) measures[m.measureId] = { ...m, state: 'implemented' };
			return {
				measures,
				implementedSinceReview: plan.implementedSinceReview + 1,
				legacyLabourLaw,
			};
		}
		case 'review_held':
			return { ...plan, implementedSinceReview: 0 };
		default:
			return plan;
	}
}
