// Absences for a date range, v1 or v2, as the kind mapping selects them (sickness only by default),
// clipped to the range. Every unusable record becomes a problem with Personio's id.
import { todayInBerlin } from '../../calendar/today';
import type { PersonioClient } from './client';
import { selectedTypes, SICKNESS_ONLY, type AbsenceSelection } from './kinds';
import { itemOffsetPages, pageIndexPages } from './pagesV1';
import { collectCursor, cursorPages } from './pagesV2';
import { parseAbsencePeriodV1, parseTimeOffTypeV1, parseTimeOffV1 } from './parseV1';
import { parseAbsencePeriodV2, parseAbsenceTypeV2, parseBreakdownV2 } from './parseV2';
import { clipAbsence, sumDays, widenForWhollyInside } from './records';
import type {
	DateRange,
	PersonioAbsence,
	PersonioAbsenceType,
	PersonioRecordProblem,
} from './types';

export interface AbsenceQuery {
	range: DateRange;
	/** only these Personio employee / person ids (all if empty) */
	employeeIds?: string[];
	selection?: AbsenceSelection;
	/** v2: fetch per-day breakdowns for day-unit types too (hour-unit types always get them) */
	dayAmounts?: boolean;
	/**
	 * v1 time-offs returns only absences lying wholly inside the queried range, so the query reaches
	 * this many days further on both sides (default 550: long AU spells run past Krankengeld's 78 weeks).
	 */
	v1MarginDays?: number;
}

export interface AbsencesResult {
	absences: PersonioAbsence[];
	problems: PersonioRecordProblem[];
}

/**
 * A record as Personio sent it, before clipping to a range: the absence with what narrows its totals
 * when clipped (v2 breakdowns, v1 hourly breakdowns or total). The incremental absence mode caches these.
 */
export interface RawAbsence {
	absence: PersonioAbsence;
	/** per-day amounts (v2 breakdowns with their unit; v1 absence periods' hours) */
	perDay?: Array<{ date: string; amount: number; unit?: 'day' | 'hour' }>;
}

export interface RawAbsencesResult {
	raws: RawAbsence[];
	problems: PersonioRecordProblem[];
	/** the id of every record Personio returned, selected or not (a delta read removes the others) */
	seen: string[];
}

const V1_EMPLOYEE_CHUNK = 50;

export async function readAbsences(
	client: PersonioClient,
	query: AbsenceQuery,
): Promise<AbsencesResult> {
	const read = await readRawAbsences(client, query);
	return { absences: clipRaws(read.raws, query.range), problems: read.problems };
}

/** The records of the query unclipped (deduplicated), with `updatedSince` only those changed since. */
export async function readRawAbsences(
	client: PersonioClient,
	query: AbsenceQuery & { updatedSince?: string },
): Promise<RawAbsencesResult> {
	const selection = query.selection ?? SICKNESS_ONLY;
	const out: RawAbsencesResult = { raws: [], problems: [], seen: [] };
	if (client.version === 'v1') await readV1(client, query, selection, out);
	else await readV2(client, query, selection, out);
	const seen = new Set<string>();
	out.raws = out.raws.filter((r) =>
		seen.has(keyOf(r.absence)) ? false : (seen.add(keyOf(r.absence)), true),
	);
	return out;
}

/** A record's key: its source and Personio's id (v1 time-off ids and absence-period UUIDs differ). */
export const keyOf = (a: Pick<PersonioAbsence, 'source' | 'id'>) => `${a.source}/${a.id}`;

/** The records' parts inside `range`, their totals narrowed as each source allows. */
export function clipRaws(raws: RawAbsence[], range: DateRange): PersonioAbsence[] {
	const out: PersonioAbsence[] = [];
	for (const r of raws) {
		const clipped = clipRaw(r, range);
		if (clipped) out.push(clipped);
	}
	return out;
}

function clipRaw({ absence, perDay = [] }: RawAbsence, range: DateRange): PersonioAbsence | null {
	if (absence.source === 'v1 time-off') return clipAbsence(absence, range);
	if (absence.source === 'v1 absence period') {
		const total = absence.hours;
		const spanDays = (a: string, b: string) =>
			Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;
		return clipAbsence(absence, range, (from, to) => {
			if (perDay.length > 0) return sumDays(perDay, from, to);
			if (total === undefined || absence.end === null) return undefined;
			return (
				Math.round(((total * spanDays(from, to)) / spanDays(absence.start, absence.end)) * 100) /
				100
			);
		});
	}
	const clipped = clipAbsence(absence, range);
	if (!clipped) return null;
	const end = clipped.end ?? range.to;
	const hours = perDay.filter((d) => d.unit === 'hour');
	const days = perDay.filter((d) => d.unit === 'day');
	if (hours.length > 0) clipped.hours = sumDays(hours, clipped.start, end);
	if (days.length > 0) clipped.days = sumDays(days, clipped.start, end);
	return clipped;
}

