import type { IDataObject } from 'n8n-workflow';
import { isCustomerId, type RoutingFacts, type Traits } from '../../core';
import { commaList } from '../shared/comma-list';

/**
 * What the Router reads of an item: the item a Conversation node's Open or Continue gives, that
 * is the channel event (channel, text, timestamp at the top), the customer Customer Merge found
 * (customer: {id, traits, …}) and the conversation (conversation: {id, tags, lastChannel, …}).
 */
export interface ItemToRoute {
	conversationId: string;
	customerId?: string;
	/** When the event happened; the customer's last contact is looked for before it. */
	at: string;
	facts: RoutingFacts;
}

/** An item the Router can't route as it is: the message says what is missing, the description what to do. */
export class ItemShapeError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

const PUT_CONVERSATION_FIRST = 'Put an Omnichannel Conversation node (Open or Continue) before the Router: it gives each item its conversation.';

const object = (value: unknown): IDataObject | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined);
const textOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The customer's tags trait, as a list or as text separated by commas. */
function tagsTrait(traits: Traits | undefined): string[] {
	const tags = traits?.tags;
	if (Array.isArray(tags)) return tags.filter((tag) => typeof tag === 'string' || typeof tag === 'number').map(String);
	return typeof tags === 'string' ? commaList(tags) : [];
}

function timeOf(value: unknown, fallback: string): string {
	if (typeof value === 'string' || typeof value === 'number') {
		const millis = typeof value === 'number' ? value : Date.parse(value);
		if (Number.isFinite(millis)) return new Date(millis).toISOString();
	}
	return fallback;
}

/** The conversation and facts of the item at `itemIndex` (0-based); an ItemShapeError when it has no conversation or channel. */
export function itemToRoute(json: IDataObject, itemIndex: number, now: string): ItemToRoute {
	const item = `Item ${itemIndex + 1}`;
	const conversation = object(json.conversation);
	if (!conversation) throw new ItemShapeError(`${item} has no conversation`, PUT_CONVERSATION_FIRST);
	const conversationId = textOf(conversation.id);
	if (!conversationId) throw new ItemShapeError(`${item}'s conversation has no id`, PUT_CONVERSATION_FIRST);
	if (!isCustomerId(conversationId)) throw new ItemShapeError(`${item}'s conversation id "${conversationId}" is not a conversation id (a UUID)`, PUT_CONVERSATION_FIRST);
	const channel = textOf(json.channel) ?? textOf(conversation.lastChannel);
	if (!channel) throw new ItemShapeError(`${item} has no channel, and its conversation no last channel`, 'Route the channel events a trigger gives (they have a channel), or set "channel" on the item.');

	const customer = object(json.customer);
	const traits = object(customer?.traits) as Traits | undefined;
	const conversationTags = Array.isArray(conversation.tags) ? conversation.tags.filter((tag): tag is string => typeof tag === 'string') : [];
	const tags = [...new Set([...conversationTags, ...tagsTrait(traits)])];
	const language = textOf(traits?.language) ?? textOf(traits?.locale);
	const text = typeof json.text === 'string' ? json.text : undefined;

	// previousAgents stay unset: the store knows who served the customer (conversations and
	// agents' messages), and ConversationRouter reads them when a route needs them.
	const facts: RoutingFacts = { channel, ...(traits ? { traits } : {}), ...(text !== undefined ? { text } : {}), ...(tags.length ? { tags } : {}), ...(language ? { language } : {}) };
	const customerId = textOf(customer?.id) ?? textOf(conversation.customerId);
	return { conversationId, ...(customerId ? { customerId } : {}), at: timeOf(json.timestamp, now), facts };
}
