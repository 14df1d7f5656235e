import { eventKey, type CanonicalEvent, type Channel, type Identity, type Provider } from '../model';
import { nowIso } from './shared/unix-time';

/** What an outbound event is built from; every other canonical field (text, status, thread, raw…) is copied as given. */
export type OutboundEventInput = Omit<CanonicalEvent, 'id' | 'type' | 'channel' | 'provider' | 'direction' | 'externalId' | 'timestamp' | 'from' | 'to'> & {
	channel: Channel;
	provider: Provider;
	/** The provider's id of what was sent; a status uses `<message id>:<status>` (see ./types). */
	externalId: string;
	/** Defaults to `message`. */
	type?: CanonicalEvent['type'];
	/** Our own account that sent it (phone number id, instance, bot, From address); `to` has no `account` when undefined. */
	account?: string;
	/** The customer's identities; `to` has no `identities` when undefined. */
	identities?: Identity[];
	/** Defaults to now. */
	timestamp?: string;
};

/**
 * The canonical event of something we sent, or of a status of it, as ./types describes:
 * `id` is `<channel>:<externalId>`, `from` is empty and the customer is in `to`.
 */
export function outboundEvent({ channel, provider, externalId, type = 'message', account, identities, timestamp = nowIso(), ...rest }: OutboundEventInput): CanonicalEvent {
	return {
		id: eventKey({ channel, externalId }),
		type,
		channel,
		provider,
		direction: 'outbound',
		externalId,
		timestamp,
		from: { identities: [] },
		to: { ...(account !== undefined ? { account } : {}), ...(identities !== undefined ? { identities } : {}) },
		...rest,
	};
}
