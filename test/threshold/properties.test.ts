import fc from 'fast-check';

import {
	evaluateThreshold,
	formatDay,
	parseDay,
	type AbsenceRecord,
	type ThresholdInput,
	type ThresholdOptions,
	type WorkPattern,
} from '../../core';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { naiveThreshold } = require('../../scripts/lib/naive-threshold') as {
	naiveThreshold: (input: ThresholdInput, options: ThresholdOptions) => Record<string, unknown>;
};

// Properties the issue names (adding an AU day never lowers the count; a later closure never gives an
// earlier reachedOn; splitting a record changes nothing) and a differential check against an independent
// day-by-day implementation.
const REF = '2026-11-22';
const refDay = parseDay(REF);
const options: ThresholdOptions = { referenceDate: REF };

const record = fc
	.record({
		offset: fc.integer({ min: 0, max: 560 }),
		length: fc.integer({ min: 1, max: 50 }),
		kind: fc.constantFrom('sick', 'sick', 'hospital', 'vacation'),
		half: fc.boolean(),
	})
	.map(({ offset, length, kind, half }): AbsenceRecord => {
		const start = refDay - 560 + offset;
		return {
			start: formatDay(start),
			end: formatDay(start + length - 1),
			kind,
			...(half ? { endHalf: true } : {}),
		};
	});
const workdays = fc.constantFrom<number[]>(
	[1, 2, 3, 4, 5],
	[1, 3, 5],
	[1, 2, 3, 4],
	[1, 2, 3, 4, 5, 6],
	[2, 4],
);
const employee = fc
	.record({
		absences: fc.array(record, { maxLength: 8 }),
		workdays,
		closedOffset: fc.option(fc.integer({ min: 0, max: 560 }), { nil: undefined }),
	})
	.map(
		({ absences, workdays: wd, closedOffset }): ThresholdInput => ({
			employeeId: 'P',
			absences,
			workdays: wd,
			...(closedOffset === undefined
				? {}
				: { lastBemClosedOn: formatDay(refDay - 560 + closedOffset) }),
		}),
	);
// contract v2: a work-pattern history of 1–3 entries over the same span as the records
const history = fc
	.uniqueArray(fc.integer({ min: 0, max: 620 }), { minLength: 1, maxLength: 3 })
	.chain((offsets) =>
		fc
			.tuple(...offsets.map(() => workdays))
			.map((patterns): WorkPattern[] =>
				[...offsets]
					.sort((a, b) => a - b)
					.map((offset, i) => ({ from: formatDay(refDay - 580 + offset), workdays: patterns[i] })),
			),
	);
const employeeWithHistory = fc
	.record({
		input: employee,
		workPatterns: history,
		hired: fc.option(fc.integer({ min: 0, max: 560 })),
	})
	.map(
		({ input, workPatterns, hired }): ThresholdInput => ({
			...input,
			workPatterns,
			...(hired === null ? {} : { employedSince: formatDay(refDay - 560 + hired) }),
		}),
	);
// every option that reads the pattern: the works-agreement options included
const anyOptions = fc
	.record({
		comparison: fc.constantFrom('reaches', 'exceeds'),
		halfDayWeight: fc.constantFrom(1, 0.5),
		model: fc.constantFrom('dual', 'calendar'),
		partTimeRule: fc.constantFrom('scaled', 'general30'),
		windowLength: fc.constantFrom('calendarYear', 'fixed365'),
		excludeHolidaysOf: fc.constantFrom(null, 'BY'),
		bridgeGaps: fc.constantFrom('none', 'followUp', 'all'),
	})
	.map((o) => ({ ...options, ...o }) as ThresholdOptions);

const optionSets = fc
	.record({
		comparison: fc.constantFrom('reaches', 'exceeds'),
		halfDayWeight: fc.constantFrom(1, 0.5),
	})
	.map((o) => ({ ...options, ...o }) as ThresholdOptions);

