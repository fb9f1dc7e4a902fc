// Personio v1 payloads (attribute-wrapped employees, time-offs, hourly absence periods) → our records.
import { z } from 'zod';

import { lastLocalDay, localDay } from './dates';
import { kindOf, type AbsenceSelection } from './kinds';
import { datesProblem, problem } from '../records';
import type { Parsed, PersonioAbsence, PersonioAbsenceType, PersonioEmployee } from './types';
import {
	entryOf,
	patternFromSchedule,
	patternFromWeeklyHours,
	type WeeklyHoursRule,
} from './workPattern';

const obj = z.record(z.unknown());
/** `{label, value, type, universal_id}` → value */
const wrapped = (a: Record<string, unknown> | undefined, key: string): unknown => {
	const v = a?.[key];
	return v !== null && typeof v === 'object' && 'value' in (v as object)
		? (v as { value: unknown }).value
		: undefined;
};
const str = (v: unknown): string | null =>
	typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null;
const num = (v: unknown): number | null => {
	const n =
		typeof v === 'number'
			? v
			: typeof v === 'string' && v.trim() !== ''
				? Number(v.replace(',', '.'))
				: NaN;
	return Number.isFinite(n) ? n : null;
};
/** booleans, but the community reports 0/1 integers too */
const flag = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';
const attrs = (v: unknown): Record<string, unknown> | undefined => {
	const parsed = z.object({ attributes: obj }).passthrough().safeParse(v);
	return parsed.success ? parsed.data.attributes : undefined;
};

export function parseEmployeeV1(
	raw: unknown,
	weeklyRule: WeeklyHoursRule,
): Parsed<PersonioEmployee> {
	const a = attrs(raw);
	const id = str(wrapped(a, 'id'));
	if (!a || id === null) return problem('v1 employee', null, null, 'id', 'the employee has no id');
	const weeklyHours = num(wrapped(a, 'weekly_working_hours'));
	const schedule = attrs(wrapped(a, 'work_schedule'));
	const pattern =
		patternFromSchedule(schedule) ?? patternFromWeeklyHours(weeklyHours, null, weeklyRule);
	const department = attrs(wrapped(a, 'department'));
	const supervisor = attrs(wrapped(a, 'supervisor'));
	const office = str(attrs(wrapped(a, 'office'))?.name);
	// v1 carries only today's schedule; its valid_from (often null) is the one change date it tells
	const validFrom = localDay(schedule?.valid_from);
	const until = localDay(wrapped(a, 'termination_date'));
	return {
		ok: {
			id,
			firstName: str(wrapped(a, 'first_name')),
			lastName: str(wrapped(a, 'last_name')),
			email: str(wrapped(a, 'email')),
			status: str(wrapped(a, 'status')),
			department: str(department?.name),
			supervisorId: str(wrapped(supervisor, 'id') ?? supervisor?.id),
			weeklyHours,
			workdays: pattern.workdays,
			hoursPerWorkday: pattern.hoursPerWorkday,
			workPatternSource: pattern.source,
			employedSince: localDay(wrapped(a, 'hire_date')),
			workPatterns: validFrom ? [entryOf(validFrom, pattern)] : [],
			...(office ? { location: office } : {}),
			// a leaver's last day: their cached patterns and AU periods are purged after it (store purgeExpired)
			...(until ? { employedUntil: until } : {}),
		},
	};
}

export function parseTimeOffTypeV1(raw: unknown): PersonioAbsenceType | null {
	const a = attrs(raw);
	const id = str(a?.id);
	if (!a || id === null) return null;
	const unit = a.unit === 'hour' ? 'hour' : a.unit === 'day' ? 'day' : null;
	return { id, name: str(a.name), category: str(a.category), unit };
}

