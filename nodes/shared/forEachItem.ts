// The item loop of the BEM store nodes: each item runs on its own; a failure stops the node naming the
// item, or with Continue On Fail leaves as an error item and the next item runs.
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { describeError, type BemNodeName } from './describeError';

/** What one input item yields (each item with its pairedItem), on output `output` (default 0). */
export interface ItemResult {
	items: INodeExecutionData[];
	output?: number;
}

export interface ItemLoopOptions {
	node: BemNodeName;
	/** the node's number of outputs (default 1) */
	outputs?: number;
	/** the output a Continue On Fail item leaves by (default 0) */
	errorOutput?: number;
}

export async function forEachItem(
	ctx: Pick<IExecuteFunctions, 'continueOnFail' | 'getNode'>,
	items: INodeExecutionData[],
	run: (itemIndex: number, item: INodeExecutionData) => Promise<ItemResult>,
	{ node, outputs = 1, errorOutput = 0 }: ItemLoopOptions,
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[][] = Array.from({ length: outputs }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex, items[itemIndex]);
			out[result.output ?? 0].push(...result.items);
		} catch (error) {
			const described = describeError(error, itemIndex, node);
			if (!ctx.continueOnFail())
				throw new NodeOperationError(ctx.getNode(), described.message, {
					itemIndex,
					description: described.description,
				});
			out[errorOutput].push({ json: described.json, pairedItem: { item: itemIndex } });
		}
	}
	return out;
}
