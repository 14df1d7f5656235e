import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph, Traits } from '../../../core';

type Operation = (context: IExecuteFunctions, graph: CustomerGraph, itemIndex: number) => Promise<IDataObject>;

const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();

/** The customer the Find By parameters point at, following merges. */
async function findCustomerId(context: IExecuteFunctions, graph: CustomerGraph, itemIndex: number) {
	if (context.getNodeParameter('findBy', itemIndex) === 'id') {
		const id = text(context, 'customerId', itemIndex);
		return { id: await graph.findCustomerId({ id }), lookedFor: `ID ${id}` };
	}
	const identity = { kind: text(context, 'identifierKind', itemIndex), value: text(context, 'identifierValue', itemIndex) };
	const defaultCountry = text(context, 'defaultCountry', itemIndex) || undefined;
	return { id: await graph.findCustomerId({ identifier: identity, defaultCountry }), lookedFor: `${identity.kind} ${identity.value}` };
}

async function customerJson(graph: CustomerGraph, id: string, historyLimit = 10) {
	return ((await graph.getCustomer(id, historyLimit)) ?? null) as unknown as IDataObject;
}

function traitsFrom(context: IExecuteFunctions, itemIndex: number): Traits {
	const rows = context.getNodeParameter('traits.trait', itemIndex, []) as { name: string; value: unknown }[];
	const traits: Traits = Object.fromEntries(rows.filter((row) => row.name?.trim()).map((row) => [row.name.trim(), row.value]));
	for (const name of text(context, 'removeTraits', itemIndex).split(',')) if (name.trim()) traits[name.trim()] = null;
	return traits;
}

/** Every operation but Resolve: one item, one transaction. */
export const customerOperations: Record<string, Operation> = {
	async get(context, graph, itemIndex) {
		const { id, lookedFor } = await findCustomerId(context, graph, itemIndex);
		const historyLimit = context.getNodeParameter('historyLimit', itemIndex, 10) as number;
		if (!id) return { found: false, customer: null, message: `No customer with ${lookedFor}` };
		return { found: true, customer: await customerJson(graph, id, historyLimit) };
	},

	async addIdentity(context, graph, itemIndex) {
		const identity = { kind: text(context, 'identifierKind', itemIndex), value: text(context, 'identifierValue', itemIndex) };
		const result = await graph.addIdentifier(text(context, 'customerId', itemIndex), identity, text(context, 'defaultCountry', itemIndex) || undefined);
		return { ...result, customer: await customerJson(graph, result.customerId) };
	},

	async merge(context, graph, itemIndex) {
		const note = text(context, 'note', itemIndex) || undefined;
		const result = await graph.merge(text(context, 'primaryCustomerId', itemIndex), text(context, 'secondaryCustomerId', itemIndex), note);
		return { ...result, customer: await customerJson(graph, result.customerId) };
	},

	async unmerge(context, graph, itemIndex) {
		const result = await graph.unmerge(text(context, 'mergedCustomerId', itemIndex));
		return { ...result, customer: await customerJson(graph, result.customerId) };
	},

	async forget(context, graph, itemIndex) {
		const { id, lookedFor } = await findCustomerId(context, graph, itemIndex);
		if (!id) return { forgotten: false, message: `No customer with ${lookedFor}: nothing to forget` };
		return { forgotten: true, ...(await graph.forget(id)) };
	},

	async updateTraits(context, graph, itemIndex) {
		const result = await graph.updateTraits(text(context, 'customerId', itemIndex), traitsFrom(context, itemIndex));
		return { ...result, customer: await customerJson(graph, result.customerId) };
	},
};
