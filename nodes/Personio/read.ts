// Node parameters → core calls → plain JSON items. Validated with zod at this boundary.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { formatDay, parseDay } from '../../core';
import { looksLikeHealthDetail } from '../../core/privacy';
import {
	DEFAULT_KIND_RULES,
	readAbsences,
	readBemInputs,
	readEmployees,
	type AbsenceSelection,
	type PersonioAbsence,
	type PersonioClient,
	type PersonioEmployee,
	type PersonioRecordProblem,
	type WeeklyHoursRule,
} from '../../core/hris/personio';
import { splitList } from '../shared/fields';

export class ParamError extends Error {}

export interface PersonioParams {
	resource: 'employee' | 'absence';
	output: 'bemInput' | 'absences';
	from: string;
	to: string;
	employeeIds: string;
	absenceTypes: 'sickness' | 'rules' | 'all';
	kindRules: { rule?: Array<{ match: string; kind: string }> };
	options: {
		weeklyHoursRule?: WeeklyHoursRule;
		dayAmounts?: boolean;
		includeEmployeesWithoutAbsences?: boolean;
		v1MarginDays?: number;
	};
}

const day = (field: string) =>
	z
		.string()
		.trim()
		.refine((s) => s === '' || (s.length === 10 && !Number.isNaN(parseDay(s))), {
			message: `${field} must be a date like 2026-11-22`,
		});

const paramsSchema = z.object({
	from: day('From'),
	to: day('To'),
	employeeIds: z.string().transform((s, ctx) => {
		const ids = splitList(s);
		const bad = ids.find((id) => !/^[\w-]+$/.test(id));
		if (bad)
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `Employee IDs: "${bad}" is not a Personio ID`,
			});
		return ids;
	}),
	options: z.object({ v1MarginDays: z.number().int().min(0).max(3650).optional() }).passthrough(),
});

function checkParams(params: PersonioParams) {
	const parsed = paramsSchema.safeParse(params);
	if (!parsed.success) throw new ParamError(parsed.error.issues[0].message);
	return parsed.data;
}

function selectionOf(params: PersonioParams): AbsenceSelection {
	const rules = (params.kindRules.rule ?? []).filter((r) => r.match.trim() !== '');
	if (params.absenceTypes === 'all')
		return { rules: [...rules, ...DEFAULT_KIND_RULES], includeUnmatched: true };
	if (params.absenceTypes === 'rules')
		return { rules: [...rules, ...DEFAULT_KIND_RULES], includeUnmatched: false };
	return { rules: DEFAULT_KIND_RULES, includeUnmatched: false };
}

function employeeJson(e: PersonioEmployee): IDataObject {
	return { ...e, hoursPerWorkday: { ...e.hoursPerWorkday } };
}

function absenceJson(a: PersonioAbsence): IDataObject {
	// the type name stays out of BEM input but helps HR here; tenants name their own types, so one that
	// reads like health detail (e.g. "Krank – Therapie") is withheld rather than emitted
	return {
		...a,
		typeName: a.typeName !== null && looksLikeHealthDetail(a.typeName) ? null : a.typeName,
	};
}

export async function readItem(
	client: PersonioClient,
	params: PersonioParams,
	today: string,
): Promise<{ records: IDataObject[]; problems: PersonioRecordProblem[] }> {
	const checked = checkParams(params);
	const weeklyHoursRule = params.options.weeklyHoursRule ?? 'proportional';
	if (params.resource === 'employee') {
		const { employees, problems } = await readEmployees(client, {
			employeeIds: checked.employeeIds,
			weeklyHoursRule,
		});
		return { records: employees.map(employeeJson), problems };
	}
	const to = checked.to || today;
	// the BEM look-back: the day after "to minus one year"
	const from =
		checked.from ||
		formatDay(
			parseDay(`${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace('-02-29', '-02-28')) + 1,
		);
	if (from > to) throw new ParamError(`From (${from}) is after To (${to})`);
	const query = {
		range: { from, to },
		employeeIds: checked.employeeIds,
		selection: selectionOf(params),
		dayAmounts: params.options.dayAmounts ?? false,
		v1MarginDays: checked.options.v1MarginDays,
	};
	if (params.output === 'bemInput') {
		const { inputs, problems } = await readBemInputs(client, {
			...query,
			weeklyHoursRule,
			includeEmployeesWithoutAbsences: params.options.includeEmployeesWithoutAbsences ?? false,
		});
		return { records: inputs as unknown as IDataObject[], problems };
	}
	const { absences, problems } = await readAbsences(client, query);
	return { records: absences.map(absenceJson), problems };
}
