import {
	evaluateThreshold,
	evaluateThresholdDetailed,
	type AbsenceRecord,
	type ThresholdInput,
	type ThresholdOptions,
} from '../../core';
import { REF, run } from './run';

// One test per rule and option of threshold-contract.md and the works-agreement options (§1.9).

describe('rule 1: the window', () => {
	it('runs from the reference date minus one year plus one day', () => {
		expect(run([])).toMatchObject({ windowStart: '2025-11-23', windowEnd: '2026-11-22' });
	});
	it('never starts before the day after the last closure; a closure on the reference date leaves it empty', () => {
		expect(run([], {}, { lastBemClosedOn: '2026-02-01' })).toMatchObject({
			windowStart: '2026-02-02',
		});
		const empty = run([{ start: '2026-11-01', end: '2026-11-22' }], {}, { lastBemClosedOn: REF });
		expect(empty).toMatchObject({
			windowStart: '2026-11-23',
			windowEnd: REF,
			countedWorkingDays: 0,
			longestContinuousCalendarDays: 0,
			status: 'below',
		});
	});
	it('option fixed365: the last 365 days', () => {
		expect(run([], { windowLength: 'fixed365', referenceDate: '2028-02-29' })).toMatchObject({
			windowStart: '2027-03-02',
		});
		expect(run([], { referenceDate: '2028-02-29' })).toMatchObject({ windowStart: '2027-03-01' });
	});
});

describe('rule 2: what counts', () => {
	it('counts each day once across overlaps and ignores other kinds, reporting them', () => {
		const { result, ignored } = evaluateThresholdDetailed(
			{
				employeeId: 'E',
				absences: [
					{ start: '2026-03-02', end: '2026-03-06' },
					{ start: '2026-03-04', end: '2026-03-10', kind: 'hospital' },
					{ start: '2026-04-01', end: '2026-04-30', kind: 'vacation' },
					{ start: '2026-05-04', end: '2026-05-05', kind: 'made_up' },
				],
			},
			{ referenceDate: REF },
		);
		expect(result.countedWorkingDays).toBe(7);
		expect(ignored.kindNotCounted).toBe(2);
	});
	it('honours a custom list of counted kinds', () => {
		expect(
			run([{ start: '2026-03-02', end: '2026-03-06', kind: 'hospital' }], {
				countedKinds: ['sick'],
			}).countedWorkingDays,
		).toBe(0);
	});
	it('ignores days after the reference date and reports records that start after it', () => {
		const { result, ignored } = evaluateThresholdDetailed(
			{
				employeeId: 'E',
				absences: [
					{ start: '2026-11-20', end: '2026-11-30' },
					{ start: '2026-12-01', end: '2026-12-02' },
				],
			},
			{ referenceDate: REF },
		);
		expect(result).toMatchObject({ countedWorkingDays: 1, longestContinuousCalendarDays: 3 });
		expect(ignored.afterReferenceDate).toBe(1);
	});
	it('a half day also covered by a full-day record is a full day (half-day weight 0.5)', () => {
		expect(
			run(
				[
					{ start: '2026-03-03', end: '2026-03-03', endHalf: true },
					{ start: '2026-03-02', end: '2026-03-04' },
				],
				{ halfDayWeight: 0.5 },
			).countedWorkingDays,
		).toBe(3);
	});
	it('a half-day flag belongs to the real edge of a record, not to a window edge', () => {
		// starts half on 2025-11-21 (outside the window): the clipped first day 2025-11-23 is whole
		expect(
			run([{ start: '2025-11-21', end: '2025-11-25', startHalf: true }], { halfDayWeight: 0.5 })
				.countedWorkingDays,
		).toBe(2);
	});
	it('option rehabRequiresCertificate: Reha counts only with an AU certificate', () => {
		const absences = [
			{ start: '2026-03-02', end: '2026-03-06', kind: 'rehab' },
			{ start: '2026-04-06', end: '2026-04-10', kind: 'rehab', certified: true },
		];
		expect(run(absences).countedWorkingDays).toBe(10);
		const { result, ignored } = evaluateThresholdDetailed(
			{ employeeId: 'E', absences },
			{ referenceDate: REF, rehabRequiresCertificate: true },
		);
		expect(result.countedWorkingDays).toBe(5);
		expect(ignored.rehabWithoutCertificate).toBe(1);
	});
});

