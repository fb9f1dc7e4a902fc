import fc from 'fast-check';

import {
	evaluateThreshold,
	evaluateThresholdDetailed,
	type ThresholdInput,
	type ThresholdOptions,
	type WorkPattern,
} from '../../core';
import { isPlainHistory, workPatternsSchema } from '../../core/threshold/pattern';
import { REF, run } from './run';

// Contract v2: the work-pattern history (AU weeks), employedSince, and the other v2 points, plus the
// works-agreement options across a pattern switch (docs/threshold-contract.md, "When the pattern changes").
const FULL = [1, 2, 3, 4, 5];
const MWF = [1, 3, 5];
/** single AU days */
const days = (...dates: string[]) => dates.map((d) => ({ start: d, end: d }));
// 18 Mondays, Wednesdays and Fridays from 2026-03-02 to 2026-04-10 (6 weeks of a 3-day week)
const mwfSpring = Array.from({ length: 6 }, (_, w) => {
	const monday = new Date(Date.UTC(2026, 2, 2 + 7 * w));
	return [0, 2, 4].map((o) => new Date(monday.getTime() + o * 86400000).toISOString().slice(0, 10));
}).flat();

describe('AU weeks over a work-pattern history', () => {
	const history: WorkPattern[] = [
		{ from: '2025-01-01', workdays: FULL },
		{ from: '2026-03-01', workdays: MWF },
	];
	it('18 thirds of a week reach 6 exactly, on the 18th day', () => {
		const r = run(days(...mwfSpring), {}, { workPatterns: history });
		expect(r).toMatchObject({
			status: 'due',
			reachedOn: '2026-04-10',
			reason: 'cumulative',
			countedWorkingDays: 18,
			countedAuWeeks: 6,
			thresholdWorkingDays: 18,
			remainingWorkingDays: 0,
		});
		// 17 are not enough, also with exceeds 18 are not
		expect(run(days(...mwfSpring.slice(1)), {}, { workPatterns: history })).toMatchObject({
			status: 'approaching',
			countedAuWeeks: 5.6667,
			remainingWorkingDays: 1,
		});
		expect(
			run(days(...mwfSpring), { comparison: 'exceeds' }, { workPatterns: history }).status,
		).toBe('approaching');
		// 36 half days of a third of a week each
		expect(
			run(
				[...days(...mwfSpring), ...days(...mwfSpring)].map((r, i) => ({
					...r,
					...(i < 18 ? { startHalf: true } : { endHalf: true }),
				})),
				{ halfDayWeight: 0.5 },
				{ workPatterns: history },
			).countedAuWeeks,
		).toBe(3);
	});
	it('counts each day on the pattern in force that day, not on today’s', () => {
		// full time in January (10 days = 2 weeks), Tue/Thu in March are not working days on Mon/Wed/Fri
		const r = run(
			[
				{ start: '2026-01-05', end: '2026-01-16' },
				...days('2026-03-03', '2026-03-05', '2026-03-06'),
			],
			{},
			{ workPatterns: history },
		);
		expect(r).toMatchObject({ countedWorkingDays: 11, countedAuWeeks: 2.3333 });
		expect(r.remainingWorkingDays).toBe(11);
	});
	it('the threshold and the margin are those of the pattern in force at the reference date', () => {
		const r = run(days('2026-03-02'), { referenceDate: '2026-02-27' }, { workPatterns: history });
		expect(r).toMatchObject({ thresholdWorkingDays: 30, countedAuWeeks: 0 });
	});
	it('weekly hours that change: AU hours ÷ the weekly hours in force', () => {
		const hours = (h: number) => ({ 1: h, 2: h, 3: h, 4: h, 5: h });
		const r = run(
			[
				{ start: '2026-01-05', end: '2026-01-23' }, // 15 days × 8 h = 3 of 40-hour weeks
				{ start: '2026-09-07', end: '2026-09-25' }, // 15 days × 4 h = 3 of 20-hour weeks
			],
			{ basis: 'hours' },
			{
				workPatterns: [
					{ from: '2025-01-01', workdays: FULL, hoursPerWorkday: hours(8) },
					{ from: '2026-07-01', workdays: FULL, hoursPerWorkday: hours(4) },
				],
			},
		);
		expect(r).toMatchObject({
			status: 'due',
			reachedOn: '2026-09-25',
			reason: 'cumulative',
			countedHours: 180,
			thresholdHours: 120,
			countedWorkingDays: 30,
			countedAuWeeks: 6,
		});
	});
});

