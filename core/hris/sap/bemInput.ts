// SAP absences + work patterns → the threshold contract's ThresholdInput, one per employee, ready for
// BEM Threshold. Only the engine's fields and ids leave: no type names, comments or certificate data.
import type { AbsenceRecord, ThresholdInput, WorkPattern } from '../../threshold/types';
import { toAbsenceRecord, type DateRange } from '../records';
import { patternHistory } from '../workHistory';
import type { SapAbsence, SapRecordProblem, SapSource, SapWorkPattern } from './types';

/** ThresholdInput (contract v2: with the work-pattern history and hire date) plus SAP record ids for tracing. */
export interface SapBemInput extends ThresholdInput {
	absences: Array<AbsenceRecord & { id: string }>;
	workPatterns?: WorkPattern[];
	employedSince?: string;
	/** the employee's work location, mapped to a Bundesland by the threshold options */
	location?: string;
}

/** The history of effective-dated records (each with its parsed pattern) over the range. */
export function historyOf(
	used: Array<{
		slice: { validFrom: string | null; validTo: string | null };
		pattern: SapWorkPattern;
	}>,
	range: DateRange,
): WorkPattern[] {
	return patternHistory(
		used
			.filter((u) => u.slice.validFrom !== null)
			.map((u) => ({
				from: u.slice.validFrom as string,
				to: u.slice.validTo,
				workdays: u.pattern.workdays,
				hoursPerWorkday: u.pattern.hoursPerWorkday,
			})),
		range,
	);
}

export interface SapBemInputsResult {
	inputs: SapBemInput[];
	problems: SapRecordProblem[];
}

/** Joins absences to work patterns; an absence of an employee without a work pattern is a problem ("unknown employee"). */
export function buildBemInputs(
	patterns: Map<string, SapWorkPattern>,
	absences: SapAbsence[],
	patternSource: SapSource,
): SapBemInputsResult {
	const byEmployee = new Map<string, SapAbsence[]>();
	const problems: SapRecordProblem[] = [];
	for (const a of absences) {
		if (!patterns.has(a.employeeId)) {
			problems.push({
				recordId: a.id,
				source: a.source,
				employeeId: a.employeeId,
				field: 'employee',
				problem: `employee ${a.employeeId} has no ${patternSource} record (work pattern) — unknown employee or no read permission; this absence is not in the BEM input`,
			});
			continue;
		}
		const list = byEmployee.get(a.employeeId) ?? [];
		list.push(a);
		byEmployee.set(a.employeeId, list);
	}
	const inputs: SapBemInput[] = [];
	for (const [employeeId, list] of [...byEmployee.entries()].sort(([a], [b]) =>
		a.localeCompare(b),
	)) {
		const pattern = patterns.get(employeeId) as SapWorkPattern;
		list.sort((x, y) => x.start.localeCompare(y.start) || x.id.localeCompare(y.id));
		const input: SapBemInput = {
			employeeId,
			workdays: pattern.workdays,
			absences: list.map(toAbsenceRecord),
		};
		if (Object.keys(pattern.hoursPerWorkday).length > 0)
			input.hoursPerWorkday = pattern.hoursPerWorkday;
		// with one pattern over the range, workdays say it all (the engine's result is the same)
		if (pattern.history.length > 1) input.workPatterns = pattern.history;
		if (pattern.employedSince) input.employedSince = pattern.employedSince;
		if (pattern.location) input.location = pattern.location;
		inputs.push(input);
	}
	return { inputs, problems };
}