describe('rule 3: continuous', () => {
	it('fires on day 42 when holidays leave the working-day count short (Easter, holidays excluded)', () => {
		const absences = [{ start: '2026-03-23', end: '2026-05-03' }]; // 42 days over Karfreitag and Ostermontag
		expect(run(absences)).toMatchObject({ reachedOn: '2026-05-01', reason: 'cumulative' });
		expect(run(absences, { excludeHolidaysOf: 'DE' })).toMatchObject({
			reachedOn: '2026-05-03',
			reason: 'continuous',
			countedWorkingDays: 27,
		});
	});
	it('any day not covered breaks the run', () => {
		const r = run([
			{ start: '2026-03-02', end: '2026-03-27' },
			{ start: '2026-03-29', end: '2026-04-20' },
		]);
		expect(r.longestContinuousCalendarDays).toBe(26);
	});
	it('option bridgeGaps joins periods across gaps of non-working days only', () => {
		const absences: AbsenceRecord[] = [
			{ start: '2026-03-02', end: '2026-03-27' }, // Mon..Fri, 26 days
			{ start: '2026-03-30', end: '2026-04-14', followUp: true }, // Mon.., 16 days: 26 + 2 + 16 = 44
		];
		expect(run(absences, { comparison: 'exceeds' })).toMatchObject({
			longestContinuousCalendarDays: 26,
			reachedOn: '2026-04-13',
			reason: 'cumulative',
		});
		expect(run(absences, { comparison: 'exceeds', bridgeGaps: 'followUp' })).toMatchObject({
			longestContinuousCalendarDays: 44,
			countedWorkingDays: 32,
		});
		expect(
			run([absences[0], { ...absences[1], followUp: false }], { bridgeGaps: 'followUp' })
				.longestContinuousCalendarDays,
		).toBe(26);
		expect(
			run([absences[0], { ...absences[1], followUp: false }], { bridgeGaps: 'all' })
				.longestContinuousCalendarDays,
		).toBe(44);
		// a gap with a working day in it is not bridged
		expect(
			run(
				[
					{ start: '2026-03-02', end: '2026-03-26' },
					{ start: '2026-03-30', end: '2026-04-14' },
				],
				{ bridgeGaps: 'all' },
			).longestContinuousCalendarDays,
		).toBe(25);
	});
});

describe('rule 4: cumulative', () => {
	it("counts only the employee's working days against 6 × working days per week", () => {
		expect(
			run([{ start: '2026-03-02', end: '2026-03-08' }], {}, { workdays: [2, 4] }),
		).toMatchObject({ countedWorkingDays: 2, thresholdWorkingDays: 12 });
	});
	it('option partTimeRule general30: AU on Mon–Fri against a fixed 30 (BG RCI)', () => {
		expect(
			run(
				[{ start: '2026-03-02', end: '2026-03-08' }],
				{ partTimeRule: 'general30' },
				{ workdays: [2, 4] },
			),
		).toMatchObject({ countedWorkingDays: 5, thresholdWorkingDays: 30 });
	});
	it('option model calendar: all AU calendar days against 42', () => {
		// eleven long weekends, Friday to Monday: 44 calendar days but only 22 working days
		const spells = Array.from({ length: 11 }, (_, i) => {
			const friday = new Date(Date.UTC(2026, 0, 2 + 14 * i));
			const monday = new Date(friday.getTime() + 3 * 86400000);
			return { start: friday.toISOString().slice(0, 10), end: monday.toISOString().slice(0, 10) };
		});
		expect(run(spells, { model: 'calendar' })).toMatchObject({
			status: 'due',
			reachedOn: '2026-05-23',
			reason: 'cumulative',
			countedWorkingDays: 44,
			thresholdWorkingDays: 42,
		});
		expect(run(spells)).toMatchObject({
			status: 'below',
			countedWorkingDays: 22,
			thresholdWorkingDays: 30,
		});
	});
	it('option excludeHolidaysOf: state holidays on working days do not count', () => {
		const week = [{ start: '2026-11-02', end: '2026-11-06' }]; // Allerheiligen is Sunday 1 Nov; Buß- und Bettag 18 Nov
		expect(
			run([{ start: '2026-11-16', end: '2026-11-20' }], { excludeHolidaysOf: 'SN' })
				.countedWorkingDays,
		).toBe(4);
		expect(
			run([{ start: '2026-11-16', end: '2026-11-20' }], { excludeHolidaysOf: 'BY' })
				.countedWorkingDays,
		).toBe(5);
		expect(run(week, { excludeHolidaysOf: 'BY' }).countedWorkingDays).toBe(5);
		expect(
			run([{ start: '2026-06-01', end: '2026-06-05' }], { excludeHolidaysOf: 'NW' })
				.countedWorkingDays,
		).toBe(4); // Fronleichnam 4 June
	});
	it("basis hours: a record's hours spread evenly over its working days", () => {
		const r = run(
			[{ start: '2026-03-02', end: '2026-03-06', hours: 20 }],
			{ basis: 'hours' },
			{ hoursPerWorkday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 } },
		);
		expect(r).toMatchObject({ countedHours: 20, thresholdHours: 240, countedWorkingDays: 5 });
	});
	it('basis hours: approaching when the remaining hours fit in the warning margin of average days', () => {
		const pattern = { workdays: [1, 2, 3], hoursPerWorkday: { 1: 8, 2: 8, 3: 4 } }; // 20 h/week, threshold 120 h, avg 6.67 h/day
		const spells = [
			{ start: '2026-01-05', end: '2026-01-30' },
			{ start: '2026-03-02', end: '2026-03-04' },
		]; // 80 + 20 = 100 h
		expect(run(spells, { basis: 'hours', warningWorkingDays: 2 }, pattern)).toMatchObject({
			status: 'below',
			countedHours: 100,
		});
		expect(run(spells, { basis: 'hours', warningWorkingDays: 3 }, pattern)).toMatchObject({
			status: 'approaching',
		});
	});
});

