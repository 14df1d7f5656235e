import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { findCustomerProperties } from './common.descriptions';
import { findCustomer } from './customer-parameters';

export const description = forOperation('forget', findCustomerProperties('The customer to erase, with every customer merged into it'), 'customer');

/** Right to erasure: the customer, its identifiers, history and merge audit are deleted. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const { id, lookedFor } = await findCustomer(this, graph, itemIndex);
	if (!id) return { forgotten: false, message: `No customer with ${lookedFor}: nothing to forget` };
	return { forgotten: true, ...(await graph.forget(id)) };
}
