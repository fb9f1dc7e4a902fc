// SAP HCM on premise via a Gateway OData service: infotype 2001 absences and infotype 0007 planned
// working time, read through the customer's field mapping. Only the mapped fields are requested
// ($select), so illness indicators (KENN1/KENN2) and texts never leave SAP.
import { buildBemInputs, historyOf, type SapBemInputsResult } from '../bemInput';
import { HCM_DEFAULT_KIND_RULES, KindMapping } from '../kinds';
import { SapODataClient } from '../odataClient';
import {
	allOf,
	anyOf,
	datsLiteral,
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
import {
	DEFAULT_ABSENCE_FIELDS,
	DEFAULT_WORK_TIME_FIELDS,
	type AbsenceFields,
	type HcmDateType,
	type WorkTimeFields,
} from './fields';
import type { HttpTransport, PagingCaps, RetryPolicy } from '../../http';

const SOURCE_ABSENCE = 'SAP HCM IT2001' as const;
const SOURCE_WORK = 'SAP HCM IT0007' as const;
// personnel numbers per $filter: Gateway has no `in`, each adds "Pernr eq '00001234' or "
const ID_CHUNK = 40;

export type HcmAuth =
	| { type: 'basic'; username: string; password: string }
	| { type: 'bearer'; token: string };

export interface HcmConnection {
	/** service root, e.g. https://erp.example.local:44300/sap/opu/odata/sap/ZHR_BEM_SRV */
	serviceUrl: string;
	/** SAP client (Mandant), sent as sap-client on every request */
	sapClient?: string;
	auth: HcmAuth;
	/** carries TLS settings (self-signed, CA) in the node */
	transport: HttpTransport;
	retry?: RetryPolicy;
	/** page and item caps of one entity-set read */
	paging?: PagingCaps;
}

export interface HcmQuery {
	range: DateRange;
	/** only these personnel numbers (all if empty) */
	employeeIds?: string[];
	kinds?: KindMapping;
	absenceFields?: AbsenceFields;
	workTimeFields?: WorkTimeFields;
	/** $top/$skip page size when the service sends no __next (default 500) */
	pageSize?: number;
	/** send the date/AWART/PERNR conditions as $filter (default true); off for services without filter support */
	serverFilter?: boolean;
}

export function hcmAuthHeader(auth: HcmAuth): string {
	return auth.type === 'basic'
		? `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`
		: `Bearer ${auth.token}`;
}

export function hcmClient(conn: HcmConnection): SapODataClient {
	const fixedQuery: Record<string, string> = { $format: 'json' };
	if (conn.sapClient && conn.sapClient.trim() !== '')
		fixedQuery['sap-client'] = conn.sapClient.trim();
	// static credentials: no renewal after a 401, so the auth header is a plain header (a 401 fails at once)
	return new SapODataClient({
		serviceRoot: conn.serviceUrl,
		system: 'SAP HCM',
		transport: conn.transport,
		retry: conn.retry,
		paging: conn.paging,
		fixedQuery,
		headers: { Authorization: hcmAuthHeader(conn.auth) },
	});
}

const literal = (type: HcmDateType, day: string) =>
	type === 'dats' ? datsLiteral(day) : dateTimeLiteral(day);

/** Personnel numbers in $filter-sized chunks (one undefined chunk = no filter). */
export const chunks = (ids: string[] | undefined) => idChunks(ids, ID_CHUNK);

/** One IT2001 record → an absence, a problem, or null (an AWART that does not count). */
export function parseIt2001(
	raw: unknown,
	f: AbsenceFields,
	kinds: KindMapping,
): Parsed<SapAbsence> | null {
	const r = (raw ?? {}) as Record<string, unknown>;
	const pernr = sapText(r[f.employeeId]);
	const awart = sapText(r[f.absenceType]);
	const key = [pernr ?? '', awart ?? '', sapText(r[f.start]) ?? '', sapText(r[f.end]) ?? ''];
	if (f.sequence !== '') key.push(sapText(r[f.sequence]) ?? '');
	const id = key.join('/');
	if (pernr === null)
		return problem(SOURCE_ABSENCE, id, null, f.employeeId, 'the record has no personnel number');
	if (awart === null)
		return problem(SOURCE_ABSENCE, id, pernr, f.absenceType, 'the record has no absence type');
	const kind = kinds.kindOf(awart);
	if (kind === null) return null;
	const start = sapDay(r[f.start]);
	const end = sapDay(r[f.end]);
	const bad = datesProblem(start, end, false, { start: f.start, end: f.end });
	if (bad) return problem(SOURCE_ABSENCE, id, pernr, bad.field, bad.text);
	const days = sapDecimal(r[f.workingDays]);
	const hours = sapDecimal(r[f.hours]);
	const calendarDays = sapDecimal(r[f.calendarDays]);
	const absence: SapAbsence = {
		id,
		employeeId: pernr,
		typeCode: awart,
		kind,
		start: start as string,
		end,
		startHalf: isHalfDay(start as string, end, days),
		endHalf: false,
		source: SOURCE_ABSENCE,
	};
	if (hours !== null && hours >= 0) absence.hours = hours;
	if (days !== null && days >= 0) absence.workingDays = days;
	if (calendarDays !== null && calendarDays >= 0) absence.calendarDays = calendarDays;
	return { ok: absence };
}

/** AU absences (by the AWART mapping) overlapping the range, clipped to it. */
export async function readIt2001(
	client: SapODataClient,
	query: HcmQuery,
): Promise<{ absences: SapAbsence[]; problems: SapRecordProblem[] }> {
	const f = query.absenceFields ?? DEFAULT_ABSENCE_FIELDS;
	const kinds = query.kinds ?? new KindMapping(HCM_DEFAULT_KIND_RULES);
	const codes = kinds.exactCodes();
	const serverFilter = query.serverFilter ?? true;
	const select = [
		f.employeeId,
		f.absenceType,
		f.start,
		f.end,
		f.workingDays,
		f.hours,
		f.calendarDays,
		f.sequence,
	].filter((s) => s !== '');
	const got = newHarvest();
	for (const ids of serverFilter ? chunks(query.employeeIds) : [undefined]) {
		const filter = serverFilter
			? allOf(
					`${f.start} le ${literal(f.dateType, query.range.to)}`,
					`${f.end} ge ${literal(f.dateType, query.range.from)}`,
					codes !== null && codes.length > 0 && anyOf(f.absenceType, codes, 'or'),
					ids && anyOf(f.employeeId, ids, 'or'),
				)
			: undefined;
		const only =
			query.employeeIds && query.employeeIds.length > 0 ? new Set(query.employeeIds) : null;
		for await (const page of client.pages(f.entitySet, {
			filter,
			select,
			pageSize: query.pageSize ?? 500,
		})) {
			for (const raw of page)
				harvest(
					got,
					parseIt2001(raw, f, kinds),
					query.range,
					(a) => !only || only.has(a.employeeId),
				);
		}
	}
	return { absences: got.absences, problems: got.problems };
}

interface WorkSlice {
	id: string;
	validFrom: string | null;
	validTo: string | null;
	days: number | null;
	hoursPerDay: number | null;
	hoursPerWeek: number | null;
	hired: string | null;
	location: string | null;
}

/**
 * Work patterns from IT0007 (WKWDY, ARBST, WOSTD): every record over the range (BEGDA/ENDDA) is a
 * history entry, the record valid at the end of the range the current pattern; the hire date from the
 * configured field (`hireDate`) of that record.
 */
export async function readIt0007(
	client: SapODataClient,
	pernrs: string[],
	query: HcmQuery,
): Promise<{ patterns: Map<string, SapWorkPattern>; problems: SapRecordProblem[] }> {
	const f = query.workTimeFields ?? DEFAULT_WORK_TIME_FIELDS;
	const hireField = f.hireDate ? f.hireDate : null;
	const locationField = f.location ? f.location : null;
	const serverFilter = query.serverFilter ?? true;
	const problems: SapRecordProblem[] = [];
	const slices = new Map<string, WorkSlice[]>();
	if (pernrs.length === 0) return { patterns: new Map(), problems };
	const wanted = new Set(pernrs);
	for (const ids of serverFilter ? chunks(pernrs) : [undefined]) {
		const filter = serverFilter
			? allOf(
					`${f.start} le ${literal(f.dateType, query.range.to)}`,
					`${f.end} ge ${literal(f.dateType, query.range.from)}`,
					ids && anyOf(f.employeeId, ids, 'or'),
				)
			: undefined;
		const select = [f.employeeId, f.start, f.end, f.daysPerWeek, f.hoursPerDay, f.hoursPerWeek];
		if (hireField) select.push(hireField);
		if (locationField) select.push(locationField);
		for await (const page of client.pages(f.entitySet, {
			filter,
			select,
			pageSize: query.pageSize ?? 500,
		})) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const pernr = sapText(r[f.employeeId]);
				const validFrom = sapDay(r[f.start]);
				const id = `${pernr ?? ''}/${sapText(r[f.start]) ?? ''}/${sapText(r[f.end]) ?? ''}`;
				if (pernr === null || validFrom === null) {
					problems.push(
						problem(
							SOURCE_WORK,
							id,
							pernr,
							pernr === null ? f.employeeId : f.start,
							'the planned working time record has no personnel number or start date',
						).problem,
					);
					continue;
				}
				if (!wanted.has(pernr)) continue;
				const list = slices.get(pernr) ?? [];
				list.push({
					id,
					validFrom,
					validTo: sapDay(r[f.end]),
					days: sapDecimal(r[f.daysPerWeek]),
					hoursPerDay: sapDecimal(r[f.hoursPerDay]),
					hoursPerWeek: sapDecimal(r[f.hoursPerWeek]),
					hired: hireField ? sapDay(r[hireField]) : null,
					location: locationField ? sapText(r[locationField]) : null,
				});
				slices.set(pernr, list);
			}
		}
	}
	const patterns = new Map<string, SapWorkPattern>();
	for (const [pernr, list] of slices) {
		const current = sliceAt(list, query.range.to);
		if (!current) continue;
		const used = list.filter(
			(w) =>
				w === current ||
				((w.validFrom as string) <= query.range.to &&
					(w.validTo === null || w.validTo >= query.range.from)),
		);
		const worked = new Map(used.map((w) => [w, workPattern(w, pernr, f, problems)]));
		const pattern = worked.get(current) as SapWorkPattern;
		pattern.history = historyOf(
			used.map((w) => ({ slice: w, pattern: worked.get(w) as SapWorkPattern })),
			query.range,
		);
		if (current.location) pattern.location = current.location;
		if (current.hired) pattern.employedSince = current.hired;
		else if (hireField)
			problems.push(
				problem(
					SOURCE_WORK,
					current.id,
					pernr,
					hireField,
					'no hire date on the planned working time record: AU before the hire date cannot be told apart',
				).problem,
			);
		patterns.set(pernr, pattern);
	}
	return { patterns, problems };
}

