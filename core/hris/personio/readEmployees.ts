// Employees with their work pattern, v1 or v2.
import { z } from 'zod';

import { mapConcurrent } from '../concurrency';
import { HrisHttpError } from '../http';
import type { PersonioClient } from './client';
import { itemOffsetPages } from './pagesV1';
import { collectCursor, cursorPages } from './pagesV2';
import { parseEmployeeV1 } from './parseV1';
import { employeeFromV2, parsePersonV2, pickEmployment, type PersonV2 } from './parseV2';
import type { Parsed, PersonioEmployee, PersonioRecordProblem } from './types';
import type { WeeklyHoursRule } from './workPattern';
import { issueMessage } from '../../privacy/issueMessage';

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

/**
 * Up to this many wanted ids are read one by one instead of listing the tenant. One by one costs one
 * call per id (4 in flight); the listing costs total ÷ 50 (v2) or ÷ 100 (v1) calls one after another
 * (cursor/offset pages). At 50 ids a tenant of a few hundred pays at most ~50 calls more, while a tenant
 * of 10 000 saves 150–200 calls per read — and a node reading one id per item saves them per item.
 */
export const DIRECT_READ_MAX_IDS = 50;
/** Calls in flight for per-person reads: fast enough, and well inside Personio's per-endpoint buckets. */
export const PERSON_CONCURRENCY = 4;

const V1_ATTRIBUTES = [
	'id',
	'first_name',
	'last_name',
	'email',
	'status',
	'department',
	'supervisor',
	'weekly_working_hours',
	'work_schedule',
	'hire_date',
	'office',
];

/**
 * What the BEM input needs of everyone: no names, no e-mail, no department (data minimisation); the
 * office gives the case its Bundesland (Holiday State by Location).
 */
const V1_WORK_PATTERN_ATTRIBUTES = [
	'id',
	'status',
	'weekly_working_hours',
	'work_schedule',
	'hire_date',
	'office',
	'termination_date',
];

/**
 * Everyone's work pattern and hire date from v1's listing (100 per request), or with `updatedSince`
 * only the employees whose pattern attributes changed since then (Personio then answers in one
 * response, limit and offset ignored; should it page after all, the pages are followed).
 */
export async function listWorkPatternsV1(
	client: PersonioClient,
	rule: WeeklyHoursRule,
	updatedSince?: string,
): Promise<EmployeesResult> {
	const problems: PersonioRecordProblem[] = [];
	const employees: PersonioEmployee[] = [];
	for await (const page of itemOffsetPages(client, '/company/employees', {
		'attributes[]': V1_WORK_PATTERN_ATTRIBUTES,
		updated_since: updatedSince,
	})) {
		for (const raw of page) {
			const parsed = parseEmployeeV1(raw, rule);
			if ('problem' in parsed) problems.push(parsed.problem);
			else employees.push(parsed.ok);
		}
	}
	return { employees: dedupe(employees), problems };
}

