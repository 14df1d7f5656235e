import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph } from '../../../../core';
import type { ChannelConnector } from '../../../shared/channel-connector';
import { STORE_CREDENTIAL } from '../../../shared/store';
import { openCustomerGraph } from '../../open-customer-graph';

/**
 * The store the node's Omnichannel Store credential names (the default store without one),
 * as the customer graph its operations and list searches work on, with the built-in
 * protection rules. Stores stay open between runs: there is nothing to close.
 */
export const customerStore: ChannelConnector<CustomerGraph> = {
	credential: STORE_CREDENTIAL,
	label: 'Omnichannel Store',
	connect: async (context) => await openCustomerGraph(context),
};

/** The graph Resolve works on: its options (extra blocked values, identifiers per type) on top of the built-in rules. */
export async function resolveGraph(context: IExecuteFunctions): Promise<CustomerGraph> {
	return await openCustomerGraph(context, context.getNodeParameter('options', 0, {}) as IDataObject);
}
