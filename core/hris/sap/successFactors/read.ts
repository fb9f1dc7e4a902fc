// SuccessFactors Employee Central → absences (EmployeeTime) and work patterns (EmpJob, WorkSchedule).
// Reads only the fields BEM needs ($select): never comments, never the German sickness extension.
import { HrisHttpError } from '../../http';
import { KindMapping, SF_DEFAULT_KIND_RULES } from '../kinds';
import { buildBemInputs, historyOf, type SapBemInputsResult } from '../bemInput';
import { SapODataClient } from '../odataClient';
import {
	allOf,
	anyOf,
	dateTimeLiteral,
	idChunks,
	sapDay,
	sapDecimal,
	sapText,
} from '../odataValues';
import { datesProblem, problem } from '../../records';
import {
	daysPerWeekProblem,
	harvest,
	newHarvest,
	hoursPerWorkdayOf,
	isHalfDay,
	sliceAt,
	workdaysFromDaysPerWeek,
} from '../records';
import type { DateRange, Parsed, SapAbsence, SapRecordProblem, SapWorkPattern } from '../types';
import { apiServerOf, sfAuthProvider, type SfConnection } from './auth';
import { cachedSfWorkPatterns, type SfPatternCache } from './cachedPatterns';
import { TokenCache } from '../../tokenCache';

export const DEFAULT_APPROVAL_STATUSES = ['APPROVED'];
const ID_CHUNK = 100;
const SOURCE_TIME = 'SuccessFactors EmployeeTime' as const;
const SOURCE_JOB = 'SuccessFactors EmpJob' as const;
const SOURCE_EMPLOYMENT = 'SuccessFactors EmpEmployment' as const;

export interface SfAbsenceQuery {
	range: DateRange;
	/** only these user ids (all if empty) */
	employeeIds?: string[];
	/** approvalStatus values to read (default APPROVED) */
	approvalStatuses?: string[];
	kinds?: KindMapping;
	/** keeps the work patterns between daily runs (the BEM store): only who changed is read again */
	workPatternCache?: SfPatternCache;
	/** the run's instant (tests); default now */
	now?: Date;
}

export function sfClient(conn: SfConnection): SapODataClient {
	return new SapODataClient({
		serviceRoot: `${apiServerOf(conn.apiServer)}/odata/v2`,
		system: 'SAP SuccessFactors',
		transport: conn.transport,
		auth: sfAuthProvider(conn),
		retry: conn.retry,
		paging: conn.paging,
		fixedQuery: { $format: 'json' },
	});
}

/** Names this tenant and API user in the work-pattern cache (API server, company and user, hashed). */
export function sfSourceKey(conn: SfConnection): string {
	const user = conn.auth.type === 'samlBearer' ? conn.auth.userId : conn.auth.username;
	return `sf:${TokenCache.keyOf(apiServerOf(conn.apiServer), conn.companyId, user).slice(0, 32)}`;
}

/** Ids in $filter-sized chunks (one undefined chunk = no id filter). */
export const chunks = (ids: string[] | undefined) => idChunks(ids, ID_CHUNK);

/** One EmployeeTime record → an absence, a problem, or null (a time type that does not count). */
export function parseEmployeeTime(
	raw: unknown,
	kinds: KindMapping,
	statuses: Set<string>,
): Parsed<SapAbsence> | null {
	const r = (raw ?? {}) as Record<string, unknown>;
	const id = sapText(r.externalCode);
	const userId = sapText(r.userId);
	if (id === null)
		return problem(SOURCE_TIME, null, userId, 'externalCode', 'the record has no externalCode');
	if (userId === null) return problem(SOURCE_TIME, id, null, 'userId', 'the record has no userId');
	const typeCode = sapText(r.timeType);
	if (typeCode === null)
		return problem(SOURCE_TIME, id, userId, 'timeType', 'the record has no time type');
	const kind = kinds.kindOf(typeCode);
	if (kind === null) return null;
	const status = sapText(r.approvalStatus);
	if (status !== null && !statuses.has(status.toUpperCase())) return null;
	const start = sapDay(r.startDate);
	const open = r.undeterminedEndDate === true || r.undeterminedEndDate === 'true';
	const end = open ? null : sapDay(r.endDate);
	const bad = datesProblem(start, end, open, { start: 'startDate', end: 'endDate' });
	if (bad) return problem(SOURCE_TIME, id, userId, bad.field, bad.text);
	const days = sapDecimal(r.quantityInDays);
	const hours = sapDecimal(r.quantityInHours);
	const half = isHalfDay(start as string, end, days);
	const absence: SapAbsence = {
		id,
		employeeId: userId,
		typeCode,
		kind,
		start: start as string,
		end,
		startHalf: half,
		endHalf: false,
		approvalStatus: status,
		source: SOURCE_TIME,
	};
	if (hours !== null && hours >= 0) absence.hours = hours;
	if (days !== null && days >= 0) absence.workingDays = days;
	return { ok: absence };
}

