import type { IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { historyLimitProperty } from '../../../customer-properties';
import { findCustomerProperties } from './common.descriptions';
import { customerJson } from '../../../item-parameters';
import { findCustomer } from './customer-parameters';

export const description = forOperation('get', [...findCustomerProperties('The customer to get (an ID that was merged away finds the customer it was merged into)'), historyLimitProperty], 'customer');

/** The customer 360: identifiers, traits, channels, merges and recent history; or found: false. */
export async function execute(this: IExecuteFunctions, itemIndex: number, graph: CustomerGraph) {
	const { id, lookedFor } = await findCustomer(this, graph, itemIndex);
	const historyLimit = this.getNodeParameter('historyLimit', itemIndex, 10) as number;
	if (!id) return { found: false, customer: null, message: `No customer with ${lookedFor}` };
	return { found: true, customer: await customerJson(graph, id, historyLimit) };
}
