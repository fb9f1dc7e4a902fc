// The HRIS nodes' "BEM Threshold Results" output (issue 12): the absences are read and counted inside
// the node, so only the threshold results leave it — no absence record ever reaches n8n's run data,
// the editor or the execution store (n8n 2.41 redacts nothing without a licence: docs/n8n-runtime.md).
// Same options, same reading, same results as HRIS node → BEM Threshold (one place: this folder).
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { ThresholdInput } from '../../core';
import { readLastClosures } from '../shared/lastClosures';
import { HOLIDAY_STATE_OPTIONS, readLocationStates, withHolidayState } from './holidayState';
import type { HrisRead, ReadRouting } from '../shared/forEachItem';
import { thresholdOptions } from './options';
import {
	evaluateEmployee,
	THRESHOLD_OUTPUT,
	THRESHOLD_OUTPUT_NAMES,
	withLastClosure,
} from './evaluate';
import {
	DEFAULT_RECORD_FIELDS,
	readAbsenceList,
	readEmployee,
	type EmployeeFieldMap,
} from './readInput';
import { LAST_CLOSURES_FIELD_OPTION, THRESHOLD_RULE_OPTIONS } from './v2/description';

export const THRESHOLD_RESULTS = 'thresholdResults';
const OPTIONS = 'thresholdOptions';

/** The Output choice of an HRIS node's absence read. */
export const thresholdResultsChoice: INodePropertyOptions = {
	name: 'BEM Threshold Results (One Item per Employee)',
	value: THRESHOLD_RESULTS,
	description:
		'Checks the §167 threshold here, as the BEM Threshold node does: only IDs, dates and counts leave the node (Due, Approaching, Below), never an absence record',
};

/** The threshold's options, shown with that output (`show`: the absence read's display options). */
export function thresholdModeProperties(
	show: NonNullable<INodeProperties['displayOptions']>,
): INodeProperties[] {
	const displayOptions = { show: { ...show.show, output: [THRESHOLD_RESULTS] } };
	return [
		{
			displayName: 'Threshold Options',
			name: OPTIONS,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions,
			options: [
				...THRESHOLD_RULE_OPTIONS,
				...HOLIDAY_STATE_OPTIONS,
				LAST_CLOSURES_FIELD_OPTION,
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

const mains = (names: string[]) => names.map((displayName) => ({ type: 'main', displayName }));

/** Records and Problems; with the threshold output Due, Approaching, Below and Problems. */
export const HRIS_INPUTS_AND_OUTPUTS: Pick<INodeTypeDescription, 'inputs' | 'outputs'> = {
	inputs: [NodeConnectionTypes.Main],
	outputs: `={{ ($parameter.resource ?? 'absence') === 'absence' && $parameter.output === '${THRESHOLD_RESULTS}' ? ${JSON.stringify(mains([...THRESHOLD_OUTPUT_NAMES, 'Problems']))} : ${JSON.stringify(mains(['Records', 'Problems']))} }}`,
};

/** Whether the node evaluates the threshold (the Output parameter; one value for all items). */
export function isThresholdMode(ctx: IExecuteFunctions): boolean {
	return (
		ctx.getNodeParameter('resource', 0, 'absence') === 'absence' &&
		ctx.getNodeParameter('output', 0, '') === THRESHOLD_RESULTS
	);
}

/** forEachRead's routing in threshold mode: each result by its status, problems last. */
export const THRESHOLD_ROUTING: ReadRouting = {
	outputs: THRESHOLD_OUTPUT_NAMES.length + 1,
	problems: THRESHOLD_OUTPUT_NAMES.length,
	recordOutput: (result) => THRESHOLD_OUTPUT[result.status as keyof typeof THRESHOLD_OUTPUT],
};

const BEM_INPUT_FIELDS: EmployeeFieldMap = {
	employeeId: 'employeeId',
	workdays: 'workdays',
	hoursPerWorkday: 'hoursPerWorkday',
	lastBemClosedOn: 'lastBemClosedOn',
	workPatterns: 'workPatterns',
	employedSince: 'employedSince',
};

/** Each BEM input of item `itemIndex` evaluated as the BEM Threshold node reads it (see below). */
function evaluator(ctx: IExecuteFunctions, itemIndex: number) {
	const o = ctx.getNodeParameter(OPTIONS, itemIndex, {}) as IDataObject;
	const options = thresholdOptions(ctx, itemIndex, OPTIONS);
	const closures = readLastClosures(
		ctx.getInputData()[itemIndex]?.json ?? {},
		(o.lastClosuresField as string) || (LAST_CLOSURES_FIELD_OPTION.default as string),
	);
	return (input: IDataObject) => {
		const employee = withLastClosure(readEmployee(input, BEM_INPUT_FIELDS), closures);
		const absences = readAbsenceList(input, 'absences', DEFAULT_RECORD_FIELDS, employee.employeeId);
		return evaluateEmployee({ ...employee, absences }, options);
	};
}

/**
 * The BEM inputs an HRIS node read for item `itemIndex`, evaluated: read as the BEM Threshold node
 * reads them (one item per employee, default fields), restarted from the last-closures map on that
 * input item, each turned into its result. The absence records stay in this function.
 */
export function evaluateBemInputs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	read: HrisRead,
): HrisRead {
	const evaluate = evaluator(ctx, itemIndex);
	const states = readLocationStates(ctx.getNodeParameter(OPTIONS, itemIndex, {}) as IDataObject);
	// a connector's BEM input names the employee's location where its HRIS keeps one
	const records = read.records.map((input) =>
		withHolidayState(evaluate(input).json, input.location, states),
	);
	return { records, problems: read.problems };
}

/** The employees among these inputs the threshold names (Due, Approaching), with the item's options. */
export function thresholdSuspects(
	ctx: IExecuteFunctions,
	itemIndex: number,
): (inputs: ThresholdInput[]) => string[] {
	const evaluate = evaluator(ctx, itemIndex);
	return (inputs) =>
		inputs
			.filter((i) => evaluate(i as unknown as IDataObject).output !== THRESHOLD_OUTPUT.below)
			.map((i) => i.employeeId);
}

/** The routing of the node's read loop. */
export function readRouting(ctx: IExecuteFunctions): ReadRouting | undefined {
	return isThresholdMode(ctx) ? THRESHOLD_ROUTING : undefined;
}
