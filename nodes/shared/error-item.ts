import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The output item of an item that failed while the node continues on error. With "continue
 * (using error output)" it holds only the error: n8n moves such items to the error output and
 * adds the input item's fields back (an item with other fields would stay on the main output).
 * With "continue" it is the input item with the error, so the flow after it still has its fields.
 */
export function errorItemJson(context: IExecuteFunctions, itemIndex: number, message: string): IDataObject {
	if (context.getNode().onError === 'continueErrorOutput') return { error: message };
	return { ...context.getInputData()[itemIndex].json, error: message };
}
