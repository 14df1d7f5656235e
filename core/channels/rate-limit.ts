import type { Channel } from '../model';

/**
 * A limit a provider documents on how fast a route may send, as data for schedulers and
 * campaign pacing. Senders already retry what the provider refuses (honouring Retry-After);
 * these say how not to be refused in the first place.
 */
export interface RateLimit {
	/** What the count is kept for: our sending account, one customer, one chat or group, or the whole app. */
	per: 'sender' | 'recipient' | 'chat' | 'group' | 'app';
	max: number;
	intervalMs: number;
	/** What counts, in plain words. */
	counts: string;
	/** Only on this channel, for routes that send on several (Twilio: SMS and WhatsApp). */
	channel?: Channel;
	/** The provider's error code when the limit is hit. */
	errorCode?: string | number;
}
