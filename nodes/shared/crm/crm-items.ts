import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { CrmContact, CrmKind } from '../../../core/crm';
import { errorItemJson } from '../error-item';
import { crmNodeError } from './crm-node-error';

/** What a CRM operation says about one item, under `crm.<crm>` of the output item. */
export interface CrmItemResult {
	contactId: string | null;
	contact?: CrmContact | null;
	created?: boolean;
	found?: boolean;
	activity?: { id: string; objectType: string } | null;
	duplicate?: boolean;
	erased?: boolean;
	/** Something done only in part (the record id not recorded on the customer), in words. */
	warning?: string;
	[key: string]: unknown;
}

/**
 * The output item: the input item's fields, with this CRM's result beside any other CRM's under
 * `crm`, so that a flow can go through several CRM nodes and read each.
 */
export function withCrmResult(context: IExecuteFunctions, itemIndex: number, crm: CrmKind, result: CrmItemResult): IDataObject {
	const json = context.getInputData()[itemIndex].json;
	const previous = json.crm && typeof json.crm === 'object' ? (json.crm as IDataObject) : {};
	const clean = Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined));
	return { ...json, crm: { ...previous, [crm]: clean as IDataObject } };
}

export type ItemOutcome = { json: IDataObject } | { error: unknown };

/**
 * The node's output from one outcome per item, paired with its input. A failed item throws, or
 * with continue on fail comes out with its error (n8n's error output with "continue using error
 * output", see errorItemJson) and the others go on.
 */
export function outputOf(context: IExecuteFunctions, outcomes: ItemOutcome[]): INodeExecutionData[][] {
	return [
		outcomes.map((outcome, itemIndex) => {
			const pairedItem = { item: itemIndex };
			if ('json' in outcome) return { json: outcome.json, pairedItem };
			const failure = crmNodeError(context.getNode(), outcome.error, itemIndex);
			if (!context.continueOnFail()) throw failure;
			return { json: errorItemJson(context, itemIndex, failure.message), pairedItem };
		}),
	];
}

/** One call per item, in order; a failure stops the node unless it continues on fail. */
export async function eachCrmItem(context: IExecuteFunctions, run: (itemIndex: number) => Promise<IDataObject>): Promise<INodeExecutionData[][]> {
	const outcomes: ItemOutcome[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			outcomes.push({ json: await run(itemIndex) });
		} catch (error) {
			if (!context.continueOnFail()) throw crmNodeError(context.getNode(), error, itemIndex);
			outcomes.push({ error });
		}
	}
	return outputOf(context, outcomes);
}