export async function readEmployees(
	client: PersonioClient,
	query: EmployeeQuery = {},
): Promise<EmployeesResult> {
	const ids = unique(query.employeeIds ?? []);
	const rule = query.weeklyHoursRule ?? 'proportional';
	if (ids.length > 0 && ids.length <= DIRECT_READ_MAX_IDS)
		return readEmployeesByIds(client, ids, rule);
	const wanted = ids.length > 0 ? new Set(ids) : null;
	const problems: PersonioRecordProblem[] = [];
	const employees: PersonioEmployee[] = [];
	if (client.version === 'v1') {
		for await (const page of itemOffsetPages(client, '/company/employees', {
			'attributes[]': V1_ATTRIBUTES,
		})) {
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
	const persons = dedupe(read.persons).filter((p) => !wanted || wanted.has(p.id));
	return { employees: await employeesV2(client, persons, rule), problems };
}

/**
 * Exactly these employees, each read directly (v1 GET /v1/company/employees/{id}, v2 GET
 * /v2/persons/{id} and its employments), in the order of `ids`, each once. An id Personio answers 404
 * for is no employee and yields nothing, as the listing's filter would.
 */
export async function readEmployeesByIds(
	client: PersonioClient,
	ids: string[],
	rule: WeeklyHoursRule,
): Promise<EmployeesResult> {
	const read = await mapConcurrent(unique(ids), PERSON_CONCURRENCY, (id) =>
		client.version === 'v1' ? employeeByIdV1(client, id, rule) : employeeByIdV2(client, id, rule),
	);
	return collected(read);
}

/** The persons with their current employment, in the persons' order (one employments call each, a few at a time). */
export function employeesV2(
	client: PersonioClient,
	persons: PersonV2[],
	rule: WeeklyHoursRule,
): Promise<PersonioEmployee[]> {
	return mapConcurrent(persons, PERSON_CONCURRENCY, (person) => employeeV2(client, person, rule));
}

/** The person with their current employment (one extra call per person). */
async function employeeV2(
	client: PersonioClient,
	person: PersonV2,
	rule: WeeklyHoursRule,
): Promise<PersonioEmployee> {
	const employments = await collectCursor(
		client,
		`/v2/persons/${encodeURIComponent(person.id)}/employments`,
		{ limit: 50 },
	);
	return employeeFromV2(person, pickEmployment(employments), rule, employments);
}

/**
 * v2 employees from their employments alone (one call each, no persons listing): the BEM input needs
 * the id, the work pattern and the hire date, not the person's name. A 404 means no such person.
 */
export async function employmentsOf(
	client: PersonioClient,
	ids: string[],
	rule: WeeklyHoursRule,
): Promise<EmployeesResult> {
	const read = await mapConcurrent(unique(ids), PERSON_CONCURRENCY, async (id) => {
		const path = `/v2/persons/${encodeURIComponent(id)}/employments`;
		const got = await orMissing(
			() => collectCursor(client, path, { limit: 50 }),
			id,
			'v2 employment',
		);
		if (got === null || 'problem' in got) return got;
		const employments = got.body;
		const person = { id, firstName: null, lastName: null, email: null, status: null };
		return { ok: employeeFromV2(person, pickEmployment(employments), rule, employments) };
	});
	return collected(read);
}

/** All v2 persons (cheap: 50 per call), without employments. */
export async function readPersonsV2(
	client: PersonioClient,
): Promise<{ persons: PersonV2[]; problems: PersonioRecordProblem[] }> {
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

// the body of GET /v2/persons/{id} is the person itself, shaped like an element of /v2/persons `_data`
async function employeeByIdV2(
	client: PersonioClient,
	id: string,
	rule: WeeklyHoursRule,
): Promise<Parsed<PersonioEmployee> | null> {
	const got = await getById(client, `/v2/persons/${encodeURIComponent(id)}`, id, 'v2 person');
	if (got === null || 'problem' in got) return got;
	const parsed = parsePersonV2(got.body);
	if ('problem' in parsed) return parsed;
	if (parsed.ok.id !== id) return null;
	return { ok: await employeeV2(client, parsed.ok, rule) };
}

const v1Employee = z.object({ success: z.literal(true), data: z.unknown() });

// v1 ids are int32 numbers: any other id names no employee (the listing's filter would never match it).
// The single-employee call documents no attributes[] projection: it answers with the credential's
// readable attributes, of which parseEmployeeV1 keeps the same few the listing asks for.
async function employeeByIdV1(
	client: PersonioClient,
	id: string,
	rule: WeeklyHoursRule,
): Promise<Parsed<PersonioEmployee> | null> {
	if (!/^[1-9]\d*$/.test(id) || Number(id) > 2_147_483_647) return null;
	const call = 'Personio GET /v1/company/employees/{id}';
	const got = await getById(client, `/v1/company/employees/${id}`, id, 'v1 employee');
	if (got === null || 'problem' in got) return got;
	const envelope = v1Employee.safeParse(got.body);
	if (!envelope.success)
		throw new HrisHttpError(
			`${call}: unexpected answer (${envelope.error.issues[0].path.join('.') || 'body'}: ${issueMessage(envelope.error.issues[0])})`,
			call,
			'bad_response',
			200,
			1,
		);
	const parsed = parseEmployeeV1(envelope.data.data, rule);
	if ('ok' in parsed && parsed.ok.id !== id) return null;
	return parsed;
}

/**
 * The body; null when Personio answers 404 (no such employee); a problem for 403 (the credential may not
 * read this person: the listing would have left them out, so one hidden person does not fail the read).
 * requestWithRetry does not retry either: a 4xx other than 401/429 is final.
 */
function getById(
	client: PersonioClient,
	path: string,
	id: string,
	source: PersonioRecordProblem['source'],
): Promise<{ body: unknown } | { problem: PersonioRecordProblem } | null> {
	return orMissing(() => client.get(path), id, source);
}

async function orMissing<T>(
	read: () => Promise<T>,
	id: string,
	source: PersonioRecordProblem['source'],
): Promise<{ body: T } | { problem: PersonioRecordProblem } | null> {
	try {
		return { body: await read() };
	} catch (error) {
		if (error instanceof HrisHttpError && error.status === 404) return null;
		if (error instanceof HrisHttpError && error.status === 403)
			return {
				problem: {
					recordId: id,
					source,
					employeeId: id,
					field: 'id',
					problem: 'not readable with this credential (HTTP 403)',
				},
			};
		throw error;
	}
}

/** Per-id reads in order: employees, problems, and nothing for an id that names no employee. */
function collected(read: Array<Parsed<PersonioEmployee> | null>): EmployeesResult {
	const employees: PersonioEmployee[] = [];
	const problems: PersonioRecordProblem[] = [];
	for (const r of read) {
		if (r === null) continue;
		if ('problem' in r) problems.push(r.problem);
		else employees.push(r.ok);
	}
	return { employees, problems };
}

function unique(ids: string[]): string[] {
	return [...new Set(ids)];
}

function dedupe<T extends { id: string }>(list: T[]): T[] {
	const seen = new Set<string>();
	return list.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
