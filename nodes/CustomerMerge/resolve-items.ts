import { commaList } from '../shared/comma-list';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { DEFAULT_CONSENT_KEYWORDS, eventInputSchema, inputFromEvent, type ConsentKeywords, type CustomerGraph, type BatchPolicy, type PreparedInput, type ResolveInput, type ResolveOutcome } from '../../core';

interface IdentifierRow {
	kind: string;
	value: string;
}

/** The consent keywords of the node's options: each list given replaces its defaults. */
function consentKeywordsOf(options: IDataObject): ConsentKeywords | undefined {
	const optOut = commaList(options.optOutKeywords);
	const optIn = commaList(options.optInKeywords);
	if (!optOut.length && !optIn.length) return undefined;
	return { optOut: optOut.length ? optOut : DEFAULT_CONSENT_KEYWORDS.optOut, optIn: optIn.length ? optIn : DEFAULT_CONSENT_KEYWORDS.optIn };
}

/** What one item says about its customer, from a channel event or from the mapped fields. */
function inputOf(context: IExecuteFunctions, itemIndex: number, recordEvent: boolean): ResolveInput {
	const item = context.getInputData()[itemIndex];
	if (context.getNodeParameter('identifyBy', itemIndex) === 'event') {
		// Events of executions started before version 2 are read in today's shape.
		const parsed = eventInputSchema.safeParse(item.json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} is not a channel event (${issue.path.join('.') || 'item'}: ${issue.message})`, {
				itemIndex,
				description: "Connect this node after an Omnichannel trigger or send node, or set 'Identify By' to 'Mapped Fields' and map the e-mail, phone or other identifiers yourself.",
			});
		}
		const input = inputFromEvent(parsed.data);
		return recordEvent ? input : { ...input, event: undefined };
	}
	const country = (context.getNodeParameter('defaultCountry', itemIndex, '') as string) || undefined;
	const rows = (context.getNodeParameter('otherIdentifiers.identifier', itemIndex, []) as IdentifierRow[]).filter((row) => String(row.value ?? '').trim());
	const identities = [
		{ kind: 'email', value: context.getNodeParameter('email', itemIndex, '') as string },
		{ kind: 'phone', value: context.getNodeParameter('phone', itemIndex, '') as string, country },
		...rows.map((row) => ({ kind: row.kind, value: row.value, country })),
	].filter((identity) => String(identity.value ?? '').trim());
	return { identities, name: (context.getNodeParameter('name', itemIndex, '') as string) || undefined };
}

interface ItemInput {
	input: PreparedInput;
	itemIndex: number;
}

/** The node's error when the store stops answering: which items were stored before it did. */
function storeStopped(context: IExecuteFunctions, error: unknown, firstOfBatch: number): NodeOperationError {
	const reason = (error as Error).message;
	const description = firstOfBatch === 0 ? 'Nothing was stored.' : `The items before item ${firstOfBatch + 1} were stored; nothing from item ${firstOfBatch + 1} on was.`;
	return new NodeOperationError(context.getNode(), `The store stopped answering: ${reason}`, { description: `${description} Run them again once the store answers.` });
}

/** The node's error when the store refused an item and the node does not continue on fail. */
function itemRefused(context: IExecuteFunctions, refused: { itemIndex: number; message: string }[], lastOfBatch: number, itemCount: number): NodeOperationError {
	const [{ itemIndex, message }] = refused;
	const others = refused.length > 1 ? ` Items ${refused.slice(1).map((entry) => entry.itemIndex + 1).join(', ')} were refused too.` : '';
	const later = lastOfBatch + 1 < itemCount ? `; items after item ${lastOfBatch + 1} were not` : '';
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: `The other items up to item ${lastOfBatch + 1} were stored${later}.${others} Fix or remove this item, or set the node to continue on error: such items then go to the error output and the others are stored.`,
	});
}

/**
 * Resolves the items in batches of one transaction each. An item the store refuses is set
 * aside (its batch is stored without it, see isolateRefusedInputs): with continue on fail it
 * becomes an error item; without, the node stops after that batch, naming the item.
 */
async function resolveInBatches(context: IExecuteFunctions, graph: CustomerGraph, valid: ItemInput[], batchSize: number, policy: BatchPolicy, failures: Map<number, string>) {
	const outcomes = new Map<number, ResolveOutcome>();
	const itemCount = context.getInputData().length;
	for (let start = 0; start < valid.length; start += batchSize) {
		const batch = valid.slice(start, start + batchSize);
		let resolved: ResolveOutcome[];
		try {
			resolved = await graph.resolvePreparedIsolatingRefused(batch.map((entry) => entry.input), policy);
		} catch (error) {
			throw storeStopped(context, error, batch[0].itemIndex);
		}
		const refused: { itemIndex: number; message: string }[] = [];
		for (const [i, { itemIndex }] of batch.entries()) {
			const outcome = resolved[i];
			if (!outcome.error) {
				outcomes.set(itemIndex, outcome);
				continue;
			}
			const message = `Item ${itemIndex + 1} was not stored: ${outcome.error}`;
			failures.set(itemIndex, message);
			refused.push({ itemIndex, message });
		}
		if (refused.length && !context.continueOnFail()) throw itemRefused(context, refused, batch[batch.length - 1].itemIndex, itemCount);
	}
	return outcomes;
}

/**
 * Resolve: finds or creates the customer behind every item, in batches of one transaction
 * each. Every item is checked before anything is written, so an item without identifiers stops
 * the node before anything is stored (unless the node continues on fail); an item the store
 * refuses is set aside, and the rest of its batch stored.
 */
export async function resolveItems(context: IExecuteFunctions, graph: CustomerGraph): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? 100);
	const recordEvent = options.recordEvent !== false;
	const policy = { skipForgottenIdentifiers: options.bulkImport === true && options.allowForgotten !== true, consentKeywords: consentKeywordsOf(options) };
	const failures = new Map<number, string>();
	const inputs = items.map((_, itemIndex): PreparedInput | undefined => {
		try {
			const input = graph.prepare(inputOf(context, itemIndex, recordEvent));
			if (input.error) {
				// Identifiers may be fine while a name or trait is not: the hint is only for missing identifiers.
				const description = input.identities.length ? undefined : 'Map at least one e-mail, phone or channel ID that is not a placeholder.';
				throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1}: ${input.error}`, { itemIndex, description });
			}
			return input;
		} catch (error) {
			if (!context.continueOnFail()) throw error;
			failures.set(itemIndex, (error as Error).message);
			return undefined;
		}
	});

	const valid = inputs.flatMap((input, itemIndex) => (input ? [{ input, itemIndex }] : []));
	const outcomes = await resolveInBatches(context, graph, valid, batchSize, policy, failures);

	// Skipped items still come out, paired, with customer null and resolution.forgotten; a bulk import also says how many.
	const skipped = [...outcomes.values()].filter((outcome) => outcome.forgotten).length;
	if (skipped && policy.skipForgottenIdentifiers) {
		// Older n8n versions have no hints: the items still say it.
		context.addExecutionHints?.({
			message: `${skipped} of ${items.length} items were skipped because they concern a forgotten customer (see resolution.warnings): nothing of them was stored`,
			type: 'warning',
			location: 'outputPane',
		});
	}

	const historyLimit = context.getNodeParameter('historyLimit', 0, 10) as number;
	const ids = [...outcomes.values()].flatMap((outcome) => (outcome.customerId ? [outcome.customerId] : []));
	const customers = await graph.getCustomers(ids, historyLimit);
	return items.map((item, itemIndex): INodeExecutionData => {
		const pairedItem = { item: itemIndex };
		const failure = failures.get(itemIndex);
		// As n8n's own nodes do: with "continue (using error output)" n8n routes it there, beside the input item's fields.
		if (failure) return { json: { error: failure }, pairedItem };
		const { customerId, created, merged, attached, warnings, duplicate, forgotten, shared } = outcomes.get(itemIndex)!;
		const customer = customerId ? customers.get(customerId) : undefined;
		// resolution.shared only on items from a shared phone: flows ask "Who is writing?" when it is not confirmed.
		const resolution = { created, merged, attached, warnings, duplicate: duplicate ?? false, forgotten: forgotten ?? false, ...(shared ? { shared } : {}) };
		return { json: { ...item.json, customer: (customer ?? null) as unknown as IDataObject, resolution }, pairedItem };
	});
}
