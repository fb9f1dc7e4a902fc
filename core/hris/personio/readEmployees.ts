// Employees with their work pattern, v1 or v2.
import type { PersonioClient } from './client';
import { itemOffsetPages } from './pagesV1';
import { collectCursor, cursorPages } from './pagesV2';
import { parseEmployeeV1 } from './parseV1';
import { employeeFromV2, parsePersonV2, pickEmployment, type PersonV2 } from './parseV2';
import type { PersonioEmployee, PersonioRecordProblem } from './types';
import type { WeeklyHoursRule } from './workPattern';

export interface EmployeeQuery {
	/** only these Personio ids (all if empty) */
	employeeIds?: string[];
	/** how to derive workdays when there is no work schedule (always for v2) */
	weeklyHoursRule?: WeeklyHoursRule;
}

export interface EmployeesResult {
	employees: PersonioEmployee[];
	problems: PersonioRecordProblem[];
}

const V1_ATTRIBUTES = ['id', 'first_name', 'last_name', 'email', 'status', 'department', 'supervisor', 'weekly_working_hours', 'work_schedule'];

export async function readEmployees(client: PersonioClient, query: EmployeeQuery = {}): Promise<EmployeesResult> {
	const wanted = query.employeeIds && query.employeeIds.length > 0 ? new Set(query.employeeIds) : null;
	const rule = query.weeklyHoursRule ?? 'proportional';
	const problems: PersonioRecordProblem[] = [];
	const employees: PersonioEmployee[] = [];
	if (client.version === 'v1') {
		for await (const page of itemOffsetPages(client, '/company/employees', { 'attributes[]': V1_ATTRIBUTES })) {
			for (const raw of page) {
				const parsed = parseEmployeeV1(raw, rule);
				if ('problem' in parsed) problems.push(parsed.problem);
				else if (!wanted || wanted.has(parsed.ok.id)) employees.push(parsed.ok);
			}
		}
		return { employees: dedupe(employees), problems };
	}
	const read = await readPersonsV2(client);
	problems.push(...read.problems);
	const persons = read.persons.filter((p) => !wanted || wanted.has(p.id));
	for (const person of persons) employees.push(await employeeV2(client, person, rule));
	return { employees: dedupe(employees), problems };
}

/** The person with their current employment (one extra call per person). */
export async function employeeV2(client: PersonioClient, person: PersonV2, rule: WeeklyHoursRule): Promise<PersonioEmployee> {
	const employments = await collectCursor(client, `/v2/persons/${encodeURIComponent(person.id)}/employments`, { limit: 50 });
	return employeeFromV2(person, pickEmployment(employments), rule);
}

/** All v2 persons (cheap: 50 per call), without employments. */
export async function readPersonsV2(client: PersonioClient): Promise<{ persons: PersonV2[]; problems: PersonioRecordProblem[] }> {
	const persons: PersonV2[] = [];
	const problems: PersonioRecordProblem[] = [];
	for await (const page of cursorPages(client, '/v2/persons', { limit: 50 })) {
		for (const raw of page) {
			const parsed = parsePersonV2(raw);
			if ('problem' in parsed) problems.push(parsed.problem);
			else persons.push(parsed.ok);
		}
	}
	return { persons, problems };
}

function dedupe<T extends { id: string }>(list: T[]): T[] {
	const seen = new Set<string>();
	return list.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
