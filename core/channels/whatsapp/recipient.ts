import type { Identity } from '../../model';
import { normalizePhone } from '../../identifiers/phone';
import { isBusinessScopedUserId } from './customer-identities';

/**
 * Who a message goes to, as the Cloud API's messages endpoint wants it:
 * - a phone number goes in `to`, as the international number in digits without "+";
 * - a business-scoped user id (2026: customers known by username, e.g.
 *   "US.13491208655302741918", or a parent id "US.ENT.1181...") goes in `recipient`.
 *   Meta gives `to` precedence when both are present, so only one is ever sent.
 */
export type WhatsAppRecipient =
	| { kind: 'phone'; to: string; identity: Identity }
	| { kind: 'bsuid'; recipient: string; identity: Identity };

class RecipientError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RecipientError';
	}
}

/**
 * Reads a recipient typed by a person or mapped from data: a phone number in any format
 * ("+55 11 98765-4321", "(11) 98765-4321" with default country BR, a wa_id in digits such as
 * "5511987654321"), or a business-scoped user id, kept verbatim.
 */
export function parseRecipient(input: string, defaultCountry?: string): WhatsAppRecipient {
	const value = String(input ?? '').trim();
	if (!value) throw new RecipientError('No recipient: give the customer\'s phone number or WhatsApp user ID');
	if (isBusinessScopedUserId(value)) return { kind: 'bsuid', recipient: value, identity: { kind: 'whatsapp_bsuid', value } };

	const digitsOnly = /^\d{8,15}$/.test(value);
	let phone = normalizePhone(value, defaultCountry || undefined);
	// A wa_id is already international: "5511987654321" without "+" is how WhatsApp writes numbers.
	if (!phone.ok && digitsOnly) phone = normalizePhone(`+${value}`);
	if (!phone.ok) {
		throw new RecipientError(
			`The recipient ${phone.reason}. Write the phone number with + and the country code (e.g. +5511987654321), set a Default Country, or give a WhatsApp user ID such as US.13491208655302741918`,
		);
	}
	return { kind: 'phone', to: phone.value.slice(1), identity: { kind: 'phone', value: phone.value } };
}

/** The fields of a message request that address it. */
export function recipientFields(recipient: WhatsAppRecipient): { to: string } | { recipient: string } {
	return recipient.kind === 'phone' ? { to: recipient.to } : { recipient: recipient.recipient };
}
