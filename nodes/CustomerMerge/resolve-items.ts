import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { canonicalEventSchema, inputFromEvent, type CustomerGraph, type PreparedInput, type ResolveInput } from '../../core';

interface IdentifierRow {
	kind: string;
	value: string;
}

/** What one item says about its customer, from a channel event or from the mapped fields. */
function inputOf(context: IExecuteFunctions, itemIndex: number, recordEvent: boolean): ResolveInput {
	const item = context.getInputData()[itemIndex];
	if (context.getNodeParameter('identifyBy', itemIndex) === 'event') {
		const parsed = canonicalEventSchema.safeParse(item.json);
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

/**
 * Resolve: finds or creates the customer behind every item, in batches of one transaction
 * each. Every item is checked before anything is written, so a bad item stops the node
 * without storing half of the input (unless the node continues on fail).
 */
export async function resolveItems(context: IExecuteFunctions, graph: CustomerGraph): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? 100);
	const recordEvent = options.recordEvent !== false;
	const policy = { skipForgottenIdentifiers: options.bulkImport === true && options.allowForgotten !== true };
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
	const outcomes = new Map<number, Awaited<ReturnType<CustomerGraph['resolve']>>[number]>();
	for (let start = 0; start < valid.length; start += batchSize) {
		const batch = valid.slice(start, start + batchSize);
		const resolved = await graph.resolvePrepared(batch.map((entry) => entry.input), policy);
		batch.forEach((entry, i) => outcomes.set(entry.itemIndex, resolved[i]));
	}

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
		if (failure) return { json: { ...item.json, error: failure }, pairedItem };
		const { customerId, created, merged, attached, warnings, duplicate, forgotten } = outcomes.get(itemIndex)!;
		const customer = customerId ? customers.get(customerId) : undefined;
		const resolution = { created, merged, attached, warnings, duplicate: duplicate ?? false, forgotten: forgotten ?? false };
		return { json: { ...item.json, customer: (customer ?? null) as unknown as IDataObject, resolution }, pairedItem };
	});
}
