import fc from 'fast-check';

import {
	evaluateThreshold,
	formatDay,
	parseDay,
	type AbsenceRecord,
	type ThresholdInput,
	type ThresholdOptions,
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
});
