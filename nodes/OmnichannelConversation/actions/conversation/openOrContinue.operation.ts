import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { canonicalEventSchema, isCustomerId } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { refuseUnconfirmedSender } from '../parameters';

export const description = forOperation(
	'openOrContinue',
	[
		{
			displayName: 'Items must come from Customer Merge (Resolve Customer): each carries the customer and the message that continues, reopens or opens their conversation',
			name: 'openNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Reopen Within (Minutes)',
					name: 'reopenWithinMinutes',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 1440,
					description: 'A customer who writes again this soon after their conversation was resolved reopens it; later, a new conversation opens',
				},
			],
		},
	],
	'conversation',
);

/**
 * The customer's conversation for the item's message: continued, reopened or opened. Output: the
 * item as it came, with `conversation` ({...Conversation, opened, reopened}) added. Routers after
 * this node read conversation.id, .tags and .lastChannel, customer, and the event at the top.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	refuseUnconfirmedSender(this, itemIndex, 'no conversation was opened');
	const json = this.getInputData()[itemIndex].json;
	const customerId = (json.customer as IDataObject | null | undefined)?.id;
	if (typeof customerId !== 'string' || !isCustomerId(customerId)) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex + 1} has no customer, so there is no conversation to open`, {
			itemIndex,
			description: 'Put Customer Merge (Resolve Customer) before this node: it finds the customer behind each message and keeps the message on the item.',
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// An item that is not a channel event (customers resolved from mapped fields) opens or continues without counting a message.
	const event = canonicalEventSchema.safeParse(json);
	const outcome = await store.conversations.openOrContinue(customerId, event.success ? event.data : undefined, {
		reopenWithinMinutes: options.reopenWithinMinutes === undefined ? undefined : Number(options.reopenWithinMinutes),
	});
	return { ...json, conversation: { ...outcome.conversation, opened: outcome.opened, reopened: outcome.reopened } };
}
