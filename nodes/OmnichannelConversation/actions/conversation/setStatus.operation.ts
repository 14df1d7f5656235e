import type { IExecuteFunctions } from 'n8n-workflow';
import type { ConversationStatus } from '../../../../core';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { conversationIdProperty } from '../common.descriptions';
import { conversationIdOf, onItem, textOf } from '../parameters';

export const description = forOperation(
	'setStatus',
	[
		conversationIdProperty,
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Open', value: 'open', description: "The team's turn to answer" },
				{ name: 'Pending', value: 'pending', description: "Waiting on the customer; their next message opens it again" },
				{ name: 'Snoozed', value: 'snoozed', description: 'Set aside until a time; a message from the customer wakes it earlier' },
				{ name: 'Resolved', value: 'resolved', description: 'Done; the customer writing again soon reopens it' },
			],
			default: 'resolved',
		},
		{
			displayName: 'Snooze Until',
			name: 'snoozeUntil',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When the conversation wakes up; must be in the future',
			displayOptions: { show: { status: ['snoozed'] } },
		},
	],
	'conversation',
);

/** Sets the status. Output: the item with the conversation as it is now. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const conversationId = conversationIdOf(this, itemIndex);
	const status = this.getNodeParameter('status', itemIndex) as ConversationStatus;
	const snoozedUntil = status === 'snoozed' ? textOf(this, 'snoozeUntil', itemIndex) || undefined : undefined;
	return onItem(this, itemIndex, { conversation: await store.conversations.setStatus(conversationId, status, { snoozedUntil }) });
}