/** Personio's id of a raw record (v1: attributes.id, v2: id), to tell which ids a delta returned. */
function rawId(raw: unknown, v1: boolean): string | null {
	const r = (raw ?? {}) as Record<string, unknown>;
	const holder = v1 ? ((r.attributes ?? {}) as Record<string, unknown>) : r;
	const id = holder.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function chunks(ids: string[] | undefined): Array<string[] | undefined> {
	if (!ids || ids.length === 0) return [undefined];
	const out: string[][] = [];
	for (let i = 0; i < ids.length; i += V1_EMPLOYEE_CHUNK)
		out.push(ids.slice(i, i + V1_EMPLOYEE_CHUNK));
	return out;
}

async function readV1(
	client: PersonioClient,
	query: AbsenceQuery & { updatedSince?: string },
	selection: AbsenceSelection,
	out: RawAbsencesResult,
) {
	const { range, updatedSince } = query;
	const types = new Map<string, PersonioAbsenceType>();
	for await (const page of itemOffsetPages(client, '/company/time-off-types', {}, 200)) {
		for (const raw of page) {
			const t = parseTimeOffTypeV1(raw);
			if (t) types.set(t.id, t);
		}
	}
	const wide = widenForWhollyInside(range, query.v1MarginDays ?? 550);
	// a delta read asks for every change, whatever its dates: an absence moved out of the range too
	// time-offs' updated_from is a day (Berlin's, as Personio's German tenants keep it), absence-periods' an instant
	const dates = updatedSince
		? { updated_from: todayInBerlin(new Date(updatedSince)) }
		: { start_date: wide.from, end_date: wide.to };
	const hourDates = updatedSince
		? { updated_from: updatedSince }
		: { start_date: range.from, end_date: range.to };
	// v1 filters neither endpoint by day-unit type; an endpoint none of the selected types lives on is not asked
	const selected = selectedTypes(types, selection);
	const units = new Set(selected === null ? ['day', 'hour'] : selected.map((t) => t.unit));
	const days = units.has('day') || units.has(null);
	const hours = units.has('hour') || units.has(null);
	for (const ids of chunks(query.employeeIds)) {
		const employees = ids?.map(Number);
		if (days)
			for await (const page of pageIndexPages(client, '/company/time-offs', {
				...dates,
				'employees[]': employees,
			})) {
				for (const raw of page) {
					const id = rawId(raw, true);
					if (id !== null) out.seen.push(`v1 time-off/${id}`);
					const parsed = parseTimeOffV1(raw, selection);
					if (parsed === null) continue;
					if ('problem' in parsed) out.problems.push(parsed.problem);
					else out.raws.push({ absence: parsed.ok });
				}
			}
		// hour-unit types: intersect semantics, no widening needed
		if (!hours) continue;
		for await (const page of pageIndexPages(client, '/company/absence-periods', {
			...hourDates,
			'employees[]': employees,
		})) {
			for (const raw of page) {
				const id = rawId(raw, true);
				if (id !== null) out.seen.push(`v1 absence period/${id}`);
				const parsed = parseAbsencePeriodV1(raw, types, selection);
				if (parsed === null) continue;
				if ('problem' in parsed) out.problems.push(parsed.problem);
				else out.raws.push({ absence: parsed.ok.absence, perDay: parsed.ok.perDay });
			}
		}
	}
}

async function readV2(
	client: PersonioClient,
	query: AbsenceQuery & { updatedSince?: string },
	selection: AbsenceSelection,
	out: RawAbsencesResult,
) {
	const types = new Map<string, PersonioAbsenceType>();
	for (const raw of await collectCursor(client, '/v2/absence-types', { limit: 100 })) {
		const t = parseAbsenceTypeV2(raw);
		if (t) types.set(t.id, t);
	}
	const persons =
		query.employeeIds && query.employeeIds.length > 0 ? query.employeeIds : [undefined];
	// only the selected types' periods cross the wire (one read per type; null = every type); a delta
	// read asks for every type, so that a period changed to another type leaves the cache
	const selected = query.updatedSince ? null : selectedTypes(types, selection);
	const typeIds = selected === null ? [undefined] : selected.map((t) => t.id);
	for (const person of persons)
		for (const typeId of typeIds)
			await readPeriodsV2(client, query, selection, types, person, typeId, out);
}

async function readPeriodsV2(
	client: PersonioClient,
	query: AbsenceQuery & { updatedSince?: string },
	selection: AbsenceSelection,
	types: Map<string, PersonioAbsenceType>,
	person: string | undefined,
	typeId: string | undefined,
	out: RawAbsencesResult,
) {
	const { range, updatedSince } = query;
	const qs = {
		limit: 100,
		'person.id': person,
		'absence_type.id': typeId,
		...(updatedSince
			? { 'updated_at.gte': updatedSince }
			: {
					// date filters match absences overlapping the period
					'starts_from.date_time.lte': `${range.to}T23:59:59`,
					'ends_at.date_time.gte': `${range.from}T00:00:00`,
				}),
	};
	for await (const page of cursorPages(client, '/v2/absence-periods', qs)) {
		for (const raw of page) {
			const id = rawId(raw, false);
			if (id !== null) out.seen.push(`v2 absence period/${id}`);
			const parsed = parseAbsencePeriodV2(raw, types, selection);
			if (parsed === null) continue;
			if ('problem' in parsed) {
				out.problems.push(parsed.problem);
				continue;
			}
			const absence = parsed.ok;
			const unit = types.get(absence.typeId)?.unit;
			let perDay: Array<{ date: string; amount: number; unit: 'day' | 'hour' }> = [];
			if (unit === 'hour' || query.dayAmounts) {
				perDay = (
					await collectCursor(
						client,
						`/v2/absence-periods/${encodeURIComponent(absence.id)}/breakdowns`,
						{ limit: 28 },
					)
				)
					.map(parseBreakdownV2)
					.filter((b): b is NonNullable<typeof b> => b !== null);
			}
			out.raws.push(perDay.length > 0 ? { absence, perDay } : { absence });
		}
	}
}
