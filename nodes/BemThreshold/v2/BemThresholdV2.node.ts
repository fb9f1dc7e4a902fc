import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VERSIONS } from '../../shared/versions';
import {
	evaluateThresholdDetailed,
	ThresholdInputError,
	ThresholdOptionsError,
	type ThresholdInput,
} from '../../../core';
import { splitList } from '../../shared/fields';
import { thresholdProperties } from './description';
import { thresholdOptions } from '../options';
import {
	DEFAULT_RECORD_FIELDS,
	ItemFieldError,
	keepFields,
	readAbsenceList,
	readEmployee,
	readEmployeeId,
	readRecord,
	type EmployeeFieldMap,
	type RecordFieldMap,
} from '../readInput';

const OUTPUT = { due: 0, approaching: 1, below: 2 } as const;

interface EmployeeGroup {
	itemIndexes: number[];
	input: ThresholdInput;
	identity: IDataObject;
}

export class BemThresholdV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(base: INodeTypeBaseDescription) {
		this.description = {
			...base,
			version: VERSIONS,
			subtitle:
				'={{ $parameter["inputShape"] === "perAbsence" ? "from absence records" : "per employee" }}',
			defaults: { name: 'BEM Threshold' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['Due', 'Approaching', 'Below'],
			// a tool for an anonymous what-if check: it reads only the absences handed to it and writes nothing
			usableAsTool: true,
			properties: thresholdProperties,
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], []];
		const shape = this.getNodeParameter('inputShape', 0) as 'perEmployee' | 'perAbsence';

		const fail = (error: Error, itemIndexes: number[]) => {
			const itemIndex = itemIndexes[0];
			const message = `Item ${itemIndex}: ${describe(error)}`;
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), message, {
					itemIndex,
					description:
						'Fix the record in the HR system or the field mapping; nothing was evaluated for this employee.',
				});
			}
			// like the If node, a failed item leaves by the "no action" output; with "Continue (using error
			// output)" n8n moves it to the error output because it carries only error/details
			outputs[OUTPUT.below].push({
				json: { error: message, details: errorDetails(error) },
				pairedItem: itemIndexes.map((item) => ({ item })),
			});
		};

		const groups: EmployeeGroup[] = [];
		if (shape === 'perAbsence') {
			const byEmployee = new Map<string, EmployeeGroup>();
			for (let i = 0; i < items.length; i++) {
				try {
					const fields = employeeFields(this, i);
					const item = items[i].json;
					const employeeId = readEmployeeId(item, fields);
					let group = byEmployee.get(employeeId);
					if (!group) {
						group = {
							itemIndexes: [],
							input: { ...readEmployee(item, fields), absences: [] },
							identity: keepFields(item, keepList(this, i)),
						};
						byEmployee.set(employeeId, group);
						groups.push(group);
					}
					group.input.absences.push(
						readRecord(item, recordFields(this, i), employeeId, group.itemIndexes.length),
					);
					group.itemIndexes.push(i);
				} catch (error) {
					fail(error as Error, [i]);
				}
			}
		} else {
			for (let i = 0; i < items.length; i++) {
				try {
					const fields = employeeFields(this, i);
					const item = items[i].json;
					const employee = readEmployee(item, fields);
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
					});
				} catch (error) {
					fail(error as Error, [i]);
				}
			}
		}

		for (const group of groups) {
			const first = group.itemIndexes[0];
			try {
				const { result, ignored } = evaluateThresholdDetailed(
					group.input,
					thresholdOptions(this, first),
				);
				outputs[OUTPUT[result.status]].push({
					json: { ...group.identity, ...result, ignoredRecords: { ...ignored } } as IDataObject,
					pairedItem: group.itemIndexes.map((item) => ({ item })),
				});
			} catch (error) {
				// per absence record, the record index of the engine's error is the item that holds it
				const recordIndex = error instanceof ThresholdInputError ? error.recordIndex : undefined;
				const culprit =
					shape === 'perAbsence' && recordIndex !== undefined
						? group.itemIndexes[recordIndex]
						: first;
				fail(error as Error, [culprit, ...group.itemIndexes.filter((i) => i !== culprit)]);
			}
		}
		return outputs;
	}
}

function describe(error: Error): string {
	if (error instanceof ItemFieldError) {
		return (
			(error.employeeId === undefined ? '' : `Employee ${JSON.stringify(error.employeeId)}, `) +
			(error.recordIndex === undefined ? '' : `absence #${error.recordIndex}, `) +
			`field "${error.field}": ${error.message}`
		);
	}
	return error.message;
}

function errorDetails(error: Error): IDataObject {
	if (error instanceof ThresholdInputError || error instanceof ItemFieldError) {
		const details: IDataObject = { field: error.field };
		if (error.employeeId !== undefined) details.employeeId = error.employeeId;
		if (error.recordIndex !== undefined) details.recordIndex = error.recordIndex;
		return details;
	}
	if (error instanceof ThresholdOptionsError) return { option: error.field };
	return {};
}

function employeeFields(ctx: IExecuteFunctions, i: number): EmployeeFieldMap {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return {
		employeeId: ctx.getNodeParameter('employeeIdField', i) as string,
		workdays: (options.workPatternField as string) || 'workdays',
		hoursPerWorkday: (options.hoursPerWorkdayField as string) || 'hoursPerWorkday',
		lastBemClosedOn: (options.lastClosureField as string) || 'lastBemClosedOn',
	};
}

function recordFields(ctx: IExecuteFunctions, i: number): RecordFieldMap {
	const mapped = ctx.getNodeParameter('recordFields', i, {}) as Partial<RecordFieldMap>;
	const map = { ...DEFAULT_RECORD_FIELDS };
	for (const key of Object.keys(map) as Array<keyof RecordFieldMap>)
		if (mapped[key]) map[key] = mapped[key] as string;
	return map;
}

function keepList(ctx: IExecuteFunctions, i: number): string[] {
	return splitList(ctx.getNodeParameter('keepFields', i, '') as string);
}
