// Issue 12's check on a run's data, as n8n's editor shows a manual run and stores an execution: where
// does any node's output hold an absence record (a list of absences, or a record's fields)?
import type { IRunData } from 'n8n-workflow';

/** Fields of an absence record (core's AbsenceRecord and the HRIS nodes' absence items). */
export const ABSENCE_FIELDS = [
	'absences',
	'start',
	'end',
	'kind',
	'startHalf',
	'endHalf',
	'typeName',
	'certified',
	'followUp',
];

/** The fields a threshold result item carries (nodes/BemThreshold/evaluate.ts): ids, dates, counts. */
export const RESULT_FIELDS = [
	'employeeId',
	'status',
	'reachedOn',
	'reason',
	'windowStart',
	'windowEnd',
	'countedWorkingDays',
	'thresholdWorkingDays',
	'countedAuWeeks',
	'longestContinuousCalendarDays',
	'remainingWorkingDays',
	'ignoredRecords',
];

/** node name → the paths of absence fields in its outputs (every run, output and item); {} when none. */
export function absenceFieldsByNode(runData: IRunData): Record<string, string[]> {
	const found: Record<string, string[]> = {};
	const walk = (value: unknown, path: string, into: Set<string>) => {
		if (Array.isArray(value)) value.forEach((v) => walk(v, `${path}[]`, into));
		else if (value !== null && typeof value === 'object')
			for (const [key, v] of Object.entries(value)) {
				if (ABSENCE_FIELDS.includes(key)) into.add(`${path}.${key}`);
				walk(v, `${path}.${key}`, into);
			}
	};
	for (const [node, runs] of Object.entries(runData)) {
		const paths = new Set<string>();
		for (const run of runs)
			for (const [type, outputs] of Object.entries(run.data ?? {}))
				outputs.forEach((items, output) =>
					(items ?? []).forEach((item) => walk(item.json, `${type}[${output}]`, paths)),
				);
		if (paths.size > 0) found[node] = [...paths].sort();
	}
	return found;
}

/** Every field name of the items a node emitted (all its outputs). */
export function outputFields(runData: IRunData, node: string): string[] {
	const fields = new Set<string>();
	for (const run of runData[node] ?? [])
		for (const outputs of Object.values(run.data ?? {}))
			for (const items of outputs)
				for (const item of items ?? []) Object.keys(item.json).forEach((k) => fields.add(k));
	return [...fields].sort();
}
