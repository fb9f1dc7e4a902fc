// The one item loop of every node: each input item (or group of items) runs on its own; a failure stops
// the node naming the item, or with Continue On Fail leaves as an error item and the next one runs.
// An HRIS call that failed stops the node as a NodeApiError with the HTTP status.
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { describeError, type DescribedError, type NodeName } from './describeError';

/** What one input item yields (each item with its pairedItem), on output `output` (default 0). */
export interface ItemResult {
	items: INodeExecutionData[];
	output?: number;
}

export interface ItemLoopOptions<T> {
	node: NodeName;
	/** the node's number of outputs (default 1) */
	outputs?: number;
	/** the output a Continue On Fail item leaves by (default 0) */
	errorOutput?: number;
	/** the outputs to add to (a node that loops twice: reading items, then evaluating groups of them) */
	into?: INodeExecutionData[][];
	/**
	 * The input items a unit stands for, the one to blame first (default: the unit is the item at its
	 * index). Given, the error item is paired with all of them.
	 */
	itemsOf?: (unit: T, index: number, error: unknown) => number[];
}

type LoopContext = Pick<IExecuteFunctions, 'continueOnFail' | 'getNode'>;

export async function forEachItem<T = INodeExecutionData>(
	ctx: LoopContext,
	units: T[],
	run: (index: number, unit: T) => Promise<ItemResult | ItemResult[]>,
	{ node, outputs = 1, errorOutput = 0, into, itemsOf }: ItemLoopOptions<T>,
): Promise<INodeExecutionData[][]> {
	const out = into ?? Array.from({ length: outputs }, () => []);
	for (let index = 0; index < units.length; index++) {
		try {
			const results = await run(index, units[index]);
			for (const result of [results].flat()) out[result.output ?? 0].push(...result.items);
		} catch (error) {
			const itemIndexes = itemsOf ? itemsOf(units[index], index, error) : [index];
			const itemIndex = itemIndexes[0];
			const described = describeError(error, itemIndex, node);
			if (!ctx.continueOnFail()) throw nodeError(ctx.getNode(), described, itemIndex);
			out[errorOutput].push({
				json: described.json,
				pairedItem: itemsOf ? itemIndexes.map((item) => ({ item })) : { item: itemIndex },
			});
		}
	}
	return out;
}

function nodeError(node: INode, described: DescribedError, itemIndex: number) {
	const { message, description, api } = described;
	if (!api) return new NodeOperationError(node, message, { itemIndex, description });
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		httpCode: api.httpCode,
		itemIndex,
	});
	// NodeApiError swaps a message naming a network code (ECONNRESET …) for a generic one; ours names the call
	error.message = message;
	return error;
}

/** What an HRIS node reads for one item: the records, and the problems found in the vendor's data. */
export interface HrisRead {
	records: IDataObject[];
	problems: IDataObject[];
}

/** Where an HRIS node's loop puts what it read: the records by their output, then the problems. */
export interface ReadRouting {
	outputs: number;
	problems: number;
	recordOutput(record: IDataObject): number;
}

/** Records on output 0, problems on output 1 (the HRIS nodes' Records and Problems). */
export const RECORDS_ROUTING: ReadRouting = { outputs: 2, problems: 1, recordOutput: () => 0 };

/** The HRIS nodes' loop: per input item its records (output Records) and problems (output Problems). */
export function forEachRead(
	ctx: LoopContext & Pick<IExecuteFunctions, 'getInputData'>,
	node: NodeName,
	read: (itemIndex: number) => Promise<HrisRead>,
	routing: ReadRouting = RECORDS_ROUTING,
): Promise<INodeExecutionData[][]> {
	return forEachItem(
		ctx,
		ctx.getInputData(),
		async (itemIndex) => {
			const { records, problems } = await read(itemIndex);
			const paired = (json: IDataObject) => ({ json, pairedItem: { item: itemIndex } });
			return [
				...records.map((json) => ({ items: [paired(json)], output: routing.recordOutput(json) })),
				{ items: problems.map(paired), output: routing.problems },
			];
		},
		{ node, outputs: routing.outputs },
	);
}