describe('employedSince', () => {
	it('AU of an earlier employment does not count and is reported', () => {
		const { result, ignored } = evaluateThresholdDetailed(
			{
				employeeId: 'E',
				employedSince: '2026-04-01',
				absences: [
					{ start: '2026-01-05', end: '2026-02-13' },
					{ start: '2026-03-30', end: '2026-04-02' },
				],
			},
			{ referenceDate: REF },
		);
		expect(result).toMatchObject({ windowStart: '2026-04-01', countedWorkingDays: 2 });
		expect(ignored.beforeEmployment).toBe(1);
		expect(ignored.beforeLastClosure).toBe(0);
	});
	it('a closure after the hire date still moves the window', () => {
		expect(
			run([], {}, { employedSince: '2026-01-01', lastBemClosedOn: '2026-05-31' }).windowStart,
		).toBe('2026-06-01');
	});
});

describe('the other v2 points', () => {
	it('warning margin: one working week of the pattern by default, an explicit one still rules', () => {
		const spells = [
			{ start: '2026-03-02', end: '2026-03-13' },
			...days('2026-05-04', '2026-05-06'),
		];
		// Mon/Wed/Fri: 6 + 2 = 8 of 18, 10 left
		expect(run(spells, {}, { workdays: MWF })).toMatchObject({
			remainingWorkingDays: 10,
			status: 'below',
		});
		expect(run(spells, { warningWorkingDays: 10 }, { workdays: MWF }).status).toBe('approaching');
	});
	it('endHalf of an ongoing record is ignored; of a cut-short record it stays on its real last day', () => {
		const half = { halfDayWeight: 0.5 };
		expect(run([{ start: '2026-11-16', endHalf: true }], half).countedWorkingDays).toBe(5);
		expect(
			run([{ start: '2026-11-20', end: '2026-11-24', endHalf: true }], half).countedWorkingDays,
		).toBe(1);
		expect(
			run([{ start: REF, end: '2026-11-23', endHalf: true }], {
				...half,
				referenceDate: '2026-11-20',
			}).countedWorkingDays,
		).toBe(0);
		expect(
			run([{ start: '2026-11-20', end: '2026-11-24', endHalf: true }], {
				...half,
				referenceDate: '2026-11-20',
			}).countedWorkingDays,
		).toBe(1);
		// a one-day record with either flag is still a half day
		expect(
			run([{ start: '2026-11-20', end: '2026-11-20', endHalf: true }], half).countedWorkingDays,
		).toBe(0.5);
	});
	it("basis hours: a cut-short record's hours spread to its real end; the largest record's hours per day", () => {
		const pattern = { hoursPerWorkday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 } };
		// 40 h over Mon 16 – Fri 20 Nov, reference date Wed 18 Nov: 3 of 5 days = 24 h
		expect(
			run(
				[{ start: '2026-11-16', end: '2026-11-20', hours: 40 }],
				{ basis: 'hours', referenceDate: '2026-11-18' },
				pattern,
			).countedHours,
		).toBe(24);
		expect(
			run(
				[
					{ start: '2026-11-16', end: '2026-11-20', hours: 20 },
					{ start: '2026-11-18', end: '2026-11-18', hours: 6 },
					{ start: '2026-11-19', end: '2026-11-19' },
				],
				{ basis: 'hours' },
				pattern,
			).countedHours,
		).toBe(4 + 4 + 6 + 8 + 4);
	});
	it('date-time strings are Berlin dates; garbage is bad input', () => {
		expect(
			run([{ start: '2026-11-15T23:30:00Z', end: '2026-11-16T10:00:00+01:00' }]).countedWorkingDays,
		).toBe(1);
		expect(() => run([{ start: '2026-03-02Tnonsense' }])).toThrow(
			'Employee "E", absence #0, field "start"',
		);
		expect(() => run([{ start: '2026-03-02', end: '2026-03-02T25:00' }])).toThrow('field "end"');
	});
	it('kinds are compared trimmed and case-insensitively', () => {
		const { result, ignored } = evaluateThresholdDetailed(
			{
				employeeId: 'E',
				absences: [
					{ start: '2026-03-02', end: '2026-03-02', kind: ' Sick ' },
					{ start: '2026-03-03', end: '2026-03-03', kind: 'HOSPITAL' },
					{ start: '2026-03-04', end: '2026-03-04', kind: 'Rehab' },
					{ start: '2026-03-05', end: '2026-03-05', kind: 'Vacation' },
				],
			},
			{
				referenceDate: REF,
				rehabRequiresCertificate: true,
				countedKinds: ['SICK', 'hospital ', 'rehab'],
			},
		);
		expect(result.countedWorkingDays).toBe(2);
		expect(ignored).toMatchObject({ kindNotCounted: 1, rehabWithoutCertificate: 1 });
	});
});

