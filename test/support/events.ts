import type { CanonicalEvent, Identity } from '../../core';

let counter = 0;

/** A canonical inbound message from `identities`, as a channel trigger would emit it. */
export function inboundMessage(identities: Identity[], overrides: Partial<CanonicalEvent> = {}): CanonicalEvent {
	counter++;
	const channel = overrides.channel ?? 'whatsapp';
	const externalId = overrides.externalId ?? `msg-${process.pid}-${counter}`;
	return {
		id: `${channel}:${externalId}`,
		type: 'message',
		channel,
		provider: 'meta',
		direction: 'inbound',
		externalId,
		timestamp: new Date(Date.UTC(2026, 10, 1, 12, 0, counter % 60)).toISOString(),
		from: { identities },
		to: { account: 'business' },
		text: `hello ${counter}`,
		...overrides,
	};
}
