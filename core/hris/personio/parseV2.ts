// Personio v2 payloads (persons, employments, absence periods, absence types) → our records.
import { z } from 'zod';

import { addDays, localDay } from './dates';
import { kindOf, type AbsenceSelection } from './kinds';
import { num, str } from './parseV1';
import { datesProblem, problem } from '../records';
import type { Parsed, PersonioAbsence, PersonioAbsenceType, PersonioEmployee } from './types';
import { entryOf, patternFromWeeklyHours, type WeeklyHoursRule } from './workPattern';

const obj = z.record(z.unknown());
const rec = (v: unknown): Record<string, unknown> | undefined => {
	const parsed = obj.safeParse(v);
	return parsed.success ? parsed.data : undefined;
};

export interface PersonV2 {
	id: string;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	status: string | null;
}

export function parsePersonV2(raw: unknown): Parsed<PersonV2> {
	const p = rec(raw) ?? {};
	const id = str(p.id);
	if (id === null) return problem('v2 person', null, null, 'id', 'the person has no id');
	return {
		ok: {
			id,
			firstName: str(p.first_name),
			lastName: str(p.last_name),
			email: str(p.email),
			status: str(p.status),
		},
	};
}

/** The person's current employment: the first ACTIVE one, else the most recent (Personio lists newest first). */
export function pickEmployment(employments: unknown[]): Record<string, unknown> | null {
	const all = employments.map(rec).filter((e): e is Record<string, unknown> => e !== undefined);
	return all.find((e) => String(e.status ?? '').toUpperCase() === 'ACTIVE') ?? all[0] ?? null;
}

/** The pattern of one employment, from its weekly hours against full time. */
function employmentPattern(
	employment: Record<string, unknown> | null,
	weeklyRule: WeeklyHoursRule,
) {
	return patternFromWeeklyHours(
		num(employment?.weekly_working_hours),
		num(employment?.full_time_weekly_working_hours),
		weeklyRule,
	);
}

/**
 * The person with their current employment, and every employment as a dated pattern (oldest first):
 * v2 has no per-weekday schedule and no history within one employment, so each employment's start is
 * the only change date it tells. Employments without a start date are left out of the history.
 */
export function employeeFromV2(
	person: PersonV2,
	employment: Record<string, unknown> | null,
	weeklyRule: WeeklyHoursRule,
	employments: unknown[] = employment ? [employment] : [],
): PersonioEmployee {
	const weeklyHours = num(employment?.weekly_working_hours);
	const pattern = employmentPattern(employment, weeklyRule);
	const slices = employments
		.map(rec)
		.filter((e): e is Record<string, unknown> => e !== undefined)
		.map((e) => ({ e, from: localDay(e.employment_start_date) }))
		.filter((x): x is { e: Record<string, unknown>; from: string } => x.from !== null)
		.sort((a, b) => a.from.localeCompare(b.from));
	const orgUnits = Array.isArray(employment?.org_units) ? employment.org_units.map(rec) : [];
	const department = orgUnits.find((u) => String(u?.type ?? '').toLowerCase() === 'department');
	// v2 names the office by id only (office{id}); a name where a payload carries one
	const office = rec(employment?.office);
	const location = str(office?.name) ?? str(office?.id);
	return {
		...person,
		status: str(employment?.status) ?? person.status,
		department: str(department?.name) ?? str(department?.id),
		supervisorId: str(rec(employment?.supervisor)?.id),
		weeklyHours,
		workdays: pattern.workdays,
		hoursPerWorkday: pattern.hoursPerWorkday,
		workPatternSource: pattern.source,
		employedSince: employedSince(employment, slices),
		workPatterns: slices.map((x) => entryOf(x.from, employmentPattern(x.e, weeklyRule))),
		...(location ? { location } : {}),
	};
}

/**
 * The hire date: the start of the current employment, reaching back through employments that end the
 * day before the next begins (a part-time switch recorded as a new employment is no new hire).
 */