/** `/company/time-offs` (day-unit types). Null = a type the selection leaves out. */
export function parseTimeOffV1(
	raw: unknown,
	selection: AbsenceSelection,
): Parsed<PersonioAbsence> | null {
	const a = attrs(raw) ?? {};
	const id = a.id;
	const employeeId = str(wrapped(attrs(a.employee), 'id'));
	const typeAttrs = attrs(a.time_off_type);
	const type = {
		id: str(typeAttrs?.id) ?? '',
		name: str(typeAttrs?.name),
		category: str(typeAttrs?.category),
	};
	const kind = kindOf(type, selection);
	if (kind === null) return null;
	if (id === undefined || id === null)
		return problem('v1 time-off', null, employeeId, 'id', 'the time-off has no id');
	if (employeeId === null)
		return problem('v1 time-off', id, null, 'employee', 'the time-off names no employee');
	const start = localDay(a.start_date);
	const end = localDay(a.end_date);
	const bad = datesProblem(start, end, false);
	if (bad)
		return problem(
			'v1 time-off',
			id,
			employeeId,
			bad.field === 'start' ? 'start_date' : 'end_date',
			bad.text,
		);
	const days = num(a.days_count);
	return {
		ok: {
			id: String(id),
			employeeId,
			typeId: type.id,
			typeName: type.name,
			category: type.category,
			kind,
			start: start as string,
			end,
			startHalf: flag(a.half_day_start),
			endHalf: flag(a.half_day_end),
			...(days !== null ? { days } : {}),
			status: str(a.status),
			source: 'v1 time-off',
		},
	};
}

export interface HourlyPeriodV1 {
	absence: PersonioAbsence;
	/** hours per day from `breakdowns` (minutes / 60) */
	perDay: Array<{ date: string; amount: number }>;
}

/** `/company/absence-periods` (hour-unit types); the category comes from the time-off type list. */
export function parseAbsencePeriodV1(
	raw: unknown,
	typesById: Map<string, PersonioAbsenceType>,
	selection: AbsenceSelection,
): Parsed<HourlyPeriodV1> | null {
	const a = attrs(raw) ?? {};
	const id = a.id;
	const employeeId = str(wrapped(attrs(a.employee), 'id'));
	const typeAttrs = attrs(a.absence_type);
	const typeId = str(typeAttrs?.id) ?? '';
	const listed = typesById.get(str(typeAttrs?.time_off_type_id) ?? '') ?? typesById.get(typeId);
	const type = {
		id: typeId,
		name: str(typeAttrs?.name) ?? listed?.name ?? null,
		category: listed?.category ?? null,
	};
	const kind = kindOf(type, selection) ?? (listed ? kindOf(listed, selection) : null);
	if (kind === null) return null;
	if (id === undefined || id === null)
		return problem('v1 absence period', null, employeeId, 'id', 'the absence period has no id');
	if (employeeId === null)
		return problem(
			'v1 absence period',
			id,
			null,
			'employee',
			'the absence period names no employee',
		);
	const zone = str(a.timezone) ?? undefined;
	const start = localDay(a.start, zone);
	const end = a.end === null || a.end === undefined ? null : lastLocalDay(a.end, zone);
	const bad = datesProblem(start, end, true);
	if (bad) return problem('v1 absence period', id, employeeId, bad.field, bad.text);
	const minutes = num(a.effective_duration);
	const perDay = (Array.isArray(a.breakdowns) ? a.breakdowns : [])
		.map((b) => obj.safeParse(b))
		.filter((b) => b.success)
		.map((b) => ({
			date: String(b.data.date),
			amount: (num(b.data.effective_duration) ?? 0) / 60,
		}));
	return {
		ok: {
			absence: {
				id: String(id),
				employeeId,
				typeId,
				typeName: type.name,
				category: type.category,
				kind,
				start: start as string,
				end,
				startHalf: flag(a.half_day_start),
				endHalf: flag(a.half_day_end),
				...(minutes !== null ? { hours: Math.round((minutes / 60) * 100) / 100 } : {}),
				status: str(a.status),
				source: 'v1 absence period',
			},
			perDay,
		},
	};
}

export { num, str };
