import type { GermanState } from './holidays';

// Each case's German state from the employee's work location (case-file.md: a case's deadlines roll
// over its employee's state's holidays): a works agreement names its sites' states once, e.g.
// "München → BY", "Köln → NW", with a default for the rest.

export interface LocationStates {
	byLocation: ReadonlyArray<{ location: string; state: GermanState }>;
	/** for a location not named (or none known); absent: the BEM store's state */
	defaultState?: GermanState;
}

const key = (location: string) => location.trim().toLocaleLowerCase('de-DE');

/** The state of the employee's location (case and surrounding blanks ignored), else the default. */
export function holidayStateAt(location: unknown, map: LocationStates): GermanState | undefined {
	if (typeof location === 'string' && location.trim()) {
		const hit = map.byLocation.find((p) => key(p.location) === key(location));
		if (hit) return hit.state;
	}
	return map.defaultState;
}