/** AU absences (by the time type mapping) overlapping the range, clipped to it. */
export async function readEmployeeTimes(
	client: SapODataClient,
	query: SfAbsenceQuery,
): Promise<{ absences: SapAbsence[]; problems: SapRecordProblem[] }> {
	const kinds = query.kinds ?? new KindMapping(SF_DEFAULT_KIND_RULES);
	const statuses = (
		query.approvalStatuses && query.approvalStatuses.length > 0
			? query.approvalStatuses
			: DEFAULT_APPROVAL_STATUSES
	).map((s) => s.toUpperCase());
	const approved = new Set(statuses);
	const codes = kinds.exactCodes();
	const got = newHarvest();
	for (const ids of chunks(query.employeeIds)) {
		const filter = allOf(
			`startDate le ${dateTimeLiteral(query.range.to)}`,
			`(endDate ge ${dateTimeLiteral(query.range.from)} or undeterminedEndDate eq true)`,
			anyOf('approvalStatus', statuses, 'in'),
			codes !== null && codes.length > 0 && anyOf('timeType', codes, 'in'),
			ids && anyOf('userId', ids, 'in'),
		);
		const select = [
			'externalCode',
			'userId',
			'timeType',
			'startDate',
			'endDate',
			'undeterminedEndDate',
			'quantityInDays',
			'quantityInHours',
			'approvalStatus',
		];
		for await (const page of client.pages('EmployeeTime', { filter, select })) {
			for (const raw of page) harvest(got, parseEmployeeTime(raw, kinds, approved), query.range);
		}
	}
	return { absences: got.absences, problems: got.problems };
}

interface JobSlice {
	id: string;
	validFrom: string | null;
	validTo: string | null;
	seq: number;
	daysPerWeek: number | null;
	weeklyHours: number | null;
	scheduleCode: string | null;
	location: string | null;
}

interface Schedule {
	daysPerWeek: number | null;
	hoursPerDay: number | null;
	hoursPerWeek: number | null;
}

/**
 * Work patterns of these users: every EmpJob slice overlapping the range becomes a history entry
 * (WorkSchedule fills a slice's missing days or hours); the slice valid at the end of the range is the
 * current pattern. The hire date is EmpEmployment's startDate (of the employment current at the range's end).
 */
export async function readWorkPatterns(
	client: SapODataClient,
	userIds: string[],
	range: DateRange,
): Promise<{ patterns: Map<string, SapWorkPattern>; problems: SapRecordProblem[] }> {
	const problems: SapRecordProblem[] = [];
	const jobs = new Map<string, JobSlice[]>();
	if (userIds.length === 0) return { patterns: new Map(), problems };
	for (const ids of chunks(userIds)) {
		const pages = client.pages('EmpJob', {
			filter: anyOf('userId', ids as string[], 'in'),
			select: [
				'userId',
				'startDate',
				'endDate',
				'seqNumber',
				'workingDaysPerWeek',
				'standardHours',
				'workscheduleCode',
				// the job's location: the case's Bundesland (Holiday State by Location)
				'location',
			],
			// effective-dated: without fromDate/toDate only today's slice comes back
			extra: { fromDate: range.from, toDate: range.to },
		});
		for await (const page of pages) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const userId = sapText(r.userId);
				const validFrom = sapDay(r.startDate);
				const id = `${userId ?? '?'}/${validFrom ?? '?'}/${sapText(r.seqNumber) ?? '1'}`;
				if (userId === null || validFrom === null) {
					problems.push(
						problem(
							SOURCE_JOB,
							id,
							userId,
							userId === null ? 'userId' : 'startDate',
							'the job record has no user id or start date',
						).problem,
					);
					continue;
				}
				const list = jobs.get(userId) ?? [];
				list.push({
					id,
					validFrom,
					validTo: sapDay(r.endDate),
					seq: sapDecimal(r.seqNumber) ?? 1,
					daysPerWeek: sapDecimal(r.workingDaysPerWeek),
					weeklyHours: sapDecimal(r.standardHours),
					scheduleCode: sapText(r.workscheduleCode),
					location: sapText(r.location),
				});
				jobs.set(userId, list);
			}
		}
	}
	const all = [...jobs.values()].flat();
	const schedules = await readSchedules(
		client,
		all.filter((j) => j.daysPerWeek === null || j.weeklyHours === null).map((j) => j.scheduleCode),
	);
	const hired = await readHireDates(client, [...jobs.keys()], range, problems).catch(
		(error: unknown) => {
			// an API user without EmpEmployment permission still gets its patterns: the hire date is reported missing
			if (!(error instanceof HrisHttpError && (error.status === 403 || error.status === 404)))
				throw error;
			problems.push(
				problem(
					SOURCE_EMPLOYMENT,
					null,
					null,
					'startDate',
					`EmpEmployment is not readable (HTTP ${error.status}): no hire date, so AU of an earlier employment is not told apart`,
				).problem,
			);
			return new Map<string, string>();
		},
	);
	const patterns = new Map<string, SapWorkPattern>();
	for (const [userId, slices] of jobs) {
		slices.sort((a, b) => a.seq - b.seq); // same start date: the highest sequence number wins
		const current = sliceAt(slices, range.to);
		if (!current) continue;
		const inRange = slices.filter(
			(j) => (j.validFrom as string) <= range.to && (j.validTo === null || j.validTo >= range.from),
		);
		const used = inRange.includes(current) ? inRange : [...inRange, current];
		const worked = new Map(used.map((j) => [j, jobPattern(j, userId, schedules, problems)]));
		const pattern = worked.get(current) as SapWorkPattern;
		pattern.history = historyOf(
			used.map((j) => ({ slice: j, pattern: worked.get(j) as SapWorkPattern })),
			range,
		);
		const since = hired.get(userId);
		if (since) pattern.employedSince = since;
		if (current.location) pattern.location = current.location;
		patterns.set(userId, pattern);
	}
	return { patterns, problems };
}

