// Which Personio absence types count, and as which contract kind. Sickness only by default: the
// category 'sick_leave' maps to 'sick'. A tenant can add rules by type id, type name or category
// (e.g. "Reha" → rehab, "Krankenhaus" → hospital) — and should exclude "Kind krank" (child sick
// days are not the employee's own AU; Personio files them under child_care, so they are out by default).
import type { PersonioAbsenceType } from './types';

export interface KindRule {
	/** a Personio absence type id, type name or category (case-insensitive) */
	match: string;
	/** the contract kind: sick, sick_uncertified, hospital, rehab, accident, graduated_return, or any other word */
	kind: string;
}

export const DEFAULT_KIND_RULES: KindRule[] = [{ match: 'sick_leave', kind: 'sick' }];

export interface AbsenceSelection {
	rules: KindRule[];
	/** also return types no rule matches (their kind is their category or 'other') */
	includeUnmatched: boolean;
}

export const SICKNESS_ONLY: AbsenceSelection = {
	rules: DEFAULT_KIND_RULES,
	includeUnmatched: false,
};

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** The kind of a type, or null if the selection leaves it out. Id beats name beats category. */
export function kindOf(
	type: Pick<PersonioAbsenceType, 'id' | 'name' | 'category'>,
	selection: AbsenceSelection,
): string | null {
	for (const key of [type.id, type.name, type.category]) {
		const rule = selection.rules.find((r) => norm(r.match) !== '' && norm(r.match) === norm(key));
		if (rule) return rule.kind;
	}
	return selection.includeUnmatched ? norm(type.category) || 'other' : null;
}

/**
 * The listed types the selection counts, so a read can ask for them alone; null when it cannot be
 * narrowed: unmatched types count too, or a rule names no listed type (it may match a type the listing
 * left out, whose absences must still arrive).
 */
export function selectedTypes(
	types: Map<string, PersonioAbsenceType>,
	selection: AbsenceSelection,
): PersonioAbsenceType[] | null {
	if (selection.includeUnmatched) return null;
	const listed = [...types.values()];
	const keys = (t: PersonioAbsenceType) => [t.id, t.name, t.category].map(norm);
	const unmatched = selection.rules.some(
		(r) => norm(r.match) !== '' && !listed.some((t) => keys(t).includes(norm(r.match))),
	);
	if (unmatched) return null;
	return listed.filter((t) => kindOf(t, selection) !== null);
}
