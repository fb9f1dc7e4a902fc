import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { AbsenceRecord, ThresholdInput } from '../../core';
import { passOnProblem } from '../../core/privacy';
import { readField, splitList } from '../shared/fields';

export type RecordFieldMap = Record<keyof Required<AbsenceRecord>, string>;

export const DEFAULT_RECORD_FIELDS: RecordFieldMap = {
	start: 'start',
	end: 'end',
	kind: 'kind',
	startHalf: 'startHalf',
	endHalf: 'endHalf',
	hours: 'hours',
	certified: 'certified',
	followUp: 'followUp',
};

export interface EmployeeFieldMap {
	employeeId: string;
	workdays: string;
	hoursPerWorkday: string;
	lastBemClosedOn: string;
}

/** A field problem at the boundary, before the engine sees the data. */
export class ItemFieldError extends Error {
	constructor(
		readonly field: string,
		problem: string,
		readonly employeeId?: string,
		readonly recordIndex?: number,
	) {
		super(problem);
	}
}

const employeeIdSchema = z.union([z.string().trim().min(1), z.number().finite()]).transform(String);
// "1,3,5" from a spreadsheet or [1,3,5] from an HRIS node
const workdaysSchema = z
	.union([z.array(z.coerce.number()), z.string().transform((s) => splitList(s).map(Number))])
	.optional()
	.nullable();
const dateSchema = z.union([z.string(), z.null()]).optional();
const flagSchema = z
	.union([
		z.boolean(),
		z.literal('true').transform(() => true),
		z.literal('false').transform(() => false),
	])
	.optional()
	.nullable();
const hoursSchema = z
	.union([
		z.number(),
		z
			.string()
			.regex(/^\d+(\.\d+)?$/)
			.transform(Number),
	])
	.optional()
	.nullable();

function check<T>(
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	value: unknown,
	field: string,
	employeeId?: string,
	index?: number,
): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success)
		throw new ItemFieldError(
			field,
			`${JSON.stringify(value) ?? 'undefined'} is not valid: ${parsed.error.issues[0].message}`,
			employeeId,
			index,
		);
	return parsed.data;
}

export function readEmployeeId(item: IDataObject, fields: EmployeeFieldMap): string {
	return check(employeeIdSchema, readField(item, fields.employeeId), fields.employeeId);
}

/**
 * Builds one absence record from the mapped fields only: every other field of the source record
 * (diagnosis, certificate text, comments) is dropped here and never reaches the engine or the output.
 */
export function readRecord(
	raw: unknown,
	map: RecordFieldMap,
	employeeId: string,
	index: number,
): AbsenceRecord {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
		throw new ItemFieldError(
			'absences',
			'each absence record must be an object',
			employeeId,
			index,
		);
	const source = raw as IDataObject;
	const rec: AbsenceRecord = {
		start: check(z.string(), readField(source, map.start), map.start, employeeId, index),
	};
	const end = check(dateSchema, readField(source, map.end), map.end, employeeId, index);
	if (end !== undefined) rec.end = end;
	const kind = readField(source, map.kind);
	if (kind !== undefined && kind !== null && kind !== '')
		rec.kind = check(z.string(), kind, map.kind, employeeId, index);
	const flags = ['startHalf', 'endHalf', 'certified', 'followUp'] as const;
	for (const key of flags) {
		const v = check(flagSchema, readField(source, map[key]), map[key], employeeId, index);
		if (v !== undefined && v !== null) rec[key] = v;
	}
	const hours = check(hoursSchema, readField(source, map.hours), map.hours, employeeId, index);
	if (hours !== undefined && hours !== null) rec.hours = hours;
	return rec;
}

/** The employee-level fields of a ThresholdInput (absences added by the caller). */
export function readEmployee(
	item: IDataObject,
	fields: EmployeeFieldMap,
): Omit<ThresholdInput, 'absences'> {
	const employeeId = readEmployeeId(item, fields);
	const input: Omit<ThresholdInput, 'absences'> = { employeeId };
	const workdays = check(
		workdaysSchema,
		readField(item, fields.workdays),
		fields.workdays,
		employeeId,
	);
	if (workdays !== undefined && workdays !== null) input.workdays = workdays;
	const hours = readField(item, fields.hoursPerWorkday);
	if (hours !== undefined && hours !== null) {
		input.hoursPerWorkday = check(
			z.record(z.coerce.number()),
			hours,
			fields.hoursPerWorkday,
			employeeId,
		);
	}
	const closed = check(
		dateSchema,
		readField(item, fields.lastBemClosedOn),
		fields.lastBemClosedOn,
		employeeId,
	);
	if (closed !== undefined) input.lastBemClosedOn = closed;
	return input;
}

export function readAbsenceList(
	item: IDataObject,
	field: string,
	map: RecordFieldMap,
	employeeId: string,
): AbsenceRecord[] {
	const list = readField(item, field);
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list))
		throw new ItemFieldError(field, 'must be a list of absence records', employeeId);
	return list.map((raw, index) => readRecord(raw, map, employeeId, index));
}

/** Copies only the named identifying fields; a name or value with health detail, or absence records,
 * is refused (core/privacy passOnProblem), naming the field and never its value. */
export function keepFields(item: IDataObject, names: string[]): IDataObject {
	const kept: IDataObject = {};
	for (const name of names) {
		const value = readField(item, name);
		const problem = passOnProblem(name, value);
		if (problem) throw new ItemFieldError(name, problem);
		if (value !== undefined) kept[name] = value as IDataObject[string];
	}
	return kept;
}
