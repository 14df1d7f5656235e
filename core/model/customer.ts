import type { Channel } from './event';
import type { Identity } from './identity';

/** Free-form facts about a customer (name, language, …), set by events, imports and the Update Traits operation. */
export type Traits = Record<string, unknown>;

/** One entry of a customer's history: a recorded canonical event, without the provider payload. */
export interface HistoryEntry {
	channel: Channel;
	externalId: string;
	type: string;
	direction: 'inbound' | 'outbound';
	timestamp: string;
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
	traits: Traits;
	channels: ChannelPresence[];
	/** Ids of the customers that were merged into this one, oldest merge first. */
	mergedFrom: string[];
	/** The most recent events across every channel, newest first. */
	history: HistoryEntry[];
}
