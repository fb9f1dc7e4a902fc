// The HRIS nodes' "BEM Threshold Results" output against the two-node way it replaces (issue 12): in
// one n8n-core run, Start → HRIS node (BEM Threshold Results) and Start → the same node (BEM Input) →
// BEM Threshold, with the same options. Each output must hold the same items, and the threshold-mode
// node must emit no absence record.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/run';
import { absenceFieldsByNode } from '../workflows/absenceRecords';

export const IN_NODE = 'Threshold in the Node';
export const READER = 'BEM Input';
export const THRESHOLD = 'BEM Threshold';

export interface HrisNode {
	type: string;
	credential: string;
	parameters: IDataObject;
}

export function equivalenceWorkflow(
	node: HrisNode,
	thresholdOptions: IDataObject,
	thresholdVersion = 2,
): WorkflowJson {
	const hris = (id: string, name: string, parameters: IDataObject, position: [number, number]) => ({
		id,
		name,
		type: node.type,
		typeVersion: 2,
		position,
		parameters: { resource: 'absence', operation: 'getAll', ...node.parameters, ...parameters },
		credentials: { [node.credential]: { id: 'c1', name: node.credential } },
	});
	return {
		nodes: [
			{
				id: '1',
				// a pass-through start: the run's start items (a last-closures map) reach both branches
				name: 'Start',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			hris('2', IN_NODE, { output: 'thresholdResults', thresholdOptions }, [200, 0]),
			hris('3', READER, { output: 'bemInput' }, [200, 200]),
			{
				id: '4',
				name: THRESHOLD,
				type: 'n8n-nodes-bem.bemThreshold',
				typeVersion: thresholdVersion,
				position: [400, 200],
				parameters: { keepFields: '', options: thresholdOptions } as INodeParameters,
			},
		],
		connections: {
			Start: {
				main: [
					[
						{ node: IN_NODE, type: 'main', index: 0 },
						{ node: READER, type: 'main', index: 0 },
					],
				],
			},
			[READER]: { main: [[{ node: THRESHOLD, type: 'main', index: 0 }], []] },
		},
	};
}

type Output = (node: string, index?: number) => IDataObject[];
const byEmployee = (items: IDataObject[]) =>
	[...items].sort((a, b) => String(a.employeeId).localeCompare(String(b.employeeId)));

/** Due, Approaching and Below of the node equal BEM Threshold's; its Problems the reader's. */
export function expectSameResults(output: Output): void {
	for (const o of [0, 1, 2])
		expect(byEmployee(output(IN_NODE, o))).toEqual(byEmployee(output(THRESHOLD, o)));
	expect(output(IN_NODE, 3)).toEqual(output(READER, 1));
}

/** node → absence fields found in its outputs, for the threshold-mode node only. */
export function absenceFieldsOfNode(runData: Parameters<typeof absenceFieldsByNode>[0]) {
	return absenceFieldsByNode(runData)[IN_NODE] ?? [];
}

export const startItems = (json: IDataObject): INodeExecutionData[] => [{ json }];

/** The result fields both ways compare on (the engine's decision and counts). */
export const pick = (r: Record<string, unknown>) => [
	r.employeeId,
	r.status,
	r.reachedOn,
	r.reason,
	r.countedWorkingDays,
	r.thresholdWorkingDays,
	r.longestContinuousCalendarDays,
];
