import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { eventKey, inputFromEvent, type CanonicalEvent } from '../../../../core';
import { channelsProperty } from '../../../OmnichannelReply/channels';
import { replyContentProperties } from '../../../OmnichannelReply/reply-items';
import { itemReplyTarget, replyContentOf } from '../../../OmnichannelReply/reply-to-item';
import type { ReplySenders } from '../../../OmnichannelReply/reply-senders';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { agentLocator, conversationIdProperty } from '../common.descriptions';
import { agentIdOf, conversationIdOf, currentConversation, refuseUnconfirmedSender } from '../parameters';

const [message, options] = replyContentProperties;

const properties: INodeProperties[] = [
	{ ...channelsProperty, required: true },
	conversationIdProperty,
	{
		...message,
		description:
			"What the agent answers. The item must carry the customer's message (as it does after Open or Continue): the answer goes to the channel, account and thread that message came from.",
	},
	agentLocator('agent', 'Agent', 'The agent who answers (optional): the reply is written in their name, and an unassigned conversation becomes theirs', false),
	options,
];

export const description = forOperation('recordAgentReply', properties, 'conversation');

/** What Record Agent Reply sends with, opened once per run. */
export interface ReplyConnection extends ConversationStore {
	senders: ReplySenders;
}

/**
 * Sends the agent's answer on the customer's channel (as the Reply node does), records it in the
 * customer's history and in the conversation: its first response, and the customer no longer
 * waiting. Output: the outbound event, with `conversation` as it is now.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ReplyConnection) {
	refuseUnconfirmedSender(this, itemIndex, 'no reply was sent');
	const where = "Put this node after Open or Continue, so that the item still carries the customer's message to answer.";
	const { target } = itemReplyTarget(this, itemIndex, true, where);
	const conversationId = conversationIdOf(this, itemIndex);
	const agentId = agentIdOf(this, 'agent', itemIndex, false);
	// Checked before anything is sent: a mistyped ID never leaves a customer answered and nothing recorded.
	const before = await currentConversation(store, conversationId);
	const sent = await store.senders.send(target, replyContentOf(this, itemIndex));
	const outbound: CanonicalEvent = { ...sent, author: { type: 'agent', ...(agentId ? { id: agentId } : {}) } };
	// Recorded in the history as Customer Merge records what is sent, so the transcript shows it; linked only when it went to the conversation's customer.
	const [recorded] = await store.graph.resolve([inputFromEvent(outbound)]);
	const linked = recorded?.customerId !== undefined && recorded.customerId === before.customerId;
	const conversation = await store.conversations.recordAgentReply(conversationId, { agentId, channel: outbound.channel, at: outbound.timestamp, eventKey: linked ? eventKey(outbound) : undefined });
	return { ...outbound, conversation };
}
