import { customerIdentities, type CanonicalEvent, type IdentityKind } from '../model';

/** What each route's reply target reads from an inbound event. */

/** The event can't be answered on its channel; the message says why and what to do instead. */
export class ReplyError extends Error {}

/** The customer's first identity of the first kind given that the event has. */
export function customerIdentity(event: CanonicalEvent, ...kinds: IdentityKind[]): string | undefined {
	const identities = customerIdentities(event);
	for (const kind of kinds) {
		const found = identities.find((candidate) => candidate.kind === kind);
		if (found) return found.value;
	}
	return undefined;
}

/** The address, or a ReplyError naming what the event lacks. */
export function requiredAddress(value: string | undefined, event: CanonicalEvent, what: string): string {
	if (!value) throw new ReplyError(`This ${event.channel} event has no ${what} to reply to`);
	return value;
}
