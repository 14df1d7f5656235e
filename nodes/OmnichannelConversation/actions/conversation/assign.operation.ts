import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { forOperation } from '../../../shared/for-operation';
import type { ConversationStore } from '../../transport';
import { agentLocator, conversationIdProperty } from '../common.descriptions';
import { agentIdOf, conversationIdOf, currentConversation, onItem } from '../parameters';

export const description = forOperation(
	'assign',
	[
		conversationIdProperty,
		agentLocator('agent', 'Agent', 'The agent who takes the conversation'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Exceed Capacity',
					name: 'exceedCapacity',
					type: 'boolean',
					default: false,
					description: 'Whether to assign even when the agent is at capacity, away or offline. Off, such an assignment stops the node and says why.',
				},
			],
		},
	],
	'conversation',
);

/** Gives the conversation to the agent, never over their capacity unless told to. Output: the item with the conversation now and `assignment`. */
export async function execute(this: IExecuteFunctions, itemIndex: number, store: ConversationStore) {
	const conversationId = conversationIdOf(this, itemIndex);
	const agentId = agentIdOf(this, 'agent', itemIndex, true);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const assigned = await store.router.assignTo(conversationId, agentId, { force: options.exceedCapacity === true });
	const conversation = await currentConversation(store, conversationId);
	return onItem(this, itemIndex, {
		conversation,
		assignment: { agent: assigned.routing.agent, reason: assigned.routing.reason, previousAgent: assigned.previousAgent ?? null, changed: !assigned.unchanged },
	});
}
