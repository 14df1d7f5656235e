import type { Identity } from '../../model';
import { normalizeWhatsAppId } from '../../identity/phone';
import { asText, type JsonObject } from '../shared/json-body';

/**
 * Who a WhatsApp customer is, from what the Cloud API reports:
 * - the wa_id (`messages[].from`, `contacts[].wa_id`, `statuses[].recipient_id`) is the
 *   international number in digits: it becomes a `phone` identity in E.164, with the
 *   Brazil 9th-digit and Mexico "1" quirks fixed by normalizeWhatsAppId;
 * - from 2026 the business-scoped user id (`from_user_id`, `contacts[].user_id`,
 *   `recipient_user_id`, like "US.13491208655302741918") becomes a `whatsapp_bsuid`
 *   identity, kept verbatim. Users with a username may come with the user id alone.
 * A wa_id that is not a phone number (never seen in practice) is kept as an `external`
 * identity "whatsapp:<wa_id>" when there is no user id, so the customer stays findable.
 */

/** A business-scoped user id: a two-letter country code, a dot, then letters and digits. */
const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9.]+$/;

export function isBusinessScopedUserId(value: string): boolean {
	return BSUID_PATTERN.test(value);
}

export function whatsappIdentities(waId: string | undefined, userId: string | undefined): Identity[] {
	let phoneId = waId?.trim();
	let bsuid = userId?.trim() || undefined;
	if (phoneId && isBusinessScopedUserId(phoneId)) {
		bsuid ??= phoneId;
		phoneId = undefined;
	}
	const identities: Identity[] = [];
	if (phoneId) {
		const phone = normalizeWhatsAppId(phoneId);
		if (phone.ok) identities.push({ kind: 'phone', value: phone.value });
		else if (!bsuid) identities.push({ kind: 'external', value: `whatsapp:${phoneId}` });
	}
	if (bsuid) identities.push({ kind: 'whatsapp_bsuid', value: bsuid });
	return identities;
}

/**
 * The entry of `value.contacts[]` that describes a sender: matched by wa_id or user id,
 * or the only one when there is a single contact (Meta sends one per sender).
 */
export function findContact(contacts: JsonObject[], waId: string | undefined, userId: string | undefined): JsonObject | undefined {
	const match = contacts.find(
		(contact) => (waId !== undefined && asText(contact.wa_id) === waId) || (userId !== undefined && asText(contact.user_id) === userId),
	);
	if (match) return match;
	const [only] = contacts;
	if (contacts.length !== 1) return undefined;
	const contradicts = (waId !== undefined && asText(only.wa_id) !== undefined) || (userId !== undefined && asText(only.user_id) !== undefined);
	return contradicts ? undefined : only;
}
