import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeActions } from '../../../shared/action-router';
import { changeEachItem } from '../../change-each-item';
import { customerStore } from '../transport';
import * as customer from './customer/Customer.resource';

/** Resolve takes the input as a whole, List Customers gives many items per item; every other operation is one call per item, failing as changeEachItem says. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0);
	if (operation === 'resolve') return await customer.resolve.execute.call(this);
	if (operation === 'listCustomers') return await customer.listCustomers.execute.call(this);
	return await routeActions(this, { customer: customer.operations }, customerStore, changeEachItem);
}
