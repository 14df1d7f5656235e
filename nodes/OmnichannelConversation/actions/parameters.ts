import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { ConversationError, isCustomerId, unconfirmedSenderReason, unconfirmedSharedSender, type Conversation } from '../../../core';
import type { ConversationStore } from '../transport';
import { CONVERSATION_ID_EXAMPLE } from './common.descriptions';

/** What the operations read from their parameters and items, checked before the store is asked. */

/** A text parameter, trimmed; empty when not set. */
export const textOf = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();

/** The conversation ID parameter: a UUID, or an error that says where one comes from. */
export function conversationIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const id = textOf(context, 'conversationId', itemIndex);
	const description = 'Map the "conversation.id" of an item that went through Open or Continue, Get or List, or paste a conversation ID.';
	if (!id) throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no conversation ID`, { itemIndex, description });
	if (!isCustomerId(id)) throw new NodeOperationError(context.getNode(), `"${id}" is not a conversation ID: a conversation ID is a UUID such as ${CONVERSATION_ID_EXAMPLE}`, { itemIndex, description });
	return id;
}

/** The agent ID a locator holds (picked, typed or mapped); undefined when empty and not required. */
export function agentIdOf(context: IExecuteFunctions, name: string, itemIndex: number, required: true): string;
export function agentIdOf(context: IExecuteFunctions, name: string, itemIndex: number, required: false): string | undefined;
export function agentIdOf(context: IExecuteFunctions, name: string, itemIndex: number, required: boolean): string | undefined {
	const id = String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!id && required) throw new NodeOperationError(context.getNode(), 'No agent given', { itemIndex, description: 'Pick the agent from the list, or give their ID.' });
	return id || undefined;
}

/** The conversation as it is now, without its history: what most operations put on the item. */
export async function currentConversation(store: ConversationStore, id: string): Promise<Conversation> {
	const detail = await store.conversations.get(id, { historyLimit: 0, transcriptLimit: 0 });
	if (!detail) throw new ConversationError(`No conversation with id "${id}": it may have been forgotten with its customer, or the id is mistyped`);
	const { foldedFrom: _folded, notes: _notes, history: _history, transcript: _transcript, ...conversation } = detail;
	return conversation;
}

/** The item's own fields with the conversation (and anything else) put on it. */
export function onItem(context: IExecuteFunctions, itemIndex: number, fields: IDataObject | object): IDataObject {
	return { ...context.getInputData()[itemIndex].json, ...(fields as IDataObject) };
}

/**
 * Refuses to show a conversation for an item from a shared phone (a family's WhatsApp) whose
 * writer is not confirmed: it may be another person's than the one presumed.
 */
export function refuseUnconfirmedSender(context: IExecuteFunctions, itemIndex: number, what: string): void {
	const shared = unconfirmedSharedSender(context.getInputData()[itemIndex].json);
	if (!shared) return;
	throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1}: ${unconfirmedSenderReason(shared, what)}`, {
		itemIndex,
		description: 'Ask who is writing first (e.g. a WhatsApp list with the customers in resolution.shared.customers), then Customer Merge → Confirm Customer, and put this node after it.',
	});
}
