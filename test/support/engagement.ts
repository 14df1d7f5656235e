import { eventKey, parseQuietHours, type CanonicalEvent, type EngagementRequest, type Identity, type QuietHours } from '../../core';

/** What campaigns in the tests send: Portuguese and English, a WhatsApp template, 1 a day and 3 a week, quiet 21:00-08:00. */
export function campaignRequest(messageKey: string, more: { purpose?: 'marketing' | 'transactional'; rules?: Partial<EngagementRequest['rules']> } = {}): EngagementRequest {
	return {
		message: {
			messageKey,
			purpose: more.purpose ?? 'marketing',
			versions: [
				{ language: 'pt', text: 'Olá {{firstName|cliente}}, a promoção começou', subject: 'Promoção' },
				{ language: 'en', text: 'Hi {{firstName|there}}, the sale is on', subject: 'Sale' },
			],
			fallbackLanguage: 'en',
			whatsappTemplates: [{ language: 'pt', name: 'promo', code: 'pt_BR' }],
			templateVariables: ['{{firstName|cliente}}'],
		},
		rules: {
			preference: ['whatsapp', 'sms', 'email'],
			caps: [
				{ limit: 1, hours: 24 },
				{ limit: 3, hours: 168 },
			],
			quietHours: parseQuietHours('21:00-08:00') as QuietHours,
			defaultTimeZone: 'UTC',
			consent: {},
			...more.rules,
		},
	};
}

let counter = 0;

/** An event about a message we sent to `to`: an outbound message (with its category) or a status of one. */
export function outboundEvent(to: Identity[], overrides: Partial<CanonicalEvent> & Pick<CanonicalEvent, 'type' | 'timestamp'>): CanonicalEvent {
	const channel = overrides.channel ?? 'whatsapp';
	const externalId = overrides.externalId ?? `out-${process.pid}-${++counter}`;
	return {
		id: eventKey({ channel, account: 'business', externalId }),
		channel,
		provider: channel === 'sms' ? 'twilio' : channel === 'email' ? 'smtp' : 'meta',
		direction: 'outbound',
		account: 'business',
		externalId,
		from: { identities: [] },
		to: { identities: to },
		...overrides,
	};
}