/** One EmpJob slice's pattern: its own days/hours, else its work schedule's, else Monday–Friday (a problem). */
function jobPattern(
	job: JobSlice,
	userId: string,
	schedules: Map<string, Schedule>,
	problems: SapRecordProblem[],
): SapWorkPattern {
	const schedule = job.scheduleCode ? schedules.get(job.scheduleCode) : undefined;
	let days =
		job.daysPerWeek !== null && job.daysPerWeek > 0
			? job.daysPerWeek
			: (schedule?.daysPerWeek ?? null);
	const odd = daysPerWeekProblem(
		days,
		'neither the job (workingDaysPerWeek) nor its work schedule states working days per week; Monday–Friday assumed',
		'working days per week',
	);
	if (odd) problems.push(problem(SOURCE_JOB, job.id, userId, 'workingDaysPerWeek', odd).problem);
	if (days === null || !(days > 0)) days = null;
	const workdays = workdaysFromDaysPerWeek(days ?? 5);
	const weekly = job.weeklyHours ?? schedule?.hoursPerWeek ?? null;
	const hoursPerDay = schedule?.hoursPerDay ?? (weekly !== null && days ? weekly / days : null);
	return {
		employeeId: userId,
		workdays,
		hoursPerWorkday: hoursPerWorkdayOf(workdays, hoursPerDay),
		daysPerWeek: days,
		recordId: job.id,
		validFrom: job.validFrom,
		history: [],
	};
}

/** EmpEmployment startDate per user: of the employment that started last on or before the range's end. */
async function readHireDates(
	client: SapODataClient,
	userIds: string[],
	range: DateRange,
	problems: SapRecordProblem[],
): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const ids of chunks(userIds)) {
		if (!ids) continue;
		const pages = client.pages('EmpEmployment', {
			filter: anyOf('userId', ids, 'in'),
			select: ['userId', 'personIdExternal', 'startDate'],
		});
		for await (const page of pages) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const userId = sapText(r.userId);
				if (userId === null) continue;
				const start = sapDay(r.startDate);
				if (start === null) {
					problems.push(
						problem(
							SOURCE_EMPLOYMENT,
							sapText(r.personIdExternal) ?? userId,
							userId,
							'startDate',
							'the employment has no start date: AU before the hire date cannot be told apart',
						).problem,
					);
					continue;
				}
				const known = out.get(userId);
				if (start <= range.to && (known === undefined || start > known)) out.set(userId, start);
			}
		}
	}
	return out;
}

async function readSchedules(
	client: SapODataClient,
	codes: Array<string | null>,
): Promise<Map<string, Schedule>> {
	const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
	const out = new Map<string, Schedule>();
	for (const part of chunks(wanted)) {
		if (!part) continue;
		const pages = client.pages('WorkSchedule', {
			filter: anyOf('externalCode', part, 'in'),
			select: [
				'externalCode',
				'averageWorkingDaysPerWeek',
				'averageHoursPerDay',
				'averageHoursPerWeek',
			],
		});
		for await (const page of pages) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const code = sapText(r.externalCode);
				if (code)
					out.set(code, {
						daysPerWeek: sapDecimal(r.averageWorkingDaysPerWeek),
						hoursPerDay: sapDecimal(r.averageHoursPerDay),
						hoursPerWeek: sapDecimal(r.averageHoursPerWeek),
					});
			}
		}
	}
	return out;
}

/** EmployeeTime + EmpJob → one ThresholdInput per employee with AU absences in the range. */
export async function readSfBemInputs(
	client: SapODataClient,
	query: SfAbsenceQuery,
): Promise<SapBemInputsResult> {
	const read = await readEmployeeTimes(client, query);
	const userIds = [...new Set(read.absences.map((a) => a.employeeId))].sort();
	const work = query.workPatternCache
		? await cachedSfWorkPatterns(client, userIds, query.range, query.workPatternCache, query.now)
		: { ...(await readWorkPatterns(client, userIds, query.range)), commit: async () => {} };
	const built = buildBemInputs(work.patterns, read.absences, SOURCE_JOB);
	// the cache moves on only after a read that succeeded as a whole
	await work.commit();
	return {
		inputs: built.inputs,
		problems: [...read.problems, ...work.problems, ...built.problems],
	};
}
