import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItemJson } from './error-item';
import { toNodeError } from './provider-error';

/**
 * The item loop of every action node: one send per item, its result (the canonical
 * outbound event) as the output item, paired with its input; provider errors become
 * NodeApiErrors with the provider's code and a hint, or error items on continue-on-fail
 * (see errorItemJson).
 */
export async function sendEachItem(context: IExecuteFunctions, send: (itemIndex: number) => Promise<object>): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push({ json: (await send(itemIndex)) as IDataObject, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push({ json: errorItemJson(context, itemIndex, nodeError.message), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
