import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { AssignmentError, ConversationError, CustomerOperationError, TeamError, TeamImportError } from '../../../core';
import { ProviderError } from '../../../core/channels/provider-error';
import { errorItemJson } from '../../shared/error-item';
import { toNodeError } from '../../shared/provider-error';

/** Refusals of the store that say what to fix: shown as they are, with no talk of the store failing. */
const REFUSALS = [ConversationError, AssignmentError, TeamError, TeamImportError, CustomerOperationError];

function nodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError || error instanceof ProviderError) return toNodeError(context.getNode(), error, itemIndex);
	const message = (error as Error).message;
	if (REFUSALS.some((refusal) => error instanceof refusal)) return new NodeOperationError(context.getNode(), message, { itemIndex });
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: 'The store could not carry this out; nothing was changed.' });
}

/**
 * The node's item loop: one call per item, whose result is one output item (an object) or
 * several (a list), each paired with its input. With continue on fail a failing item comes out
 * with its error (see errorItemJson), and the next item goes on.
 */
export async function eachItem(context: IExecuteFunctions, run: (itemIndex: number) => Promise<object>): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json: json as IDataObject, pairedItem });
		} catch (error) {
			const failure = nodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw failure;
			output.push({ json: errorItemJson(context, itemIndex, failure.message), pairedItem });
		}
	}
	return [output];
}
