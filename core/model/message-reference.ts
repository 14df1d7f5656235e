import { eventKey, legacyEventKey, type CanonicalEvent } from './event';

/** What names an event's messages; `account` is undefined for history rows of schema version 1, which had none. */
type EventIds = Pick<CanonicalEvent, 'channel' | 'externalId' | 'thread'> & { account?: string };

/** An e-mail Message-ID as externalId carries it: without its angle brackets. */
const bareMessageId = (id: string) => id.trim().replace(/^<+|>+$/g, '');

/**
 * The earlier message of its channel that an event is about, if any: the message a status
 * reports on, an edit replaces, a reaction or a button press answers, a reply quotes. Adapters
 * put it in `thread.messageId` (statuses, edits, button presses, call progress) or in
 * `thread.inReplyTo` (reactions, replies, quotes). E-mail differs: its `thread.messageId` is
 * its own Message-ID, and only In-Reply-To points at an earlier message. On Telegram the
 * earlier message is always the same bot's.
 */
export function referencedMessageId(event: EventIds): string | undefined {
	const thread = event.thread;
	if (!thread) return undefined;
	if (event.channel === 'email') return thread.inReplyTo ? bareMessageId(thread.inReplyTo) || undefined : undefined;
	return thread.messageId ?? thread.inReplyTo;
}

/** The ids its channel knows an event by: its externalId, and for e-mail also its Message-ID, which replies quote. */
export function ownMessageIds(event: EventIds): string[] {
	const messageId = event.channel === 'email' && event.thread?.messageId ? bareMessageId(event.thread.messageId) : '';
	return messageId && messageId !== event.externalId ? [event.externalId, messageId] : [event.externalId];
}

/**
 * Channels whose message ids repeat from one of our accounts to another for different
 * messages: a Telegram message is "<chat id>:<message id>", counted per bot. Web chat ids
 * are whatever the site makes. Everywhere else a message id names one message on the whole
 * channel (WhatsApp's wamid, Meta's mid, Twilio's SIDs, e-mail's Message-ID; a group message
 * seen by two Evolution instances is one message).
 */
const IDS_PER_ACCOUNT = new Set(['telegram', 'webchat']);

/**
 * A message of a channel, as tombstones remember it: "channel:account:id" on the channels
 * whose ids repeat across our accounts, else "channel:id", so that a status, reaction or
 * reply reported on another of our accounts (Twilio reports a Messaging Service's message
 * on the number it left from; a customer answers an e-mail at another of our addresses)
 * still finds the message it is about. Without an account (a history row of schema
 * version 1) the key has the form it had then, "channel:id".
 */
export function messageKey(channel: string, account: string | undefined, messageId: string): string {
	if (account === undefined || !IDS_PER_ACCOUNT.has(channel)) return legacyEventKey({ channel, externalId: messageId });
	return eventKey({ channel, account, externalId: messageId });
}

/** Keys of every message an event is or is about: what forgetting its customer must remember. */
export function messageKeys(event: EventIds): string[] {
	const referenced = referencedMessageId(event);
	const ids = referenced ? [...ownMessageIds(event), referenced] : ownMessageIds(event);
	return [...new Set(ids.map((id) => messageKey(event.channel, event.account, id)))];
}

/**
 * Every key a tombstone of one message may have: its key, and on channels whose ids repeat
 * across accounts also "channel:id", the form of tombstones written before accounts were
 * part of keys. Those can't be rewritten (they are hashes), and a late edit, button press or
 * reply about an old message may come at any time. The old form names no bot, so a message
 * to another bot with the same id as one forgotten before the upgrade is taken for it:
 * erasure errs on the side of storing nothing.
 */
export function messageKeyForms(channel: string, account: string | undefined, messageId: string): string[] {
	return [...new Set([messageKey(channel, account, messageId), legacyEventKey({ channel, externalId: messageId })])];
}

/** What to look up among tombstones for an event: every form of every message it is or is about. */
export function messageKeysInEveryForm(event: EventIds): string[] {
	const referenced = referencedMessageId(event);
	const ids = referenced ? [...ownMessageIds(event), referenced] : ownMessageIds(event);
	return [...new Set(ids.flatMap((id) => messageKeyForms(event.channel, event.account, id)))];
}
