// Personio → the threshold contract's ThresholdInput, one per employee, ready for BEM Threshold.
// Only the engine's fields and ids leave: no names, no types' names, no comments or certificates.
import type { AbsenceRecord, ThresholdInput } from '../../threshold/types';
import { toAbsenceRecord } from '../records';
import type { PersonioClient } from './client';
import { readAbsences, type AbsenceQuery } from './readAbsences';
import {
	DIRECT_READ_MAX_IDS,
	employeesV2,
	readEmployees,
	readEmployeesByIds,
	readPersonsV2,
} from './readEmployees';
import type { PersonioAbsence, PersonioEmployee, PersonioRecordProblem } from './types';
import type { WeeklyHoursRule } from './workPattern';

/** ThresholdInput plus Personio ids for tracing (the engine ignores `id`). */
export interface PersonioBemInput extends ThresholdInput {
	absences: Array<AbsenceRecord & { id: string }>;
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

/** Joins employees and absences; absences of employees not in the list are problems ("unknown employee"). */
export function buildBemInputs(
	employees: PersonioEmployee[],
	absences: PersonioAbsence[],
	includeEmployeesWithoutAbsences: boolean,
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
		inputs.push(input);
	}
	return { inputs, problems };
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
	);
	return { inputs: built.inputs, problems: [...problems, ...built.problems] };
}
