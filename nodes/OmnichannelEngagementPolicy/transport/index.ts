import { EngagementPolicy, type Database } from '../../../core';
import { openCustomerGraph } from '../../CustomerMerge/open-customer-graph';
import type { ChannelConnector } from '../../shared/channel-connector';
import { STORE_CREDENTIAL } from '../../shared/store';

/** What the node's operations work on: the store Customer Merge uses, and the policy over it. */
export interface PolicyStore {
	db: Database;
	policy: EngagementPolicy;
}

/** The store the node's Omnichannel Store credential names (the default store without one); stores stay open between runs. */
export const policyStore: ChannelConnector<PolicyStore> = {
	credential: STORE_CREDENTIAL,
	label: 'Omnichannel Store',
	async connect(context) {
		const graph = await openCustomerGraph(context);
		return { db: graph.db, policy: new EngagementPolicy(graph.db) };
	},
};
