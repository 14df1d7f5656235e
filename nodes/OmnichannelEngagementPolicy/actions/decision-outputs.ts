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

/** An item ready to decide, or why it can't be (its parameters, or its customer). */
type Prepared<T> = { itemIndex: number; input: T } | { itemIndex: number; error: unknown };

/**
 * The node's items decided a batch at a time: each item's input read from its parameters, then
 * every `batchSize` of them decided in one call, each result on the output its decision names,
 * paired with its input. Without continue on fail the first failing item stops the node before
 * its batch claims anything; with it a failing item comes out on Blocked with its error (a
 * batch the store could not decide: each of its items), and the others go on.
 */
export async function decideInBatches<T>(
	context: IExecuteFunctions,
	batchSize: number,
	read: (itemIndex: number) => T,
	decide: (inputs: T[], options: { stopAtFirstError: boolean }) => Promise<(IDataObject | Error)[]>,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const tolerant = context.continueOnFail();
	const fail = (itemIndex: number, error: unknown) => {
		const failure = nodeError(context, error, itemIndex);
		if (!tolerant) throw failure;
		return failure;
	};
	const prepared: Prepared<T>[] = context.getInputData().map((_item, itemIndex) => {
		try {
			return { itemIndex, input: read(itemIndex) };
		} catch (error) {
			fail(itemIndex, error);
			return { itemIndex, error };
		}
	});
	const results = new Map<number, IDataObject | Error>();
	const ready = prepared.filter((entry): entry is { itemIndex: number; input: T } => 'input' in entry);
	for (let start = 0; start < ready.length; start += batchSize) {
		const batch = ready.slice(start, start + batchSize);
		try {
			const outcomes = await decide(
				batch.map((entry) => entry.input),
				{ stopAtFirstError: !tolerant },
			);
			batch.forEach((entry, position) => results.set(entry.itemIndex, outcomes[position]));
		} catch (error) {
			// An error about one item (a NodeOperationError) names it; another is the batch's.
			fail(batch[0].itemIndex, error);
			for (const entry of batch) results.set(entry.itemIndex, error as Error);
		}
	}
	for (const entry of prepared) {
		const pairedItem = { item: entry.itemIndex };
		const result = 'error' in entry ? entry.error : results.get(entry.itemIndex);
		if (result && !(result instanceof Error) && !('error' in entry)) {
			outputs[outputOf(result as IDataObject)].push({ json: result as IDataObject, pairedItem });
			continue;
		}
		const failure = fail(entry.itemIndex, result);
		outputs[BLOCKED].push({ json: errorItemJson(context, entry.itemIndex, failure.message), pairedItem });
	}
	return outputs;
}

/** Items a run makes from nothing (the sweep): on their outputs, paired with the first input item. */
export function sortDecisions(items: IDataObject[]): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	for (const json of items) outputs[outputOf(json)].push({ json, pairedItem: { item: 0 } });
	return outputs;
}
