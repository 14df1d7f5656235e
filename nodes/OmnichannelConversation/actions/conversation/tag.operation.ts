import { commaList } from '../../../shared/comma-list';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { conversationIdProperty } from '../common.descriptions';
import { conversationIdOf, onItem, textOf } from '../parameters';

export const description = forOperation(
	'tag',
	[
		conversationIdProperty,
		{
			displayName: 'Action',
			name: 'tagAction',
			type: 'options',
			options: [
				{ name: 'Add Tags', value: 'add' },
				{ name: 'Remove Tags', value: 'remove' },
			],
			default: 'add',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. vip, refund',
			description: 'Tags separated by commas. Routers can send tagged conversations their own way.',
		},
	],
	'conversation',
);

/** Adds or removes tags. Output: the item with the conversation as it is now. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const conversationId = conversationIdOf(this, itemIndex);
	const tags = commaList(textOf(this, 'tags', itemIndex));
	if (!tags.length) throw new NodeOperationError(this.getNode(), 'No tags given', { itemIndex, description: 'Write one or more tags separated by commas, such as "vip, refund".' });
	const conversation = this.getNodeParameter('tagAction', itemIndex) === 'remove' ? await store.conversations.untag(conversationId, tags) : await store.conversations.tag(conversationId, tags);
	return onItem(this, itemIndex, { conversation });
}
