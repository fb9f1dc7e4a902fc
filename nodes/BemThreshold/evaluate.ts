// One employee through the §167 engine, as every threshold evaluation of this package emits it: the
// BEM Threshold node and the HRIS nodes' "BEM Threshold Results" output. Only ids, dates and counts.
import type { IDataObject } from 'n8n-workflow';

import {
	evaluateThresholdDetailed,
	type ThresholdInput,
	type ThresholdOptions,
	type ThresholdStatus,
} from '../../core';

/** The outputs by status, in the order the BEM Threshold node (and the threshold mode) declares them. */
export const THRESHOLD_OUTPUT: Record<ThresholdStatus, number> = {
	due: 0,
	approaching: 1,
	below: 2,
};
export const THRESHOLD_OUTPUT_NAMES = ['Due', 'Approaching', 'Below'];

/** The employee's result item (identity: the fields kept next to it) and the output it leaves by. */
export function evaluateEmployee(
	input: ThresholdInput,
	options: ThresholdOptions,
	identity: IDataObject = {},
): { output: number; json: IDataObject } {
	const { result, ignored } = evaluateThresholdDetailed(input, options);
	return {
		output: THRESHOLD_OUTPUT[result.status],
		json: { ...identity, ...result, ignoredRecords: { ...ignored } } as IDataObject,
	};
}

/** An employee's own last closure wins; else the one in the last-closures map (none: null). */
export function withLastClosure<T extends { employeeId: string; lastBemClosedOn?: string | null }>(
	input: T,
	closures: Map<string, string>,
): T {
	if (input.lastBemClosedOn) return input;
	return { ...input, lastBemClosedOn: closures.get(input.employeeId) ?? null };
}
