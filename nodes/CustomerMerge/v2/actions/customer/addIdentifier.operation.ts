import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { customerLocator, identifierProperties } from './common.descriptions';
import { customerJson, identifierOf } from '../../../item-parameters';
import { customerIdOf } from './customer-parameters';

export const description = forOperation('addIdentifier', [customerLocator('customer', 'Customer', 'The customer to add the identifier to'), ...identifierProperties()], 'customer');

/** Adds an e-mail, phone or channel ID to the customer, under the protection rules. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const { identifier, defaultCountry } = identifierOf(this, itemIndex);
	const result = await graph.addIdentifier(customerIdOf(this, 'customer', itemIndex), identifier, defaultCountry);
	return { ...result, customer: await customerJson(graph, result.customerId) };
}
