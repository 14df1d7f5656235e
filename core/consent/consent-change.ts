import type { CanonicalEvent, Channel, ConsentPurpose } from '../model';
import { consentKeywordMatcher } from './keywords';

/** Where a consent change came from: the audit trail LGPD and GDPR ask for says it. */
export const CONSENT_SOURCES = ['provider', 'keyword', 'delivery-failure', 'unsubscribe-link', 'operation', 'import'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];
export type ConsentState = 'subscribed' | 'unsubscribed';

/** One change of a customer's consent, as the trail keeps it. */
export interface ConsentChange {
	channel: Channel;
	/** `all` covers marketing and transactional messages alike (an SMS STOP blocks everything). */
	purpose: ConsentPurpose;
	state: ConsentState;
	source: ConsentSource;
	/** What proves it: the event's key, or who changed it and why. */
	evidence: string;
	/** ISO 8601: when the customer changed it (the event's time), not when it was recorded. */
	changedAt: string;
}

/** WhatsApp's "the user stopped marketing messages from this business". */
const WHATSAPP_MARKETING_STOPPED = '131050';

const defaultKeywords = consentKeywordMatcher();

/**
 * The consent change an event carries, if any: a provider's consent event (Twilio STOP/START,
 * WhatsApp's marketing preference), a keyword written as the whole message on any channel
 * (for marketing: a chat channel can't block more), or a send WhatsApp refused because the
 * customer stopped marketing messages.
 */
export function consentChangeOf(event: CanonicalEvent, keywordConsent = defaultKeywords): ConsentChange | undefined {
	const at = { evidence: event.id, changedAt: event.timestamp };
	if (event.type === 'consent' && event.consent) return { ...event.consent, source: 'provider', ...at };
	if (event.type === 'message' && event.direction === 'inbound') {
		const state = keywordConsent(event.text);
		return state && { channel: event.channel, purpose: 'marketing', state, source: 'keyword', ...at };
	}
	if (event.type === 'status' && event.status === 'failed' && event.channel === 'whatsapp' && String(event.error?.code) === WHATSAPP_MARKETING_STOPPED) {
		return { channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'delivery-failure', ...at };
	}
	return undefined;
}
