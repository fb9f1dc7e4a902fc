// Records preparation (rule 2): validate each absence record, drop those that do not count (and say
// why), clip the rest to (lastBemClosedOn, referenceDate] into reused struct-of-arrays buffers.
import { parseDay, type DayNumber } from '../calendar/days';
import { ThresholdInputError } from './errors';
import type { ResolvedOptions } from './options';
import { isWorking } from './pattern';
import type { IgnoredRecords, ThresholdInput } from './types';

export const HALF_START = 1;
export const HALF_END = 2;
export const FOLLOW_UP = 4;

/** Counted records after validation and clipping (the engine is synchronous: one reused set). */
export interface PreparedRecords {
	count: number;
	/** calendar days over all counted records (sizes the AU day buffers) */
	totalDays: number;
	start: Int32Array;
	end: Int32Array;
	/** HALF_START | HALF_END | FOLLOW_UP */
	flags: Uint8Array;
	/** NaN = use hoursPerWorkday */
	hoursPerDay: Float64Array;
	/** scratch for the sort by start */
	order: Int32Array;
}

const prepared: PreparedRecords = {
	count: 0,
	totalDays: 0,
	start: new Int32Array(0),
	end: new Int32Array(0),
	flags: new Uint8Array(0),
	hoursPerDay: new Float64Array(0),
	order: new Int32Array(0),
};

function ensureRecordCapacity(n: number): void {
	const capacity = prepared.start.length;
	if (n <= capacity) return;
	const size = Math.max(n, capacity * 2, 64);
	prepared.start = new Int32Array(size);
	prepared.end = new Int32Array(size);
	prepared.flags = new Uint8Array(size);
	prepared.hoursPerDay = new Float64Array(size);
	prepared.order = new Int32Array(size);
}

function flag(value: unknown, employeeId: string, index: number, field: string): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean')
		throw new ThresholdInputError(employeeId, field, 'must be true or false', index);
	return value;
}

export function prepareRecords(
	input: ThresholdInput,
	employeeId: string,
	o: ResolvedOptions,
	ref: DayNumber,
	reset: number,
	patternMask: number,
	holidays: Set<number> | null,
	ignored: IgnoredRecords,
): PreparedRecords {
	const absences = input.absences;
	if (!Array.isArray(absences))
		throw new ThresholdInputError(employeeId, 'absences', 'must be a list of absence records');
	ensureRecordCapacity(absences.length);
	const { start: recStart, end: recEnd, flags: recFlags, hoursPerDay: recHoursPerDay } = prepared;
	let lastKind = '';
	let lastKindCounted = false;
	let count = 0;
	let totalDays = 0;
	for (let index = 0; index < absences.length; index++) {
		const rec = absences[index];
		if (rec === null || typeof rec !== 'object')
			throw new ThresholdInputError(employeeId, 'absences', 'must be an object', index);
		const s = parseDay(rec.start);
		if (Number.isNaN(s)) {
			throw new ThresholdInputError(
				employeeId,
				'start',
				`${JSON.stringify(rec.start ?? null)} is not a real date 'YYYY-MM-DD'`,
				index,
			);
		}
		let e = ref;
		const rawEnd = rec.end;
		if (rawEnd !== undefined && rawEnd !== null && rawEnd !== '') {
			e = parseDay(rawEnd);
			if (Number.isNaN(e))
				throw new ThresholdInputError(
					employeeId,
					'end',
					`${JSON.stringify(rawEnd)} is not a real date 'YYYY-MM-DD'`,
					index,
				);
			if (e < s)
				throw new ThresholdInputError(
					employeeId,
					'end',
					`${rawEnd} is before the start ${rec.start}`,
					index,
				);
		}
		const kind = rec.kind ?? 'sick';
		if (typeof kind !== 'string')
			throw new ThresholdInputError(employeeId, 'kind', 'must be text', index);
		const half0 = flag(rec.startHalf, employeeId, index, 'startHalf');
		const half1 = flag(rec.endHalf, employeeId, index, 'endHalf');
		const certified = flag(rec.certified, employeeId, index, 'certified');
		const followUp = flag(rec.followUp, employeeId, index, 'followUp');
		const hours = rec.hours;
		if (
			hours !== undefined &&
			hours !== null &&
			(typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0)
		) {
			throw new ThresholdInputError(
				employeeId,
				'hours',
				`${JSON.stringify(hours)} must be a number ≥ 0`,
				index,
			);
		}

		// records of one employee mostly share a kind: skip the Set lookup when it repeats
		if (kind !== lastKind) {
			lastKind = kind;
			lastKindCounted = o.countedKinds.has(kind);
		}
		if (!lastKindCounted) {
			ignored.kindNotCounted++;
			continue;
		}
		if (o.rehabRequiresCertificate && kind === 'rehab' && !certified) {
			ignored.rehabWithoutCertificate++;
			continue;
		}
		if (s > ref) {
			ignored.afterReferenceDate++;
			continue;
		}
		if (e < reset) {
			ignored.beforeLastClosure++;
			continue;
		}
		const clippedEnd = Math.min(e, ref);
		let perDay = NaN;
		if (o.hoursBasis && typeof hours === 'number') {
			let workingDaysSoFar = 0;
			for (let d = s; d <= clippedEnd; d++)
				if (isWorking(d, patternMask, holidays)) workingDaysSoFar++;
			perDay = workingDaysSoFar === 0 ? 0 : hours / workingDaysSoFar;
		}
		const clippedStart = Math.max(s, reset);
		const k = count++;
		recStart[k] = clippedStart;
		recEnd[k] = clippedEnd;
		// a half-day flag belongs to the record's real first/last day, not to a clipped edge
		recFlags[k] =
			(half0 && clippedStart === s ? HALF_START : 0) |
			(half1 && clippedEnd === e ? HALF_END : 0) |
			(followUp ? FOLLOW_UP : 0);
		recHoursPerDay[k] = perDay;
		totalDays += clippedEnd - clippedStart + 1;
	}
	prepared.count = count;
	prepared.totalDays = totalDays;
	return prepared;
}
