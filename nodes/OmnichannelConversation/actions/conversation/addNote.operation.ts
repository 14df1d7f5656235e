import type { IExecuteFunctions } from 'n8n-workflow';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { conversationIdProperty } from '../common.descriptions';
import { conversationIdOf, currentConversation, onItem, textOf } from '../parameters';

export const description = forOperation(
	'addNote',
	[
		conversationIdProperty,
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. Customer asked for a refund; order 1234',
			description: 'A note for the team, never sent to the customer',
		},
		{ displayName: 'Author', name: 'author', type: 'string', default: '', placeholder: 'e.g. Ana', description: 'Who wrote the note (optional)' },
	],
	'conversation',
);

/** Adds an internal note. Output: the item with the conversation and the `note` added. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const conversationId = conversationIdOf(this, itemIndex);
	const note = await store.conversations.addNote(conversationId, textOf(this, 'note', itemIndex), textOf(this, 'author', itemIndex) || undefined);
	return onItem(this, itemIndex, { conversation: await currentConversation(store, conversationId), note });
}
