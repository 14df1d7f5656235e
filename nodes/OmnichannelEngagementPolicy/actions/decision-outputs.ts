import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { CustomerOperationError, EngagementPolicyError } from '../../../core';
import { errorItemJson } from '../../shared/error-item';

const OUTPUT_OF: Record<string, number> = { send: 0, later: 1, blocked: 2 };
const BLOCKED = 2;

/** Refusals that say what to fix: shown as they are, with no talk of the store failing. */
function nodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError) return error;
	const message = (error as Error).message;
	if (error instanceof EngagementPolicyError || error instanceof CustomerOperationError) return new NodeOperationError(context.getNode(), message, { itemIndex });
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: 'The store could not carry this out; nothing was sent or claimed.' });
}

/** An output item's place among Send Now, Later and Blocked, by its `policy.decision`. */
const outputOf = (json: IDataObject) => OUTPUT_OF[String((json.policy as IDataObject | undefined)?.decision)] ?? BLOCKED;

/**
 * The node's item loop: one call per item, each result (none, one or several items) on the
 * output its decision names, paired with its input. With continue on fail a failing item comes
 * out on Blocked with its error, and the next item goes on.
 */
export async function decideEachItem(context: IExecuteFunctions, run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) outputs[outputOf(json)].push({ json, pairedItem });
		} catch (error) {
			const failure = nodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw failure;
			outputs[BLOCKED].push({ json: errorItemJson(context, itemIndex, failure.message), pairedItem });
		}
	}
	return outputs;
}

/** Items a run makes from nothing (the sweep): on their outputs, paired with the first input item. */
export function sortDecisions(items: IDataObject[]): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	for (const json of items) outputs[outputOf(json)].push({ json, pairedItem: { item: 0 } });
	return outputs;
}
