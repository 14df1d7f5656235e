import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { CustomerOperationError } from '../../core';

/**
 * The item loop of every operation but Resolve: one item, one transaction, its result as
 * the output item, paired with its input. A refusal (a CustomerOperationError) is shown as
 * it is; anything else is the store failing, with nothing changed. With continue on fail
 * the error becomes an item of its own and the next item goes on.
 */
export async function changeEachItem(context: IExecuteFunctions, run: (itemIndex: number) => Promise<object>): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			output.push({ json: (await run(itemIndex)) as IDataObject, pairedItem: { item: itemIndex } });
		} catch (error) {
			const message = (error as Error).message;
			if (context.continueOnFail()) {
				output.push({ json: { error: message }, pairedItem: { item: itemIndex } });
				continue;
			}
			if (error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(context.getNode(), message, {
				itemIndex,
				description: error instanceof CustomerOperationError ? undefined : 'The store could not carry this out; nothing was changed.',
			});
		}
	}
	return [output];
}
