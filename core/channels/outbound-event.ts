import { eventKey, type Author, type CanonicalEvent, type Channel, type Identity, type MessageCategory, type Provider } from '../model';
import { nowIso } from './shared/unix-time';

/** What an outbound event is built from; every other canonical field (text, status, thread, raw…) is copied as given. */
export type OutboundEventInput = Omit<CanonicalEvent, 'id' | 'type' | 'channel' | 'provider' | 'direction' | 'account' | 'externalId' | 'timestamp' | 'from' | 'to'> & {
	channel: Channel;
	provider: Provider;
	/** The provider's id of what was sent; a status uses `<message id>:<status>` (see ./types). */
	externalId: string;
	/** Defaults to `message`. */
	type?: CanonicalEvent['type'];
	/** Our own account that sent it (phone number id, instance, bot, From address, Twilio number or Messaging Service). */
	account: string;
	/** The customer's identities; `to` has no `identities` when undefined. */
	identities?: Identity[];
	/** Defaults to now. */
	timestamp?: string;
};

/** Who wrote what we send when the caller does not say: a flow or a campaign, not a person. */
const DEFAULT_AUTHOR: Author = { type: 'automation' };
/** Why we send when the caller does not say: answering the customer. */
const DEFAULT_CATEGORY: MessageCategory = 'service';

/**
 * The canonical event of something we sent, or of a status of it, as ./types describes:
 * `id` is the event key, `from` is empty and the customer is in `to`. What we send (not a
 * status, which the provider reports) has an `author`, by default an automation; a message
 * also has a `category`, by default service. Callers that know better say so (see attributed).
 */
export function outboundEvent({ channel, provider, externalId, type = 'message', account, identities, timestamp = nowIso(), ...rest }: OutboundEventInput): CanonicalEvent {
	const sent = type !== 'status';
	return {
		id: eventKey({ channel, account, externalId }),
		type,
		channel,
		provider,
		direction: 'outbound',
		account,
		externalId,
		timestamp,
		from: { identities: [] },
		to: identities !== undefined ? { identities } : {},
		...(sent ? { author: DEFAULT_AUTHOR } : {}),
		...(type === 'message' ? { category: DEFAULT_CATEGORY } : {}),
		...rest,
	};
}

/** Who wrote a message we send and why, as its caller knows them (an agent answering, a marketing campaign…). */
export interface Attribution {
	author?: Author;
	category?: MessageCategory;
}

/**
 * A sender's event with the author and category its caller gives: senders build what they
 * sent, the node or flow that called them knows who wrote it and why. A category only goes
 * on messages, and neither on statuses.
 */
export function attributed(event: CanonicalEvent, { author, category }: Attribution): CanonicalEvent {
	if (event.direction !== 'outbound' || event.type === 'status') return event;
	return {
		...event,
		...(author ? { author } : {}),
		...(category && event.type === 'message' ? { category } : {}),
	};
}
