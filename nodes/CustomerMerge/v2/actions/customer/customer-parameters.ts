import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { isCustomerId, type CustomerGraph } from '../../../../../core';
import { identifierOf } from '../../../item-parameters';
import { CUSTOMER_ID_EXAMPLE } from './common.descriptions';

/** What the customer operations read from their parameters, item by item. */

/** The ID a customer locator holds (picked from the list, typed, or mapped), checked before the store is asked. */
export function customerIdOf(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const id = String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	const description = 'Pick the customer from the list, or give the "id" of a customer from an output of Customer Merge.';
	if (!id) throw new NodeOperationError(context.getNode(), 'No customer given', { itemIndex, description });
	if (!isCustomerId(id)) throw new NodeOperationError(context.getNode(), `"${id}" is not a customer ID: a customer ID is a UUID such as ${CUSTOMER_ID_EXAMPLE}`, { itemIndex, description });
	return id;
}

/** The customer Find By points at today (an ID merged away finds the customer it went into), and how it was looked for. */
export async function findCustomer(context: IExecuteFunctions, graph: CustomerGraph, itemIndex: number) {
	if (context.getNodeParameter('findBy', itemIndex) === 'customer') {
		const id = customerIdOf(context, 'customer', itemIndex);
		return { id: await graph.findCustomerId({ id }), lookedFor: `ID ${id}` };
	}
	const { identifier, defaultCountry } = identifierOf(context, itemIndex);
	return { id: await graph.findCustomerId({ identifier, defaultCountry }), lookedFor: `${identifier.kind} ${identifier.value}` };
}
