import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../core';
import { customerJson, identifierOf, text, traitsOf } from '../item-parameters';

type Operation = (context: IExecuteFunctions, graph: CustomerGraph, itemIndex: number) => Promise<IDataObject>;

/** The customer the Find By parameters point at, following merges. */
async function findCustomerId(context: IExecuteFunctions, graph: CustomerGraph, itemIndex: number) {
	if (context.getNodeParameter('findBy', itemIndex) === 'id') {
		const id = text(context, 'customerId', itemIndex);
		return { id: await graph.findCustomerId({ id }), lookedFor: `ID ${id}` };
	}
	const { identifier, defaultCountry } = identifierOf(context, itemIndex);
	return { id: await graph.findCustomerId({ identifier, defaultCountry }), lookedFor: `${identifier.kind} ${identifier.value}` };
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
		const { identifier, defaultCountry } = identifierOf(context, itemIndex);
		const result = await graph.addIdentifier(text(context, 'customerId', itemIndex), identifier, defaultCountry);
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
		const result = await graph.updateTraits(text(context, 'customerId', itemIndex), traitsOf(context, itemIndex));
		return { ...result, customer: await customerJson(graph, result.customerId) };
	},
};
