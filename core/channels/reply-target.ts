import type { CanonicalEvent } from '../model';
import { routeAnswering } from './outbound-registry';
import type { OutboundRoute, ReplyTarget } from './outbound-types';
import { ReplyError } from './reply-address';

export { ReplyError } from './reply-address';
export type { ReplyTarget } from './outbound-types';

/** The senders a reply can go out through; each is one provider's account. */
export type ReplyRoute = OutboundRoute;

/**
 * Decides how to answer an event on the channel it came from: the route (see
 * ./outbound-registry), the customer's address there, and the account to send from, so
 * one flow serves every channel.
 */
export function replyTarget(event: CanonicalEvent): ReplyTarget {
	if (event.type === 'status') throw new ReplyError('This is a delivery status, not something the customer sent: keep statuses away from the Reply node');
	const definition = routeAnswering(event);
	if (!definition) throw new ReplyError(`Replies on ${event.channel} (${event.provider}) are not supported yet`);
	return definition.replyTarget(event);
}
