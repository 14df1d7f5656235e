import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph, Traits } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { traitProperties } from '../../../customer-properties';
import { customerLocator } from './common.descriptions';
import { customerIdOf, customerJson, text } from './customer-parameters';

export const description = forOperation('updateTraits', [customerLocator('customer', 'Customer', 'The customer to change'), ...traitProperties], 'customer');

/** The traits to set, and those to remove (set to null). */
function traitsOf(context: IExecuteFunctions, itemIndex: number): Traits {
	const rows = context.getNodeParameter('traits.trait', itemIndex, []) as { name: string; value: unknown }[];
	const traits: Traits = Object.fromEntries(rows.filter((row) => row.name?.trim()).map((row) => [row.name.trim(), row.value]));
	for (const name of text(context, 'removeTraits', itemIndex).split(',')) if (name.trim()) traits[name.trim()] = null;
	return traits;
}

/** Sets facts about the customer such as name, language or plan. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const result = await graph.updateTraits(customerIdOf(this, 'customer', itemIndex), traitsOf(this, itemIndex));
	return { ...result, customer: await customerJson(graph, result.customerId) };
}
