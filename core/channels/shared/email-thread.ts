import type { CanonicalEvent } from '../../model';

export type Thread = NonNullable<CanonicalEvent['thread']>;

/** Splits a References (or In-Reply-To) header into its message ids, `<…>` included, in order. */
export function messageIdList(header: string | undefined): string[] {
	if (!header) return [];
	const angled = header.match(/<[^<>\s]+>/g);
	if (angled) return angled;
	return header.split(/[\s,]+/).filter((part) => part !== '');
}

/**
 * The email threading headers as the canonical `thread`: Message-ID, In-Reply-To and the
 * References chain, ids kept as written (`<…>`) so that a reply can copy them back.
 */
export function emailThread(headers: { messageId?: string; inReplyTo?: string; references?: string }): Thread | undefined {
	const thread: Thread = {};
	const messageId = headers.messageId?.trim();
	if (messageId) thread.messageId = messageId;
	const inReplyTo = messageIdList(headers.inReplyTo)[0];
	if (inReplyTo) thread.inReplyTo = inReplyTo;
	const references = messageIdList(headers.references);
	if (references.length > 0) thread.references = references;
	return Object.keys(thread).length > 0 ? thread : undefined;
}
