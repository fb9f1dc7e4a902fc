import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { BemStoreHandle } from '../../../shared/bemStore';

export interface OperationInput {
	itemIndex: number;
	item: INodeExecutionData;
	handle: BemStoreHandle;
}

/** One operation of the BEM Case node: its parameters and what it does for one input item. */
export interface BemCaseOperation {
	properties: INodeProperties[];
	/** the output items' JSON for this input item (find: one per case) */
	execute(this: IExecuteFunctions, input: OperationInput): Promise<IDataObject[]>;
}

export const showFor = (...operation: string[]) => ({ show: { operation } });
