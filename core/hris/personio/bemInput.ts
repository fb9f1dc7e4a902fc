// Personio → the threshold contract's ThresholdInput, one per employee, ready for BEM Threshold.
// Only the engine's fields and ids leave: no names, no types' names, no comments or certificates.
import type { AbsenceRecord, ThresholdInput, WorkPattern } from '../../threshold/types';
import { toAbsenceRecord, type DateRange } from '../records';
import { inForceOver } from '../workHistory';
import type { PersonioClient } from './client';
import { readAbsences, type AbsenceQuery } from './readAbsences';
import {
	DIRECT_READ_MAX_IDS,
	employeesV2,
	readEmployees,
	readEmployeesByIds,
	readPersonsV2,
} from './readEmployees';
import type {
	PersonioAbsence,
	PersonioApiVersion,
	PersonioEmployee,
	PersonioRecordProblem,
} from './types';
import type { WeeklyHoursRule } from './workPattern';

/** ThresholdInput (contract v2: with the work-pattern history and hire date) plus Personio ids for tracing. */
export interface PersonioBemInput extends ThresholdInput {
	absences: Array<AbsenceRecord & { id: string }>;
	workPatterns?: WorkPattern[];
	employedSince?: string;
}

export interface BemInputQuery extends AbsenceQuery {
	weeklyHoursRule?: WeeklyHoursRule;
	/** also one item for employees with no selected absence in the range (default false) */
	includeEmployeesWithoutAbsences?: boolean;
}

export interface BemInputsResult {
	inputs: PersonioBemInput[];
	problems: PersonioRecordProblem[];
}

/**
 * Joins employees and absences; absences of employees not in the list are problems ("unknown employee").
 * Given the range, each input carries the patterns in force over it (`workPatterns`, when more than one)
 * and the hire date; where Personio dates no pattern back to an absence, that is a problem item: the
 * pattern valid at each absence's start is then taken to be the one Personio reports.
 */
export function buildBemInputs(
	employees: PersonioEmployee[],
	absences: PersonioAbsence[],
	includeEmployeesWithoutAbsences: boolean,
	over?: { range: DateRange; version: PersonioApiVersion },
): BemInputsResult {
	const byEmployee = new Map<string, PersonioAbsence[]>();
	const problems: PersonioRecordProblem[] = [];
	const known = new Set(employees.map((e) => e.id));
	for (const a of absences) {
		if (!known.has(a.employeeId)) {
			problems.push({
				recordId: a.id,
				source: a.source,
				employeeId: a.employeeId,
				field: 'employee',
				problem: `employee ${a.employeeId} is not among the employees Personio returned`,
			});
			continue;
		}
		const list = byEmployee.get(a.employeeId) ?? [];
		list.push(a);
		byEmployee.set(a.employeeId, list);
	}
	const inputs: PersonioBemInput[] = [];
	for (const e of employees) {
		const list = byEmployee.get(e.id) ?? [];
		if (list.length === 0 && !includeEmployeesWithoutAbsences) continue;
		list.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
		const input: PersonioBemInput = {
			employeeId: e.id,
			workdays: e.workdays,
			absences: list.map(toAbsenceRecord),
		};
		if (Object.keys(e.hoursPerWorkday).length > 0) input.hoursPerWorkday = e.hoursPerWorkday;
		if (over) {
			const history = inForceOver(e.workPatterns, over.range);
			if (history.length > 1) input.workPatterns = history;
			const undated = undatedBefore(history, list, over.version);
			if (undated) problems.push(undatedProblem(e, undated, over.version));
		}
		if (e.employedSince) input.employedSince = e.employedSince;
		inputs.push(input);
	}
	return { inputs, problems };
}

/**
 * The first absence start Personio dates no pattern back to, or null: a dated pattern that starts after
 * it (what was worked before is unknown), or v2 employments without a start date. v1's schedule mostly
 * carries no valid_from at all: it tells no change, and that is said once in docs/personio.md, not per run.
 */
function undatedBefore(
	history: WorkPattern[],
	absences: PersonioAbsence[],
	version: PersonioApiVersion,
): string | null {
	if (absences.length === 0) return null;
	const first = absences[0].start;
	if (history.length === 0) return version === 'v2' ? first : null;
	return history[0].from > first ? first : null;
}

function undatedProblem(
	e: PersonioEmployee,
	since: string,
	version: PersonioApiVersion,
): PersonioRecordProblem {
	const v1 = version === 'v1';
	return {
		recordId: e.id,
		source: v1 ? 'v1 employee' : 'v2 employment',
		employeeId: e.id,
		field: v1
			? e.workPatternSource === 'work_schedule'
				? 'work_schedule.valid_from'
				: 'weekly_working_hours'
			: 'employment_start_date',
		problem: `Personio names no date from which the work pattern applies on ${since}: the pattern valid at each absence's start is taken to be the one Personio reports now`,
	};
}

export async function readBemInputs(
	client: PersonioClient,
	query: BemInputQuery,
): Promise<BemInputsResult> {
	const rule = query.weeklyHoursRule ?? 'proportional';
	const absences = await readAbsences(client, query);
	let employees: PersonioEmployee[];
	const problems = [...absences.problems];
	if (client.version === 'v1' || query.includeEmployeesWithoutAbsences) {
		const read = await readEmployees(client, {
			employeeIds: query.employeeIds,
			weeklyHoursRule: rule,
		});
		employees = read.employees;
		problems.push(...read.problems);
	} else {
		// v2 needs one employments call per person: only for the persons who have absences
		const wanted = new Set(absences.absences.map((a) => a.employeeId));
		const restrict = query.employeeIds && query.employeeIds.length > 0 ? query.employeeIds : null;
		const direct = restrict?.filter((id) => wanted.has(id));
		if (direct && direct.length <= DIRECT_READ_MAX_IDS) {
			// a few wanted ids: read them directly, in their order, instead of listing every person
			const read = await readEmployeesByIds(client, direct, rule);
			employees = read.employees;
			problems.push(...read.problems);
		} else {
			const read = await readPersonsV2(client);
			problems.push(...read.problems);
			const only = restrict ? new Set(restrict) : null;
			employees = await employeesV2(
				client,
				read.persons.filter((p) => wanted.has(p.id) && (!only || only.has(p.id))),
				rule,
			);
		}
	}
	const built = buildBemInputs(
		employees,
		absences.absences,
		query.includeEmployeesWithoutAbsences ?? false,
		{ range: query.range, version: client.version },
	);
	return { inputs: built.inputs, problems: [...problems, ...built.problems] };
}
