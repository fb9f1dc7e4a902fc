// The work-pattern switch case every connector's history test serves from its local server (issue 12):
// full time until May, three days a week from 1 June 2026, sick on ten Tuesdays and Thursdays in spring.
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
