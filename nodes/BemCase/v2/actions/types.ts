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
	/**
	 * the output items' JSON for this input item (find: one per case), or whole items when the operation
	 * gives binary data too (subjectAccessExport: the PDF)
	 */
	execute(
		this: IExecuteFunctions,
		input: OperationInput,
	): Promise<IDataObject[] | { items: INodeExecutionData[] }>;
}

export const showFor = (...operation: string[]) => ({ show: { operation } });
