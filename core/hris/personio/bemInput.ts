// Personio → the threshold contract's ThresholdInput, one per employee, ready for BEM Threshold.
// Only the engine's fields and ids leave: no names, no types' names, no comments or certificates.
import type { AbsenceRecord, ThresholdInput, WorkPattern } from '../../threshold/types';
import { toAbsenceRecord, type DateRange } from '../records';
import { inForceOver } from '../workHistory';
import type { PersonioClient } from './client';
import { readAbsences, type AbsenceQuery } from './readAbsences';
import { HrisHttpError } from '../http';
import type { WorkPatternStore } from '../patternCache';
import { cachedWorkPatterns } from './cachedPatterns';
import {
	direct,
	incrementalAbsences,
	type AbsenceCacheOptions,
	type IncrementalAbsences,
} from './incrementalAbsences';
import {
	DIRECT_READ_MAX_IDS,
	employmentsOf,
	listWorkPatternsV1,
	readEmployees,
	readEmployeesByIds,
	type EmployeesResult,
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
	/** the employee's office (v1: its name; v2 employments: its id), mapped to a Bundesland by the threshold options */
	location?: string;
}

export interface BemInputQuery extends AbsenceQuery {
	weeklyHoursRule?: WeeklyHoursRule;
	/** also one item for employees with no selected absence in the range (default false) */
	includeEmployeesWithoutAbsences?: boolean;
	/**
	 * v2 credentials: 'cheapest' (default) reads work patterns and hire dates from v1's employee listing
	 * (100 per page, with the per-weekday schedule), falling back to employments where v1 is not
	 * available; 'employments' reads v2 employments of each person with absences (one call each), whose
	 * dated employments carry a part-time switch recorded as a new employment.
	 */
	workPatternSource?: WorkPatternSource;
	/**
	 * Keeps everyone's work pattern between runs (the BEM store): the next run asks v1's listing only
	 * for who changed since the last successful run (one request instead of one per 100 employees).
	 */
	workPatternCache?: WorkPatternStore;
	/**
	 * The optional incremental absence mode: the AU periods stay sealed in the BEM file and a daily run
	 * asks only for what changed (core/hris/personio/incrementalAbsences.ts). Off when absent.
	 */
	absenceCache?: AbsenceCacheOptions;
}

export type WorkPatternSource = 'cheapest' | 'employments';

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
		if (e.location) input.location = e.location;
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
	const absences: IncrementalAbsences = query.absenceCache
		? await incrementalAbsences(client, query, query.absenceCache)
		: direct(await readAbsences(client, query));
	const problems = [...absences.problems];
	const read = await employeesFor(client, query, absences.absences, rule);
	problems.push(...read.problems);
	const build = (list: PersonioAbsence[]) =>
		buildBemInputs(read.employees, list, query.includeEmployeesWithoutAbsences ?? false, {
			range: query.range,
			version: read.version,
		});
	let built = build(absences.absences);
	// a cached period Personio deleted must not make anyone Due or Approaching
	const suspects = query.absenceCache?.suspects?.(built.inputs) ?? [];
	if (await absences.verify(suspects)) built = build(absences.current());
	// the caches move on only after a read that succeeded as a whole
	await read.commit?.();
	await absences.commit();
	return { inputs: built.inputs, problems: [...problems, ...built.problems] };
}

type EmployeesRead = EmployeesResult & {
	/** the API the work patterns came from */
	version: PersonioApiVersion;
	/** saves what the cache learnt */
	commit?: () => Promise<void>;
};

/**
 * The employees the BEM input needs, from the cheapest source: a few wanted ids directly; else v1's
 * listing (everyone's schedule and hire date, 100 per page; with the cache only who changed since the
 * last run), also for a v2 credential; v2 employments (one call per person with absences) where v1 is
 * not available or `workPatternSource` asks for them.
 */
async function employeesFor(
	client: PersonioClient,
	query: BemInputQuery,
	absences: PersonioAbsence[],
	rule: WeeklyHoursRule,
): Promise<EmployeesRead> {
	const all = query.includeEmployeesWithoutAbsences ?? false;
	const restrict = query.employeeIds && query.employeeIds.length > 0 ? query.employeeIds : null;
	const withAbsences = new Set(absences.map((a) => a.employeeId));
	const wanted = (id: string) =>
		(all || withAbsences.has(id)) && (!restrict || restrict.includes(id));
	if (client.version === 'v1') {
		if (restrict && restrict.length <= DIRECT_READ_MAX_IDS)
			return { ...(await readEmployeesByIds(client, restrict, rule)), version: 'v1' };
		return { ...(await listing(client, query, rule, wanted)), version: 'v1' };
	}
	const direct = restrict?.filter(wanted);
	if (direct && direct.length <= DIRECT_READ_MAX_IDS)
		// a few wanted ids: read them directly, in their order, instead of listing anyone
		return { ...(await readEmployeesByIds(client, direct, rule)), version: 'v2' };
	if ((query.workPatternSource ?? 'cheapest') === 'cheapest') {
		const listed = await v1Listing(client, query, rule, wanted);
		if (listed) return { ...listed, version: 'v1' };
	}
	if (all)
		return {
			...(await readEmployees(client, { employeeIds: query.employeeIds, weeklyHoursRule: rule })),
			version: 'v2',
		};
	return {
		...(await employmentsOf(client, [...withAbsences].filter(wanted), rule)),
		version: 'v2',
	};
}

/** v1's listing (through the cache when there is one), the wanted employees of it. */
async function listing(
	client: PersonioClient,
	query: BemInputQuery,
	rule: WeeklyHoursRule,
	wanted: (id: string) => boolean,
): Promise<EmployeesResult & { commit?: () => Promise<void> }> {
	const read = query.workPatternCache
		? await cachedWorkPatterns(client, rule, query.workPatternCache)
		: await listWorkPatternsV1(client.v1(), rule);
	return { ...read, employees: read.employees.filter((e) => wanted(e.id)) };
}

/** The v1 listing for a v2 credential; null when the credential may not use v1 (401/403/404 there). */
async function v1Listing(
	client: PersonioClient,
	query: BemInputQuery,
	rule: WeeklyHoursRule,
	wanted: (id: string) => boolean,
): Promise<(EmployeesResult & { commit?: () => Promise<void> }) | null> {
	try {
		return await listing(client, query, rule, wanted);
	} catch (error) {
		if (error instanceof HrisHttpError && [401, 403, 404].includes(error.status ?? 0)) return null;
		throw error;
	}
}
