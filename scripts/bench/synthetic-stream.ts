import type { CanonicalEvent, Identity, ResolveInput } from '../../core';
import { seededRandom } from './seeded-random';

interface Person {
	email: string;
	/** Brazilian mobile, national digits after +55. */
	mobile: string;
	instagram: string;
	telegram: string;
}

const CHANNELS = ['whatsapp', 'instagram', 'email', 'telegram', 'sms'] as const;

function personIdentity(person: Person, channel: (typeof CHANNELS)[number], next: () => number): { raw: { kind: string; value: string }; canonical: Identity } {
	switch (channel) {
		case 'whatsapp': {
			// One WhatsApp sender in five is an old account reported without the 9th digit.
			const waId = next() < 0.2 ? `55${person.mobile.slice(0, 2)}${person.mobile.slice(3)}` : `55${person.mobile}`;
			return { raw: { kind: 'whatsapp', value: waId }, canonical: { kind: 'phone', value: `+55${person.mobile}` } };
		}
		case 'sms':
			return { raw: { kind: 'phone', value: `+55${person.mobile}` }, canonical: { kind: 'phone', value: `+55${person.mobile}` } };
		case 'instagram':
			return { raw: { kind: 'instagram', value: person.instagram }, canonical: { kind: 'instagram', value: person.instagram } };
		case 'telegram':
			return { raw: { kind: 'telegram', value: person.telegram }, canonical: { kind: 'telegram', value: person.telegram } };
		default:
			return { raw: { kind: 'email', value: person.email }, canonical: { kind: 'email', value: person.email } };
	}
}

/**
 * `events` inbound messages from `people` people over five channels. Each person has an
 * identifier per channel; one event in six carries a second identifier of the same person
 * (a lead form, a signature), which links that person's channels; one in fifty carries a
 * placeholder e-mail that must never link anybody.
 */
export function syntheticStream(events: number, people: number, seed = 42): ResolveInput[] {
	const next = seededRandom(seed);
	const persons: Person[] = Array.from({ length: people }, (_, i) => ({
		email: `customer${i}@example.org`,
		mobile: `${11 + (i % 89)}9${String(60000000 + ((i * 7919) % 39999999)).padStart(8, '0')}`,
		instagram: `17841400000000001:${1000000 + i}`,
		telegram: String(500000000 + i),
	}));
	const stream: ResolveInput[] = [];
	for (let n = 0; n < events; n++) {
		const person = persons[Math.floor(next() * people)];
		const channel = CHANNELS[Math.floor(next() * CHANNELS.length)];
		const main = personIdentity(person, channel, next);
		const identities = [main.raw];
		if (next() < 1 / 6) identities.push(personIdentity(person, CHANNELS[Math.floor(next() * CHANNELS.length)], next).raw);
		if (next() < 1 / 50) identities.push({ kind: 'email', value: 'test@test.com' });
		const event: CanonicalEvent = {
			id: `${channel}:acme:bench-${n}`,
			type: 'message',
			channel,
			provider: channel === 'whatsapp' || channel === 'instagram' ? 'meta' : channel === 'sms' ? 'twilio' : channel === 'email' ? 'smtp' : 'telegram',
			direction: 'inbound',
			account: 'acme',
			externalId: `bench-${n}`,
			timestamp: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
			from: { identities: [main.canonical] },
			to: {},
			text: `Message ${n}: where is my order #${Math.floor(next() * 100000)}?`,
		};
		stream.push({ identities, event });
	}
	return stream;
}
