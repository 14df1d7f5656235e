import { randomUUID } from 'node:crypto';
import { messageIdList } from '../shared/email-thread';

/** A Message-ID in its header form, `<id@domain>`; undefined for an empty value. */
export function angleMessageId(id: string | undefined): string | undefined {
	const bare = (id ?? '').trim().replace(/^<+|>+$/g, '').trim();
	return bare === '' ? undefined : `<${bare}>`;
}

/** A Message-ID without its angle brackets, as events carry it in `externalId`. */
export function bareMessageId(id: string): string {
	return id.trim().replace(/^<+|>+$/g, '');
}

/** A new, globally unique Message-ID on the sender's domain: `<uuid@domain>`. */
export function newMessageId(fromAddress: string): string {
	const domain = fromAddress.split('@').pop()?.trim().toLowerCase() || 'localhost';
	return `<${randomUUID()}@${domain}>`;
}

/**
 * The References of a reply: the thread's previous references, then the message replied
 * to, each once, in order (RFC 5322 §3.6.4). Accepts ids with or without angle brackets,
 * separated by spaces or commas, or as a list.
 */
export function replyReferences(previous: string | string[] | undefined, inReplyTo: string | undefined): string[] {
	const raw = Array.isArray(previous) ? previous.flatMap((entry) => messageIdList(entry)) : messageIdList(previous);
	const ids = [...raw, ...(inReplyTo ? [inReplyTo] : [])].map(angleMessageId).filter((id): id is string => !!id);
	return [...new Set(ids)];
}
