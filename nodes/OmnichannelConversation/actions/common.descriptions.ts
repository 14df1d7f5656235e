import type { INodeProperties } from 'n8n-workflow';

/** Parameters several operations share; each operation shows its own copy. */

export const CONVERSATION_ID_EXAMPLE = '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11';

/** The conversation an operation acts on: by default the one Open or Continue put on the item. */
export const conversationIdProperty: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	required: true,
	default: '={{ $json.conversation.id }}',
	placeholder: `e.g. ${CONVERSATION_ID_EXAMPLE}`,
	description: 'The conversation to act on. By default the one on the item, as Open or Continue, Get and List put it there.',
};

/** An agent, picked from a list searched by name or ID, or given by ID. */
export function agentLocator(name: string, displayName: string, description: string, required = true): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Type part of a name or ID…',
				typeOptions: { searchListMethod: 'searchAgents', searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. ana@acme.com' },
		],
	};
}