function employedSince(
	current: Record<string, unknown> | null,
	dated: Array<{ e: Record<string, unknown>; from: string }>,
): string | null {
	let since = localDay(current?.employment_start_date);
	if (since === null) return null;
	for (let i = dated.length - 1; i >= 0; i--) {
		const end = localDay(dated[i].e.employment_end_date);
		if (dated[i].from < since && end !== null && addDays(end, 1) >= since) since = dated[i].from;
	}
	return since;
}

export function parseAbsenceTypeV2(raw: unknown): PersonioAbsenceType | null {
	const t = rec(raw);
	const id = str(t?.id);
	if (!t || id === null) return null;
	const unit = String(t.unit ?? '').toUpperCase();
	return {
		id,
		name: str(t.name),
		category: str(t.category),
		unit: unit.startsWith('HOUR') ? 'hour' : unit.startsWith('DA') ? 'day' : null,
	};
}

const DROPPED_STATUSES = new Set(['CANCELLED', 'CANCELED', 'REJECTED']);

/** Null = a type the selection leaves out, or a cancelled/rejected request (not an absence). */
export function parseAbsencePeriodV2(
	raw: unknown,
	typesById: Map<string, PersonioAbsenceType>,
	selection: AbsenceSelection,
): Parsed<PersonioAbsence> | null {
	const a = rec(raw) ?? {};
	const typeId = str(rec(a.absence_type)?.id) ?? '';
	const listed = typesById.get(typeId);
	const kind = kindOf(listed ?? { id: typeId, name: null, category: null }, selection);
	if (kind === null) return null;
	const status = str(rec(a.approval)?.status);
	if (status !== null && DROPPED_STATUSES.has(status.toUpperCase())) return null;
	const id = str(a.id);
	const employeeId = str(rec(a.person)?.id);
	if (id === null)
		return problem('v2 absence period', null, employeeId, 'id', 'the absence period has no id');
	if (employeeId === null)
		return problem(
			'v2 absence period',
			id,
			null,
			'person.id',
			'the absence period names no person',
		);
	const zone = str(a.timezone_id) ?? undefined;
	const from = rec(a.starts_from);
	const to = rec(a.ends_at);
	// one client writes {date, type} instead of {date_time, type}: accept both
	const start = localDay(from?.date_time ?? from?.date, zone);
	const end = to ? localDay(to.date_time ?? to.date, zone) : null;
	if (to && end === null)
		return problem('v2 absence period', id, employeeId, 'ends_at', 'the end is not a date');
	const bad = datesProblem(start, end, true);
	if (bad)
		return problem(
			'v2 absence period',
			id,
			employeeId,
			bad.field === 'start' ? 'starts_from' : 'ends_at',
			bad.text,
		);
	return {
		ok: {
			id,
			employeeId,
			typeId,
			typeName: listed?.name ?? null,
			category: listed?.category ?? null,
			kind,
			start: start as string,
			end,
			// starting in the afternoon / ending at noon makes the edge a half day
			startHalf: String(from?.type ?? '').toUpperCase() === 'SECOND_HALF',
			endHalf: String(to?.type ?? '').toUpperCase() === 'FIRST_HALF',
			status,
			source: 'v2 absence period',
		},
	};
}

/** A breakdown entry `{date, effective_duration: {unit: DAY|HOUR, value}}` → {date, unit, amount}. */
export function parseBreakdownV2(
	raw: unknown,
): { date: string; unit: 'day' | 'hour'; amount: number } | null {
	const b = rec(raw);
	const d = rec(b?.effective_duration);
	const date = str(b?.date);
	const amount = num(d?.value);
	if (!b || date === null || amount === null) return null;
	return {
		date,
		unit: String(d?.unit ?? '')
			.toUpperCase()
			.startsWith('HOUR')
			? 'hour'
			: 'day',
		amount,
	};
}