describe('bad input (v2)', () => {
	it.each<[string, Partial<ThresholdInput>, string]>([
		[
			'closure after the reference date',
			{ lastBemClosedOn: '2026-11-23' },
			'field "lastBemClosedOn": is after the reference date',
		],
		['bad hire date', { employedSince: 'soon' }, 'field "employedSince"'],
		[
			'from not increasing',
			{
				workPatterns: [
					{ from: '2026-01-01', workdays: FULL },
					{ from: '2026-01-01', workdays: MWF },
				],
			},
			'field "workPatterns.1.from": must be after the previous entry\'s from',
		],
		[
			'from not a date',
			{ workPatterns: [{ from: '2026-02-30', workdays: FULL }] },
			'field "workPatterns.0.from": must be a date',
		],
		[
			'empty workdays',
			{ workPatterns: [{ from: '2026-01-01', workdays: [] }] },
			'field "workPatterns.0.workdays": must not be empty',
		],
		[
			'weekday out of range',
			{ workPatterns: [{ from: '2026-01-01', workdays: [1, 8] }] },
			'field "workPatterns.0.workdays.1": must be an ISO weekday 1–7',
		],
		[
			'workdays missing',
			{ workPatterns: [{ from: '2026-01-01' } as WorkPattern] },
			'field "workPatterns.0.workdays": is missing',
		],
		[
			'unknown field',
			{ workPatterns: [{ from: '2026-01-01', workdays: FULL, secret: 'x' } as WorkPattern] },
			'field "workPatterns.0"',
		],
		['empty history', { workPatterns: [] }, 'field "workPatterns": must not be empty'],
		[
			'not a list',
			{ workPatterns: 'full time' as unknown as WorkPattern[] },
			'field "workPatterns": must be a list of work patterns',
		],
	])('%s', (_name, extra, message) => {
		expect(() => run([], {}, extra)).toThrow(message);
	});
	it('never repeats the value', () => {
		const secret = 'diagnosis F32.1';
		for (const workPatterns of [
			[{ from: secret, workdays: FULL }],
			[{ from: '2026-01-01', workdays: [secret] }],
			[{ from: '2026-01-01', workdays: FULL, [secret]: 1 }],
			[{ from: '2026-01-01', workdays: FULL, hoursPerWorkday: { 1: secret } }],
		]) {
			const call = () => run([], { basis: 'hours' }, { workPatterns } as unknown as ThresholdInput);
			expect(call).toThrow(/workPatterns/);
			expect(call).not.toThrow(/F32/);
		}
	});
	it('basis hours needs the hours of every entry', () => {
		expect(() =>
			run(
				[],
				{ basis: 'hours' },
				{
					workPatterns: [
						{ from: '2026-01-01', workdays: FULL, hoursPerWorkday: { 1: 8 } },
						{ from: '2026-06-01', workdays: MWF },
					],
				},
			),
		).toThrow('field "workPatterns.1.hoursPerWorkday"');
	});
});

