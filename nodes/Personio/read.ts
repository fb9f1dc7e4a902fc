// Node parameters → core calls → plain JSON items. Validated with zod at this boundary.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { looksLikeHealthDetail } from '../../core/privacy';
import {
	DEFAULT_KIND_RULES,
	readAbsences,
	readBemInputs,
	readEmployees,
	readPersonioLineManagers,
	type AbsenceCacheOptions,
	type AbsenceSelection,
	type PersonioAbsence,
	type PersonioClient,
	type PersonioEmployee,
	type PersonioRecordProblem,
	type WeeklyHoursRule,
	type WorkPatternSource,
} from '../../core/hris/personio';
import type { WorkPatternStore } from '../../core/hris/patternCache';
import { rangeOf } from '../shared/dates';
import { splitList } from '../shared/fields';
import { BemParamError } from '../shared/paramError';
import { issueMessage } from '../../core/privacy/issueMessage';

export interface PersonioParams {
	resource: 'employee' | 'lineManager' | 'absence';
	output: 'bemInput' | 'absences' | 'thresholdResults';
	cacheWorkPatterns?: boolean;
	incrementalAbsences?: boolean;
	from: string;
	to: string;
	employeeIds: string;
	absenceTypes: 'sickness' | 'rules' | 'all';
	kindRules: { rule?: Array<{ match: string; kind: string }> };
	options: {
		weeklyHoursRule?: WeeklyHoursRule;
		dayAmounts?: boolean;
		includeEmployeesWithoutAbsences?: boolean;
		workPatternSource?: WorkPatternSource;
		v1MarginDays?: number;
	};
}

const paramsSchema = z.object({
	employeeIds: z.string().transform((s, ctx) => {
		const ids = splitList(s);
		const bad = ids.findIndex((id) => !/^[\w-]+$/.test(id));
		if (bad >= 0)
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `Employee IDs: entry ${bad + 1} is not a Personio ID`,
			});
		return ids;
	}),
	options: z
		.object({
			v1MarginDays: z.number().int().min(0).max(3650).optional(),
			workPatternSource: z.enum(['cheapest', 'employments']).optional(),
		})
		.passthrough(),
});

/** The node's parameters for one item. */
export function personioParams(ctx: IExecuteFunctions, itemIndex: number): PersonioParams {
	const get = <T>(name: string, fallback?: T) =>
		ctx.getNodeParameter(name, itemIndex, fallback) as T;
	return {
		resource: get<PersonioParams['resource']>('resource'),
		output: get<PersonioParams['output']>('output', 'absences'),
		cacheWorkPatterns: get('cacheWorkPatterns', false),
		incrementalAbsences: get('incrementalAbsences', false),
		from: get('from', ''),
		to: get('to', ''),
		employeeIds: get('employeeIds', ''),
		absenceTypes: get<PersonioParams['absenceTypes']>('absenceTypes', 'sickness'),
		kindRules: get<PersonioParams['kindRules']>('kindRules', {}),
		options: get<PersonioParams['options']>('options', {}),
	};
}

function checkParams(params: PersonioParams) {
	const parsed = paramsSchema.safeParse(params);
	if (!parsed.success) throw new BemParamError(issueMessage(parsed.error.issues[0]));
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
	/** the BEM file's work-pattern cache, when the node keeps one */
	workPatternCache?: WorkPatternStore,
	/** the incremental absence mode's AU period cache, when it is on */
	absenceCache?: AbsenceCacheOptions,
): Promise<{ records: IDataObject[]; problems: PersonioRecordProblem[] }> {
	const range = rangeOf(params.from, params.to, today);
	const checked = checkParams(params);
	const weeklyHoursRule = params.options.weeklyHoursRule ?? 'proportional';
	if (params.resource === 'lineManager') {
		const { lineManagers, problems } = await readPersonioLineManagers(client, checked.employeeIds);
		return { records: lineManagers.map((m) => ({ ...m })), problems };
	}
	if (params.resource === 'employee') {
		const { employees, problems } = await readEmployees(client, {
			employeeIds: checked.employeeIds,
			weeklyHoursRule,
		});
		return { records: employees.map(employeeJson), problems };
	}
	const query = {
		range,
		employeeIds: checked.employeeIds,
		selection: selectionOf(params),
		dayAmounts: params.options.dayAmounts ?? false,
		v1MarginDays: checked.options.v1MarginDays,
	};
	// the threshold output counts the BEM inputs inside the node (nodes/BemThreshold/thresholdMode.ts)
	if (params.output !== 'absences') {
		const { inputs, problems } = await readBemInputs(client, {
			...query,
			weeklyHoursRule,
			includeEmployeesWithoutAbsences: params.options.includeEmployeesWithoutAbsences ?? false,
			workPatternSource: checked.options.workPatternSource,
			workPatternCache,
			absenceCache,
		});
		return { records: inputs as unknown as IDataObject[], problems };
	}
	const { absences, problems } = await readAbsences(client, query);
	return { records: absences.map(absenceJson), problems };
}