describe('rules 5–8: comparison, crossing date, figures, status', () => {
	it('exceeds needs one more working day than reaches', () => {
		const spells = [
			{ start: '2026-01-05', end: '2026-01-16' },
			{ start: '2026-03-02', end: '2026-03-13' },
			{ start: '2026-06-01', end: '2026-06-15' },
		];
		expect(run(spells).reachedOn).toBe('2026-06-12');
		expect(run(spells, { comparison: 'exceeds' })).toMatchObject({
			reachedOn: '2026-06-15',
			reason: 'cumulative',
		});
	});
	it('finds a crossing long before the reference date and keeps the duty after the days left the window', () => {
		expect(run([{ start: '2024-02-05', end: '2024-04-30' }])).toMatchObject({
			status: 'due',
			reachedOn: '2024-03-15',
			countedWorkingDays: 0,
		});
	});
	it('a closure resets the clock: earlier crossings no longer count, later ones do', () => {
		const absences = [
			{ start: '2025-12-01', end: '2026-02-27' },
			{ start: '2026-06-01', end: '2026-07-31' },
		];
		expect(run(absences).reachedOn).toBe('2026-01-09');
		expect(run(absences, {}, { lastBemClosedOn: '2026-03-31' })).toMatchObject({
			reachedOn: '2026-07-10',
			windowStart: '2026-04-01',
		});
		const { ignored } = evaluateThresholdDetailed(
			{ employeeId: 'E', absences, lastBemClosedOn: '2026-03-31' },
			{ referenceDate: REF },
		);
		expect(ignored.beforeLastClosure).toBe(1);
	});
	it('warning margin decides approaching versus below', () => {
		const spells = [
			{ start: '2026-01-05', end: '2026-01-16' },
			{ start: '2026-03-02', end: '2026-03-13' },
		]; // 20 working days
		expect(run(spells).status).toBe('below');
		expect(run(spells, { warningWorkingDays: 10 }).status).toBe('approaching');
		expect(run(spells, { warningWorkingDays: 9 }).status).toBe('below');
	});
	it('an ongoing AU (no end) runs through the reference date, even from years back', () => {
		expect(run([{ start: '2025-01-01', end: null }])).toMatchObject({
			status: 'due',
			reachedOn: '2025-02-11',
			reason: 'continuous',
			longestContinuousCalendarDays: 365,
		});
	});
});