/** One IT0007 record's pattern: WKWDY weekdays (Monday–Friday if missing, a problem), ARBST or WOSTD hours. */
function workPattern(
	slice: WorkSlice,
	pernr: string,
	f: WorkTimeFields,
	problems: SapRecordProblem[],
): SapWorkPattern {
	let days = slice.days !== null && slice.days > 0 ? slice.days : null;
	const odd = daysPerWeekProblem(
		days,
		'no weekly workdays (WKWDY) in the planned working time; Monday–Friday assumed',
		'weekly workdays',
	);
	if (odd) problems.push(problem(SOURCE_WORK, slice.id, pernr, f.daysPerWeek, odd).problem);
	const workdays = workdaysFromDaysPerWeek(days ?? 5);
	days = days ?? 5;
	const hoursPerDay =
		slice.hoursPerDay !== null && slice.hoursPerDay > 0
			? slice.hoursPerDay
			: slice.hoursPerWeek !== null
				? slice.hoursPerWeek / days
				: null;
	return {
		employeeId: pernr,
		workdays,
		hoursPerWorkday: hoursPerWorkdayOf(workdays, hoursPerDay),
		daysPerWeek: slice.days,
		recordId: slice.id,
		validFrom: slice.validFrom,
		history: [],
	};
}

/** IT2001 + IT0007 → one ThresholdInput per employee with AU absences in the range. */
export async function readHcmBemInputs(
	client: SapODataClient,
	query: HcmQuery,
): Promise<SapBemInputsResult> {
	const read = await readIt2001(client, query);
	const pernrs = [...new Set(read.absences.map((a) => a.employeeId))].sort();
	const work = await readIt0007(client, pernrs, query);
	const built = buildBemInputs(work.patterns, read.absences, SOURCE_WORK);
	return {
		inputs: built.inputs,
		problems: [...read.problems, ...work.problems, ...built.problems],
	};
}
