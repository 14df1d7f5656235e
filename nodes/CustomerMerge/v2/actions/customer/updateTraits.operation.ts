import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { traitProperties } from '../../../customer-properties';
import { customerLocator } from './common.descriptions';
import { customerJson, traitsOf } from '../../../item-parameters';
import { customerIdOf } from './customer-parameters';

export const description = forOperation('updateTraits', [customerLocator('customer', 'Customer', 'The customer to change'), ...traitProperties], 'customer');

/** Sets facts about the customer such as name, language or plan. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const result = await graph.updateTraits(customerIdOf(this, 'customer', itemIndex), traitsOf(this, itemIndex));
	return { ...result, customer: await customerJson(graph, result.customerId) };
}
