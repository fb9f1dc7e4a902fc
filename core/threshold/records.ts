// Records preparation (rule 2): validate each absence record, drop those that do not count (and say
// why), clip the rest to (lastBemClosedOn, referenceDate] and to the current employment into reused
// struct-of-arrays buffers.
import type { DayNumber } from '../calendar/days';
import { typeOf } from '../privacy/issueMessage';
import { notADate, readDay } from './dates';
import { ThresholdInputError } from './errors';
import { kindClass, KIND_NOT_COUNTED, KIND_REHAB, type ResolvedOptions } from './options';
import { isWorking, type WorkPatterns } from './pattern';
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
	/** a record's explicit hours per working day (NaN = use hoursPerWorkday) */
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
		throw new ThresholdInputError(
			employeeId,
			field,
			`must be true or false, got ${typeOf(value)}`,
			index,
		);
	return value;
}

export function prepareRecords(
	input: ThresholdInput,
	employeeId: string,
	o: ResolvedOptions,
	ref: DayNumber,
	afterClosure: number,
	employedFrom: number,
	patterns: WorkPatterns,
	holidays: Set<number> | null,
	ignored: IgnoredRecords,
): PreparedRecords {
	const reset = Math.max(afterClosure, employedFrom); // the first day that may count
	const absences = input.absences;
	if (!Array.isArray(absences))
		throw new ThresholdInputError(
			employeeId,
			'absences',
			`must be a list of absence records, got ${typeOf(absences)}`,
		);
	ensureRecordCapacity(absences.length);
	const { start: recStart, end: recEnd, flags: recFlags, hoursPerDay: recHoursPerDay } = prepared;
	let lastKind = '';
	let lastClass = KIND_NOT_COUNTED;
	let count = 0;
	let totalDays = 0;
	for (let index = 0; index < absences.length; index++) {
		const rec = absences[index];
		if (rec === null || typeof rec !== 'object')
			throw new ThresholdInputError(
				employeeId,
				'absences',
				`must be an object, got ${typeOf(rec)}`,
				index,
			);
		const s = readDay(rec.start);
		if (Number.isNaN(s)) {
			throw new ThresholdInputError(employeeId, 'start', notADate(rec.start), index);
		}
		let e = ref;
		const rawEnd = rec.end;
		const ongoing = rawEnd === undefined || rawEnd === null || rawEnd === '';
		if (!ongoing) {
			e = readDay(rawEnd);
			if (Number.isNaN(e))
				throw new ThresholdInputError(employeeId, 'end', notADate(rawEnd), index);
			if (e < s) throw new ThresholdInputError(employeeId, 'end', 'is before the start', index);
		}
		const kind = rec.kind ?? 'sick';
		if (typeof kind !== 'string')
			throw new ThresholdInputError(employeeId, 'kind', `must be text, got ${typeOf(kind)}`, index);
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
				`must be a number ≥ 0, got ${typeof hours === 'number' ? 'a negative or infinite number' : typeOf(hours)}`,
				index,
			);
		}

		// records of one employee mostly share a kind: skip the lookup when it repeats
		if (kind !== lastKind) {
			lastKind = kind;
			lastClass = kindClass(o, kind);
		}
		if (lastClass === KIND_NOT_COUNTED) {
			ignored.kindNotCounted++;
			continue;
		}
		if (o.rehabRequiresCertificate && lastClass === KIND_REHAB && !certified) {
			ignored.rehabWithoutCertificate++;
			continue;
		}
		if (s > ref) {
			ignored.afterReferenceDate++;
			continue;
		}
		if (e < afterClosure) {
			ignored.beforeLastClosure++;
			continue;
		}
		if (e < employedFrom) {
			ignored.beforeEmployment++;
			continue;
		}
		const clippedEnd = Math.min(e, ref);
		let perDay = NaN;
		if (o.hoursBasis && typeof hours === 'number') {
			// spread over the record's own working days: to its real end, or to the reference date while ongoing
			let workingDays = 0;
			for (let d = s; d <= e; d++) if (isWorking(patterns, d, holidays)) workingDays++;
			perDay = workingDays === 0 ? 0 : hours / workingDays;
		}
		const clippedStart = Math.max(s, reset);
		const k = count++;
		recStart[k] = clippedStart;
		recEnd[k] = clippedEnd;
		// a half-day flag belongs to the record's real first/last day, never to a clipped edge; an
		// ongoing record has no last day yet; a one-day record with either flag is a half day
		const single = !ongoing && s === e;
		recFlags[k] =
			((half0 || (single && half1)) && clippedStart === s ? HALF_START : 0) |
			(half1 && !ongoing && clippedEnd === e ? HALF_END : 0) |
			(followUp ? FOLLOW_UP : 0);
		recHoursPerDay[k] = perDay;
		totalDays += clippedEnd - clippedStart + 1;
	}
	prepared.count = count;
	prepared.totalDays = totalDays;
	return prepared;
}
