import type { Channel } from './event';
import type { Identity } from './identity';

/** Free-form facts about a customer (name, language, …), set by events, imports and the Update Traits operation. */
export type Traits = Record<string, unknown>;

/**
 * One entry of a customer's history: a recorded canonical event, without the provider payload,
 * in today's shape (see readStoredEvent); `event.schemaVersion` says which version recorded it.
 */
export interface HistoryEntry {
	channel: Channel;
	/** Our account it happened on; unknown for some events recorded before version 2 (Telegram's). */
	account?: string;
	externalId: string;
	type: string;
	direction: 'inbound' | 'outbound';
	timestamp: string;
	subject?: string;
	text?: string;
	event: Record<string, unknown>;
}

export interface ChannelPresence {
	channel: Channel;
	lastSeenAt: string;
}

/** The customer 360: everything the store knows of one person. */
export interface Customer {
	id: string;
	createdAt: string;
	identities: Identity[];
	/**
	 * Those of `identities` other customers share too (a family's WhatsApp, a shop's landline):
	 * a message from one may come from any of them. Only present when there are some.
	 */
	sharedIdentities?: Identity[];
	traits: Traits;
	channels: ChannelPresence[];
	/** Ids of the customers that were merged into this one, oldest merge first. */
	mergedFrom: string[];
	/** The most recent events across every channel, newest first. */
	history: HistoryEntry[];
}