describe('threshold properties', () => {
	it('adding an AU day never lowers the count nor delays the crossing', () => {
		fc.assert(
			fc.property(employee, fc.integer({ min: 0, max: 560 }), optionSets, (input, offset, opts) => {
				const before = evaluateThreshold(input, opts);
				const day = formatDay(refDay - 560 + offset);
				const after = evaluateThreshold(
					{ ...input, absences: [...input.absences, { start: day, end: day }] },
					opts,
				);
				expect(after.countedWorkingDays).toBeGreaterThanOrEqual(before.countedWorkingDays);
				expect(after.longestContinuousCalendarDays).toBeGreaterThanOrEqual(
					before.longestContinuousCalendarDays,
				);
				if (before.reachedOn !== null) expect(after.reachedOn! <= before.reachedOn).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});

	it('moving the closure later never makes an earlier reachedOn', () => {
		fc.assert(
			fc.property(
				employee,
				fc.integer({ min: 0, max: 560 }),
				fc.integer({ min: 1, max: 200 }),
				(input, closed, later) => {
					// contract v2: a closure after the reference date is bad input (rules.test.ts)
					fc.pre(closed + later <= 560);
					const early = evaluateThreshold(
						{ ...input, lastBemClosedOn: formatDay(refDay - 560 + closed) },
						options,
					);
					const late = evaluateThreshold(
						{ ...input, lastBemClosedOn: formatDay(refDay - 560 + closed + later) },
						options,
					);
					if (late.reachedOn !== null) {
						expect(late.reachedOn > formatDay(refDay - 560 + closed + later)).toBe(true);
						if (early.reachedOn !== null) expect(late.reachedOn >= early.reachedOn).toBe(true);
					}
				},
			),
			{ numRuns: 300 },
		);
	});

	it('splitting a record in two changes nothing', () => {
		fc.assert(
			fc.property(employee, fc.nat(), fc.nat(), optionSets, (input, pick, cut, opts) => {
				fc.pre(input.absences.length > 0);
				const index = pick % input.absences.length;
				const rec = input.absences[index];
				const s = parseDay(rec.start);
				const e = parseDay(rec.end!);
				fc.pre(e > s);
				const mid = s + (cut % (e - s)); // first part s..mid, second mid+1..e
				const { endHalf, ...rest } = rec;
				const parts: AbsenceRecord[] = [
					{ ...rest, end: formatDay(mid) },
					{ ...rest, start: formatDay(mid + 1), ...(endHalf ? { endHalf } : {}) },
				];
				const split = [
					...input.absences.slice(0, index),
					...parts,
					...input.absences.slice(index + 1),
				];
				expect(evaluateThreshold({ ...input, absences: split }, opts)).toEqual(
					evaluateThreshold(input, opts),
				);
			}),
			{ numRuns: 300 },
		);
	});

	it('record order does not matter', () => {
		fc.assert(
			fc.property(employee, (input) => {
				const reversed = [...input.absences].reverse();
				expect(evaluateThreshold({ ...input, absences: reversed }, options)).toEqual(
					evaluateThreshold(input, options),
				);
			}),
			{ numRuns: 200 },
		);
	});

	it('agrees with an independent day-by-day implementation', () => {
		fc.assert(
			fc.property(employee, optionSets, (input, opts) => {
				expect(evaluateThreshold(input, opts)).toEqual(naiveThreshold(input, opts));
			}),
			{ numRuns: 60 },
		);
	});

	it('a history with one entry equals the plain pattern, whatever its date', () => {
		fc.assert(
			fc.property(employee, fc.integer({ min: 0, max: 700 }), anyOptions, (input, offset, opts) => {
				const { workdays: wd, ...rest } = input;
				const single = {
					...rest,
					workPatterns: [{ from: formatDay(refDay - 600 + offset), workdays: wd! }],
				};
				expect(evaluateThreshold(single, opts)).toEqual(evaluateThreshold(input, opts));
			}),
			{ numRuns: 300 },
		);
	});

	it('a history whose entries all carry the same pattern equals that pattern', () => {
		fc.assert(
			fc.property(employeeWithHistory, anyOptions, (input, opts) => {
				const same = input.workPatterns!.map((p) => ({ ...p, workdays: input.workdays! }));
				const { workPatterns: _history, ...plain } = input;
				expect(evaluateThreshold({ ...input, workPatterns: same }, opts)).toEqual(
					evaluateThreshold(plain, opts),
				);
			}),
			{ numRuns: 300 },
		);
	});

	it('splitting a pattern entry in two at any date changes nothing', () => {
		fc.assert(
			fc.property(
				employeeWithHistory,
				fc.nat(),
				fc.integer({ min: 1, max: 700 }),
				anyOptions,
				(input, pick, at, opts) => {
					const entries = input.workPatterns!;
					const i = pick % entries.length;
					const from = parseDay(entries[i].from);
					const until = i + 1 < entries.length ? parseDay(entries[i + 1].from) : refDay + 100;
					fc.pre(until - from > 1);
					const cut = formatDay(from + 1 + (at % (until - from - 1)));
					const split = [
						...entries.slice(0, i + 1),
						{ ...entries[i], from: cut },
						...entries.slice(i + 1),
					];
					expect(evaluateThreshold({ ...input, workPatterns: split }, opts)).toEqual(
						evaluateThreshold(input, opts),
					);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('with a history, adding an AU day never lowers the AU weeks nor delays the crossing', () => {
		fc.assert(
			fc.property(
				employeeWithHistory,
				fc.integer({ min: 0, max: 560 }),
				anyOptions,
				(input, offset, opts) => {
					const before = evaluateThreshold(input, opts);
					const day = formatDay(refDay - 560 + offset);
					const after = evaluateThreshold(
						{ ...input, absences: [...input.absences, { start: day, end: day }] },
						opts,
					);
					expect(after.countedAuWeeks).toBeGreaterThanOrEqual(before.countedAuWeeks);
					expect(after.countedWorkingDays).toBeGreaterThanOrEqual(before.countedWorkingDays);
					if (before.reachedOn !== null) expect(after.reachedOn! <= before.reachedOn).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('with a history, agrees with the independent day-by-day implementation', () => {
		fc.assert(
			fc.property(employeeWithHistory, optionSets, (input, opts) => {
				expect(evaluateThreshold(input, opts)).toEqual(naiveThreshold(input, opts));
			}),
			{ numRuns: 60 },
		);
	});
});