describe('bad input: a clear error naming employee, record and field', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		[
			'start after end',
			{ absences: [{ start: '2026-03-10', end: '2026-03-01' }] },
			'Employee "E", absence #0, field "end": is before the start',
		],
		[
			'impossible date',
			{ absences: [{ start: '2026-02-30', end: '2026-03-01' }] },
			'Employee "E", absence #0, field "start": expected a real date \'YYYY-MM-DD\', got text that is not one',
		],
		[
			'German date format',
			{ absences: [{ start: '01.03.2026' }] },
			'Employee "E", absence #0, field "start": expected a real date \'YYYY-MM-DD\', got text that is not one',
		],
		[
			'missing start',
			{ absences: [{ end: '2026-03-01' }] },
			'Employee "E", absence #0, field "start": expected a real date \'YYYY-MM-DD\', got nothing',
		],
		[
			'bad end',
			{ absences: [{ start: '2026-03-01', end: '2026-03-32' }] },
			'Employee "E", absence #0, field "end": expected a real date \'YYYY-MM-DD\', got text that is not one',
		],
		[
			'weekday outside 1–7',
			{ workdays: [0, 1] },
			'Employee "E", field "workdays": entry #0 must be an ISO weekday 1–7, got a number outside 1–7 or not whole',
		],
		['empty workdays', { workdays: [] }, 'Employee "E", field "workdays": must not be empty'],
		[
			'negative hours',
			{ absences: [{ start: '2026-03-01', hours: -1 }] },
			'Employee "E", absence #0, field "hours": must be a number ≥ 0, got a negative or infinite number',
		],
		[
			'half-day flag not boolean',
			{ absences: [{ start: '2026-03-01', startHalf: 'yes' }] },
			'Employee "E", absence #0, field "startHalf": must be true or false, got text',
		],
		[
			'absences not a list',
			{ absences: 'none' },
			'Employee "E", field "absences": must be a list of absence records, got text',
		],
		[
			'bad closure date',
			{ lastBemClosedOn: '2026-13-01' },
			'Employee "E", field "lastBemClosedOn": expected a real date \'YYYY-MM-DD\', got text that is not one',
		],
		[
			'bad hours map',
			{ hoursPerWorkday: { 8: 4 } },
			'Employee "E", field "hoursPerWorkday": has a key that is not an ISO weekday 1–7',
		],
	];
	it.each(cases)('%s', (_name, input, message) => {
		const call = () =>
			evaluateThreshold({ employeeId: 'E', absences: [], ...input } as ThresholdInput, {
				referenceDate: REF,
				basis: 'hoursPerWorkday' in input ? 'hours' : 'days',
			});
		expect(call).toThrow(message);
		// named by field and type, never by the value (issue 13 item 4)
		for (const [, value] of JSON.stringify(input).matchAll(/"([^"]{4,})"(?!:)/g))
			expect(call).not.toThrow(value);
		try {
			call();
		} catch (error) {
			expect(error).toMatchObject({ code: 'BEM_THRESHOLD_INPUT', employeeId: 'E' });
		}
	});
	it('names the missing employee id', () => {
		expect(() =>
			evaluateThreshold({ absences: [] } as unknown as ThresholdInput, { referenceDate: REF }),
		).toThrow('Employee (unknown), field "employeeId": is missing');
	});
	it('hours basis without contract hours', () => {
		expect(() => run([], { basis: 'hours' })).toThrow(
			'field "hoursPerWorkday": basis \'hours\' needs the contract hours of the working days',
		);
	});
	it.each([
		[{ referenceDate: '2026-02-29' }, 'Threshold option "referenceDate"'],
		[{ referenceDate: REF, halfDayWeight: 2 }, 'Threshold option "halfDayWeight"'],
		[{ referenceDate: REF, comparison: 'more' }, 'Threshold option "comparison"'],
		[{ referenceDate: REF, excludeHolidaysOf: 'XX' }, 'Threshold option "excludeHolidaysOf"'],
		[{ referenceDate: REF, surprise: true }, 'Threshold option "options"'],
		[{ referenceDate: REF, basis: 'hours', model: 'calendar' }, 'Threshold option "basis"'],
	])('refuses bad options %j', (options, message) => {
		expect(() =>
			evaluateThreshold({ employeeId: 'E', absences: [] }, options as unknown as ThresholdOptions),
		).toThrow(message);
	});
	it('unknown kinds are not errors', () => {
		expect(run([{ start: '2026-03-02', kind: 'sabbatical' }]).countedWorkingDays).toBe(0);
	});
});
