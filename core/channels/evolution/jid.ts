import type { Identity } from '../../model';
import { normalizeWhatsAppId } from '../../identity/phone';

/** A WhatsApp JID, `<user>[:<device>]@<server>`: s.whatsapp.net (a phone), lid, g.us (a group), broadcast, newsletter. */
export interface Jid {
	user: string;
	server: string;
}

export function parseJid(jid: unknown): Jid | undefined {
	if (typeof jid !== 'string') return undefined;
	const match = /^([^@:]+)(?::\d+)?@([a-z.]+)$/i.exec(jid.trim());
	return match ? { user: match[1], server: match[2].toLowerCase() } : undefined;
}

/** Chats that are not a conversation with one customer or a group: status updates (stories), broadcast lists, channels. */
export function isBroadcastJid(jid: Jid): boolean {
	return jid.server === 'broadcast' || jid.server === 'newsletter';
}

export function isGroupJid(jid: Jid): boolean {
	return jid.server === 'g.us';
}

/**
 * The identities of a WhatsApp user from a JID and its alternate (Evolution's
 * `remoteJidAlt` / `participantAlt`): a phone only from a phone JID (`@s.whatsapp.net`),
 * never from a LID; the LID (`<digits>@lid`, a stable id that hides the number) is kept as
 * an `external` identity with value `<digits>@lid`, so that a customer who writes from a
 * LID without a phone still has a history, joined to the phone once both are seen together.
 */
export function whatsAppUserIdentities(...jids: unknown[]): Identity[] {
	const identities: Identity[] = [];
	const add = (identity: Identity) => {
		if (!identities.some((known) => known.kind === identity.kind && known.value === identity.value)) identities.push(identity);
	};
	const parsed = jids.map(parseJid).filter((jid): jid is Jid => jid !== undefined);
	for (const jid of parsed) {
		if (jid.server !== 's.whatsapp.net' && jid.server !== 'c.us') continue;
		const phone = normalizeWhatsAppId(jid.user);
		if (phone.ok) add({ kind: 'phone', value: phone.value });
	}
	for (const jid of parsed) if (jid.server === 'lid') add({ kind: 'external', value: `${jid.user}@lid` });
	return identities;
}
