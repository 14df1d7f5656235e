import { ConversationRouter, Conversations, Team, type CustomerGraph } from '../../../core';
import { openCustomerGraph } from '../../CustomerMerge/open-customer-graph';
import type { ChannelConnector } from '../../shared/channel-connector';
import { STORE_CREDENTIAL } from '../../shared/store';

/** What the node's operations work on: one store, as its customers, conversations, team and router. */
export interface ConversationStore {
	graph: CustomerGraph;
	conversations: Conversations;
	team: Team;
	router: ConversationRouter;
}

/**
 * The store the node's Omnichannel Store credential names (the default store without one), the
 * same one Customer Merge uses. Stores stay open between runs: there is nothing to close.
 */
export const conversationStore: ChannelConnector<ConversationStore> = {
	credential: STORE_CREDENTIAL,
	label: 'Omnichannel Store',
	async connect(context) {
		const graph = await openCustomerGraph(context);
		return { graph, conversations: new Conversations(graph.db), team: new Team(graph.db), router: new ConversationRouter(graph.db) };
	},
};
