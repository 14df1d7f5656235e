import { eventKey, type CanonicalEvent, type Identity } from '../../core';

let counter = 0;

/** A canonical inbound message from `identities`, as a channel trigger would emit it. */
export function inboundMessage(identities: Identity[], overrides: Partial<CanonicalEvent> = {}): CanonicalEvent {
	counter++;
	const channel = overrides.channel ?? 'whatsapp';
	const account = overrides.account ?? 'business';
	const externalId = overrides.externalId ?? `msg-${process.pid}-${counter}`;
	return {
		id: eventKey({ channel, account, externalId }),
		type: 'message',
		channel,
		provider: 'meta',
		direction: 'inbound',
		account,
		externalId,
		timestamp: new Date(Date.UTC(2026, 10, 1, 12, 0, counter % 60)).toISOString(),
		from: { identities },
		to: {},
		text: `hello ${counter}`,
		...overrides,
	};
}
