// An employee's work pattern (which weekdays, how many hours) — the engine's `workdays` and
// `hoursPerWorkday`. v1 has the per-day work schedule; v2 only weekly hours, from which the days
// are derived (configurable, because a 24-hour week may be 3 long days or 5 short ones).

import type { WorkPattern as HistoryEntry } from '../../threshold/types';

export type WeeklyHoursRule = 'mondayToFriday' | 'proportional';

export interface WorkPattern {
	workdays: number[];
	hoursPerWorkday: Record<string, number>;
	source: 'work_schedule' | 'weekly_hours' | 'default';
}

const WEEKDAYS = [
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday',
] as const;

/** 'HH:MM' → hours, or null if not that shape. */
function hoursOf(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const m = /^(\d\d):(\d\d)$/.exec(value.trim());
	return m ? Number(m[1]) + Number(m[2]) / 60 : null;
}

/** From v1 `work_schedule` attributes (monday … sunday 'HH:MM'): the days with hours > 0. Null if unusable. */
export function patternFromSchedule(schedule: unknown): WorkPattern | null {
	if (schedule === null || typeof schedule !== 'object') return null;
	const s = schedule as Record<string, unknown>;
	const hoursPerWorkday: Record<string, number> = {};
	const workdays: number[] = [];
	WEEKDAYS.forEach((day, i) => {
		const h = hoursOf(s[day]);
		if (h !== null && h > 0) {
			workdays.push(i + 1);
			hoursPerWorkday[String(i + 1)] = Math.round(h * 100) / 100;
		}
	});
	return workdays.length > 0 ? { workdays, hoursPerWorkday, source: 'work_schedule' } : null;
}

/**
 * From weekly hours: 'mondayToFriday' spreads them over Mon–Fri; 'proportional' works
 * round(5 × weekly ÷ full-time) days from Monday (24 of 40 h → Mon–Wed, 8 h each).
 */
export function patternFromWeeklyHours(
	weekly: number | null,
	fullTime: number | null,
	rule: WeeklyHoursRule,
): WorkPattern {
	if (weekly === null || !(weekly > 0)) {
		return { workdays: [1, 2, 3, 4, 5], hoursPerWorkday: {}, source: 'default' };
	}
	let days = 5;
	if (rule === 'proportional' && fullTime !== null && fullTime > 0) {
		days = Math.min(5, Math.max(1, Math.round((5 * weekly) / fullTime)));
	}
	const workdays = [1, 2, 3, 4, 5].slice(0, days);
	const perDay = Math.round((weekly / days) * 100) / 100;
	return {
		workdays,
		hoursPerWorkday: Object.fromEntries(workdays.map((d) => [String(d), perDay])),
		source: 'weekly_hours',
	};
}

/** A pattern as a history entry from `from` (contract v2 `workPatterns`). */
export function entryOf(from: string, pattern: WorkPattern): HistoryEntry {
	const entry: HistoryEntry = { from, workdays: pattern.workdays };
	if (Object.keys(pattern.hoursPerWorkday).length > 0)
		entry.hoursPerWorkday = pattern.hoursPerWorkday;
	return entry;
}
