import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ThresholdInputError, type ThresholdInput } from '../../../core';
import { splitList } from '../../shared/fields';
import { forEachItem, type ItemLoopOptions } from '../../shared/forEachItem';
import { readLastClosures } from '../../shared/lastClosures';
import { evaluateEmployee, THRESHOLD_OUTPUT as OUTPUT, withLastClosure } from '../evaluate';
import { readLocationStates, withHolidayState } from '../holidayState';
import { thresholdOptions } from '../options';
import {
	DEFAULT_RECORD_FIELDS,
	keepFields,
	readAbsenceList,
	readEmployee,
	readEmployeeId,
	readRecord,
	type EmployeeFieldMap,
	type RecordFieldMap,
} from '../readInput';
import { versionDescription } from './versionDescription';

interface EmployeeGroup {
	itemIndexes: number[];
	input: ThresholdInput;
	identity: IDataObject;
	/** the employee's work location (Options → Location Field), for Holiday State by Location */
	location: unknown;
}

export class BemThresholdV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = { ...base, ...versionDescription };
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const shape = this.getNodeParameter('inputShape', 0) as 'perEmployee' | 'perAbsence';
		// like the If node, a failed item leaves by the "no action" output; with "Continue (using error
		// output)" n8n moves it to the error output because it carries only error/details
		const outputs: INodeExecutionData[][] = [[], [], []];
		const loop = { node: 'BEM Threshold', errorOutput: OUTPUT.below, into: outputs } as const;

		// 1. each item into its employee's input (per absence record: grouped by employee ID)
		const groups: EmployeeGroup[] = [];
		const byEmployee = new Map<string, EmployeeGroup>();
		const readItem = async (i: number, { json: item }: INodeExecutionData) => {
			const fields = employeeFields(this, i);
			const closuresField = (this.getNodeParameter('options', i, {}) as IDataObject)
				.lastClosuresField as string | undefined;
			const employeeOf = (json: IDataObject) => {
				const employee = readEmployee(json, fields);
				return closuresField
					? withLastClosure(employee, readLastClosures(json, closuresField))
					: employee;
			};
			if (shape === 'perAbsence') {
				const employeeId = readEmployeeId(item, fields);
				let group = byEmployee.get(employeeId);
				if (!group) {
					group = {
						itemIndexes: [],
						input: { ...employeeOf(item), absences: [] },
						identity: keepFields(item, keepList(this, i)),
						location: locationOf(this, i, item),
					};
					byEmployee.set(employeeId, group);
					groups.push(group);
				}
				group.input.absences.push(
					readRecord(item, recordFields(this, i), employeeId, group.itemIndexes.length),
				);
				group.itemIndexes.push(i);
			} else {
				const employee = employeeOf(item);
				const absencesField = this.getNodeParameter('absencesField', i, 'absences') as string;
				const absences = readAbsenceList(
					item,
					absencesField,
					recordFields(this, i),
					employee.employeeId,
				);
				groups.push({
					itemIndexes: [i],
					input: { ...employee, absences },
					identity: keepFields(item, keepList(this, i)),
					location: locationOf(this, i, item),
				});
			}
			return [];
		};
		await forEachItem(this, items, readItem, { ...loop, itemsOf: (_, i) => [i] });

		// 2. each employee through the engine, paired with all of its items
		const evaluate = async (_: number, group: EmployeeGroup) => {
			const first = group.itemIndexes[0];
			const { output, json } = evaluateEmployee(
				group.input,
				thresholdOptions(this, first),
				group.identity,
			);
			const states = readLocationStates(this.getNodeParameter('options', first, {}) as IDataObject);
			return {
				output,
				items: [
					{
						json: withHolidayState(json, group.location, states),
						pairedItem: group.itemIndexes.map((item) => ({ item })),
					},
				],
			};
		};
		const groupItems: ItemLoopOptions<EmployeeGroup>['itemsOf'] = (group, _, error) => {
			// per absence record, the record index of the engine's error is the item that holds it
			const recordIndex = error instanceof ThresholdInputError ? error.recordIndex : undefined;
			const culprit =
				shape === 'perAbsence' && recordIndex !== undefined
					? group.itemIndexes[recordIndex]
					: group.itemIndexes[0];
			return [culprit, ...group.itemIndexes.filter((i) => i !== culprit)];
		};
		await forEachItem(this, groups, evaluate, { ...loop, itemsOf: groupItems });
		return outputs;
	}
}

function employeeFields(ctx: IExecuteFunctions, i: number): EmployeeFieldMap {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return {
		employeeId: ctx.getNodeParameter('employeeIdField', i) as string,
		workdays: (options.workPatternField as string) || 'workdays',
		hoursPerWorkday: (options.hoursPerWorkdayField as string) || 'hoursPerWorkday',
		lastBemClosedOn: (options.lastClosureField as string) || 'lastBemClosedOn',
		...(ctx.getNode().typeVersion >= 2
			? {
					workPatterns: (options.workPatternHistoryField as string) || 'workPatterns',
					employedSince: (options.employedSinceField as string) || 'employedSince',
				}
			: {}),
	};
}

function recordFields(ctx: IExecuteFunctions, i: number): RecordFieldMap {
	const mapped = ctx.getNodeParameter('recordFields', i, {}) as Partial<RecordFieldMap>;
	const map = { ...DEFAULT_RECORD_FIELDS };
	for (const key of Object.keys(map) as Array<keyof RecordFieldMap>)
		if (mapped[key]) map[key] = mapped[key] as string;
	return map;
}

function locationOf(ctx: IExecuteFunctions, i: number, item: IDataObject): unknown {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return item[(options.locationField as string) || 'location'];
}

function keepList(ctx: IExecuteFunctions, i: number): string[] {
	return splitList(ctx.getNodeParameter('keepFields', i, '') as string);
}
