import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { customerLocator } from './common.descriptions';
import { customerJson } from '../../../item-parameters';
import { customerIdOf } from './customer-parameters';

export const description = forOperation(
	'unmerge',
	[
		customerLocator(
			'mergedCustomer',
			'Merged Customer',
			"The customer that was merged away: the list shows each merge under the customer it went into; its ID is in that customer's mergedFrom",
			'searchMergedCustomers',
		),
	],
	'customer',
);

/** Undoes a merge, automatic or manual: both customers become exactly as they were. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const result = await graph.unmerge(customerIdOf(this, 'mergedCustomer', itemIndex));
	return { ...result, customer: await customerJson(graph, result.customerId) };
}
