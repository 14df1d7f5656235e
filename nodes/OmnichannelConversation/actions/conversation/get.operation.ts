import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { isCustomerId } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { conversationIdProperty } from '../common.descriptions';
import { conversationIdOf, textOf, refuseUnconfirmedSender } from '../parameters';

export const description = forOperation(
	'get',
	[
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: [
				{ name: 'Conversation ID', value: 'conversation' },
				{ name: 'Customer ID', value: 'customer', description: "The customer's open conversation, else their latest one" },
			],
			default: 'conversation',
		},
		{ ...conversationIdProperty, displayOptions: { show: { findBy: ['conversation'] } } },
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			required: true,
			default: '={{ $json.customer.id }}',
			description: 'The customer whose conversation to get; by default the one Customer Merge put on the item',
			displayOptions: { show: { findBy: ['customer'] } },
		},
		{
			displayName: 'History Limit',
			name: 'historyLimit',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1000 },
			default: 20,
			description: 'How many of the latest events of the conversation to include, across channels',
		},
		{
			displayName: 'Transcript Limit',
			name: 'transcriptLimit',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 200 },
			default: 20,
			description: 'How many of the latest messages the transcript shows, one line each, with times in the workflow time zone',
		},
	],
	'conversation',
);

/** The conversation with its notes, history and transcript: {found: true, conversation}, or found false and a message. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	refuseUnconfirmedSender(this, itemIndex, 'no conversation is shown');
	const options = {
		historyLimit: this.getNodeParameter('historyLimit', itemIndex, 20) as number,
		transcriptLimit: this.getNodeParameter('transcriptLimit', itemIndex, 20) as number,
		timeZone: this.getTimezone(),
	};
	if (this.getNodeParameter('findBy', itemIndex) === 'customer') {
		const customerId = textOf(this, 'customerId', itemIndex);
		if (!isCustomerId(customerId)) {
			throw new NodeOperationError(this.getNode(), customerId ? `"${customerId}" is not a customer ID (a UUID)` : `Item ${itemIndex + 1} has no customer ID`, {
				itemIndex,
				description: 'Map the "customer.id" that Customer Merge puts on each item.',
			});
		}
		const conversation = await store.conversations.get({ customerId }, options);
		return conversation ? { found: true, conversation } : { found: false, conversation: null, message: `Customer ${customerId} has no conversation yet` };
	}
	const conversationId = conversationIdOf(this, itemIndex);
	const conversation = await store.conversations.get(conversationId, options);
	return conversation ? { found: true, conversation } : { found: false, conversation: null, message: `No conversation with ID ${conversationId}` };
}