describe('works-agreement options across a pattern switch', () => {
	const toMwf: WorkPattern[] = [
		{ from: '2025-01-01', workdays: FULL },
		{ from: '2026-03-01', workdays: MWF },
	];
	it('calendar-only model: every AU calendar day against 42, the pattern does not matter', () => {
		const spells = Array.from({ length: 11 }, (_, i) => {
			const friday = new Date(Date.UTC(2026, 0, 2 + 14 * i));
			const monday = new Date(friday.getTime() + 3 * 86400000);
			return { start: friday.toISOString().slice(0, 10), end: monday.toISOString().slice(0, 10) };
		});
		const withHistory = run(spells, { model: 'calendar' }, { workPatterns: toMwf });
		expect(withHistory).toEqual(run(spells, { model: 'calendar' }, { workdays: MWF }));
		expect(withHistory).toMatchObject({
			reachedOn: '2026-05-23',
			countedWorkingDays: 44,
			thresholdWorkingDays: 42,
			countedAuWeeks: 6.2857,
		});
	});
	it('BG RCI general 30: AU on Mon–Fri against 30, whatever the pattern in force', () => {
		const spells = [{ start: '2026-02-23', end: '2026-03-08' }];
		const withHistory = run(spells, { partTimeRule: 'general30' }, { workPatterns: toMwf });
		expect(withHistory).toEqual(run(spells, { partTimeRule: 'general30' }, { workdays: MWF }));
		expect(withHistory).toMatchObject({
			countedWorkingDays: 10,
			thresholdWorkingDays: 30,
			countedAuWeeks: 2,
		});
	});
	it('fixed 365 days: the window is shorter, each day still counts on its own pattern', () => {
		const history: WorkPattern[] = [
			{ from: '2026-01-01', workdays: FULL },
			{ from: '2027-06-01', workdays: MWF },
		];
		const absences = [...days('2027-03-01', '2027-03-02'), ...days('2027-06-02')];
		const at = { referenceDate: '2028-02-29' };
		expect(run(absences, at, { workPatterns: history })).toMatchObject({
			windowStart: '2027-03-01',
			countedAuWeeks: 0.7333,
		});
		expect(
			run(absences, { ...at, windowLength: 'fixed365' }, { workPatterns: history }),
		).toMatchObject({ windowStart: '2027-03-02', countedAuWeeks: 0.5333, countedWorkingDays: 2 });
	});
	it('holidays: a holiday is left out where it falls on a working day of the pattern in force', () => {
		const history: WorkPattern[] = [
			{ from: '2025-01-01', workdays: FULL },
			{ from: '2026-06-01', workdays: [2, 4] },
		];
		// Good Friday 3 April on the full week; Corpus Christi Thursday 4 June (NW) on the Tue/Thu week
		const absences = [
			{ start: '2026-03-30', end: '2026-04-03' },
			{ start: '2026-06-01', end: '2026-06-05' },
		];
		expect(run(absences, {}, { workPatterns: history })).toMatchObject({
			countedWorkingDays: 7,
			countedAuWeeks: 2,
		});
		expect(run(absences, { excludeHolidaysOf: 'NW' }, { workPatterns: history })).toMatchObject({
			countedWorkingDays: 5,
			countedAuWeeks: 1.3,
		});
	});
	it('bridging: the gap must be non-working under the pattern in force on those days', () => {
		const absences = [
			...days('2026-03-02'),
			{ start: '2026-03-04', end: '2026-03-04', followUp: true },
		];
		expect(run(absences, { bridgeGaps: 'followUp' }, { workPatterns: toMwf })).toMatchObject({
			longestContinuousCalendarDays: 3,
			countedWorkingDays: 2,
		});
		// the same Tuesday is a working day before the switch: no bridge
		const before = [
			...days('2026-02-23'),
			{ start: '2026-02-25', end: '2026-02-25', followUp: true },
		];
		expect(
			run(before, { bridgeGaps: 'followUp' }, { workPatterns: toMwf })
				.longestContinuousCalendarDays,
		).toBe(1);
	});
	it('Reha with certificate: only certified rehab counts, on the pattern in force', () => {
		const { result, ignored } = evaluateThresholdDetailed(
			{
				employeeId: 'E',
				workPatterns: toMwf,
				absences: [
					{ start: '2026-01-05', end: '2026-01-09', kind: 'rehab' },
					{ start: '2026-03-02', end: '2026-03-06', kind: 'rehab', certified: true },
				],
			},
			{ referenceDate: REF, rehabRequiresCertificate: true },
		);
		expect(result).toMatchObject({ countedWorkingDays: 3, countedAuWeeks: 1 });
		expect(ignored.rehabWithoutCertificate).toBe(1);
	});
});

describe('the hand check of a history agrees with its zod schema', () => {
	it('accepts exactly what the schema accepts', () => {
		const value = fc.oneof(
			fc.constantFrom(1, 3, 7, 0, 8, 2.5, -1, NaN, Infinity, '1', null, undefined, true),
			fc.string({ maxLength: 3 }),
		);
		const often = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
			fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });
		const entry = fc
			.record(
				{
					from: often(fc.constant('2026-01-01'), value),
					workdays: often(
						fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
						fc.oneof(fc.array(value, { maxLength: 4 }), value),
					),
					hoursPerWorkday: often(
						fc.oneof(fc.constant({ 1: 8, 5: 4 }), fc.constant(null)),
						fc.oneof(
							fc.dictionary(fc.constantFrom('1', '5', '7', '0', '8', '10', 'x'), value, {
								maxKeys: 3,
							}),
							value,
						),
					),
				},
				{ requiredKeys: [] },
			)
			.chain((e) =>
				often(
					fc.constant(e),
					value.map((extra) => ({ ...e, extra })),
				),
			);
		const histories = often(fc.array(often(entry, value), { maxLength: 3 }), value);
		let accepted = 0;
		fc.assert(
			fc.property(histories, (h) => {
				const ok = workPatternsSchema.safeParse(h).success;
				accepted += ok ? 1 : 0;
				expect(isPlainHistory(h)).toBe(ok);
			}),
			{ numRuns: 2000 },
		);
		expect(accepted).toBeGreaterThan(200); // both sides of the check are exercised
	});
});
