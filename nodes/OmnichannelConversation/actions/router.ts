import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ReplySenders } from '../../OmnichannelReply/reply-senders';
import { routeActions } from '../../shared/action-router';
import { conversationStore } from '../transport';
import * as agent from './agent/Agent.resource';
import * as conversation from './conversation/Conversation.resource';
import { eachItem } from './each-item';

/**
 * Reassign Waiting runs once, whatever the input; Record Agent Reply opens the channels' senders
 * for the run as well as the store; every other operation is one store call per item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'conversation' && operation === 'reassignWaiting') return [await conversation.reassignWaiting.execute.call(this, await conversationStore.connect(this))];
	if (resource === 'conversation' && operation === 'recordAgentReply') {
		const replyConnection = {
			...conversationStore,
			connect: async (context: IExecuteFunctions) => {
				const senders = new ReplySenders(context);
				return { ...(await conversationStore.connect(context)), senders, close: () => senders.close() };
			},
		};
		return await routeActions(this, { conversation: { recordAgentReply: conversation.recordAgentReply } }, replyConnection, eachItem);
	}
	return await routeActions(this, { conversation: conversation.operations, agent: agent.operations }, conversationStore, eachItem);
}
