import { eventKey, type CanonicalEvent } from './event';

type EventIds = Pick<CanonicalEvent, 'channel' | 'externalId' | 'thread'>;

/** An e-mail Message-ID as externalId carries it: without its angle brackets. */
const bareMessageId = (id: string) => id.trim().replace(/^<+|>+$/g, '');

/**
 * The earlier message of its channel that an event is about, if any: the message a status
 * reports on, an edit replaces, a reaction or a button press answers, a reply quotes. Adapters
 * put it in `thread.messageId` (statuses, edits, button presses, call progress) or in
 * `thread.inReplyTo` (reactions, replies, quotes). E-mail differs: its `thread.messageId` is
 * its own Message-ID, and only In-Reply-To points at an earlier message.
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

/** A message of a channel in the form of an event key ("channel:id"): an event is its own message. */
export function messageKey(channel: string, messageId: string): string {
	return eventKey({ channel, externalId: messageId });
}

/** Keys of every message an event is or is about: what forgetting its customer must remember. */
export function messageKeys(event: EventIds): string[] {
	const referenced = referencedMessageId(event);
	const ids = referenced ? [...ownMessageIds(event), referenced] : ownMessageIds(event);
	return [...new Set(ids.map((id) => messageKey(event.channel, id)))];
}
