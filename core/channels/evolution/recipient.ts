import type { Identity } from '../../model';
import { normalizePhone, normalizeWhatsAppId } from '../../identifiers/phone';
import { isBroadcastJid, isGroupJid, parseJid, whatsAppUserIdentities } from './jid';

/** Who a message goes to: what Evolution's `number` field gets, and the customer's identities. */
export interface EvolutionRecipient {
	/** International digits (`5511987654321`) for a phone, or the JID as given. */
	number: string;
	/** The customer's identities in canonical form; empty for a group, which is no single customer. */
	identities: Identity[];
}

/**
 * Reads the recipient an operator typed or mapped: a WhatsApp JID (`…@s.whatsapp.net`,
 * `…@lid`, a group `…@g.us`), or a phone number in any format. National formats need a
 * default country; digits alone without one are read as an international number (country
 * code first), the way WhatsApp writes them. Throws with a plain explanation otherwise.
 */
export function evolutionRecipient(input: string, defaultCountry?: string): EvolutionRecipient {
	const value = String(input ?? '').trim();
	if (!value) throw new Error('No recipient: give a phone number or a WhatsApp JID');
	if (value.includes('@')) {
		const jid = parseJid(value);
		if (!jid) throw new Error(`"${value}" is not a WhatsApp JID (expected e.g. 5511987654321@s.whatsapp.net)`);
		if (isBroadcastJid(jid)) throw new Error(`"${value}" is a broadcast or channel, which this node does not send to`);
		return { number: value, identities: isGroupJid(jid) ? [] : whatsAppUserIdentities(value) };
	}
	let phone = normalizePhone(value, defaultCountry || undefined);
	const digits = value.replace(/[\s().-]/g, '');
	if (!phone.ok && !defaultCountry && /^\d{10,15}$/.test(digits)) phone = normalizeWhatsAppId(digits);
	if (!phone.ok) throw new Error(`Invalid recipient: ${phone.reason}`);
	return { number: phone.value.slice(1), identities: [{ kind: 'phone', value: phone.value }] };
}

/** The union of two identity lists, first list first, without repeats. */
export function mergeIdentities(first: Identity[], second: Identity[]): Identity[] {
	const merged = [...first];
	for (const identity of second) {
		if (!merged.some((known) => known.kind === identity.kind && known.value === identity.value)) merged.push(identity);
	}
	return merged;
}
