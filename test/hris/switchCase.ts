// The work-pattern switch case every connector's history test serves from its local server (issue 12):
// full time until May, three days a week from 1 June 2026, sick on ten Tuesdays and Thursdays in spring.
import type { ThresholdInput } from '../../core';

export const SWITCH_RANGE = { from: '2025-11-23', to: '2026-11-22' };
export const SPRING_TUE_THU = [
	'2026-03-03',
	'2026-03-05',
	'2026-03-10',
	'2026-03-12',
	'2026-03-17',
	'2026-03-19',
	'2026-04-14',
	'2026-04-16',
	'2026-04-21',
	'2026-04-23',
];

// ---- The whole case, as every connector's workflow-equivalence test serves it (issue 12) ----

/** The switcher works Monday–Friday until this day, three days a week (as SAP and Personio v2 tell it: Monday–Wednesday) after it. */
export const LAST_FULL_TIME_DAY = '2026-05-31';
export const FIRST_PART_TIME_DAY = '2026-06-01';
export const SWITCHER_HIRED = '2019-04-01';
/** The control employee: full time throughout, rehired on this day after an earlier employment. */
export const CONTROL_REHIRED = '2026-02-01';
export const CONTROL_EARLIER_EMPLOYMENT = { from: '2015-01-01', to: '2025-12-31' };

/**
 * The AU records of both: three weeks in January (15 days on the full-time week), the ten spring
 * Tuesdays/Thursdays (two weeks), Monday to Friday 7–11 September (three working days on the
 * three-day week: one week).
 */
export const SWITCH_SPELLS: Array<{ start: string; end: string }> = [
	{ start: '2026-01-05', end: '2026-01-23' },
	...SPRING_TUE_THU.map((d) => ({ start: d, end: d })),
	{ start: '2026-09-07', end: '2026-09-11' },
];

/**
 * What the contract (v2, AU weeks) says, worked by hand. Switcher: 3 + 2 + 1 = 6 AU weeks, reached on
 * the third September day (Wed 9 Sep). Counted on today's three-day pattern alone (what a connector that
 * drops the history gives): 9 + 5 + 3 = 17 of 18 working days, approaching. Control: the January spell
 * lies before the rehire, 10 + 5 = 15 of 30 days, three weeks, below.
 */
export const SWITCH_EXPECTED = {
	switcher: { status: 'due', reachedOn: '2026-09-09', reason: 'cumulative', countedAuWeeks: 6 },
	switcherOnTodaysPattern: {
		status: 'approaching',
		reachedOn: null,
		reason: null,
		countedAuWeeks: 5.6667,
	},
	control: { status: 'below', reachedOn: null, reason: null, countedAuWeeks: 3 },
} as const;

const FIVE = [1, 2, 3, 4, 5];
const THREE = [1, 2, 3];

/** The same records written down directly (no connector), as core's engine reads them. */
export function switchInputs(switcherId: string, controlId: string): ThresholdInput[] {
	return [
		{
			employeeId: switcherId,
			workdays: THREE,
			workPatterns: [
				{ from: SWITCHER_HIRED, workdays: FIVE },
				{ from: FIRST_PART_TIME_DAY, workdays: THREE },
			],
			employedSince: SWITCHER_HIRED,
			absences: SWITCH_SPELLS,
		},
		{
			employeeId: controlId,
			workdays: FIVE,
			employedSince: CONTROL_REHIRED,
			absences: SWITCH_SPELLS,
		},
	];
}

/** The switcher's records on today's pattern only: what the engine gives when the history is lost. */
export function withoutHistory(input: ThresholdInput): ThresholdInput {
	const { workPatterns: _dropped, ...rest } = input;
	return rest;
}

/** Working days of a spell on Monday to the given weekday count (what SAP states as the absence's days). */
export function workingDaysOf(spell: { start: string; end: string }, daysPerWeek: number): number {
	let n = 0;
	for (let t = Date.parse(spell.start); t <= Date.parse(spell.end); t += 86_400_000) {
		const weekday = ((new Date(t).getUTCDay() + 6) % 7) + 1;
		if (weekday <= daysPerWeek) n++;
	}
	return n;
}
