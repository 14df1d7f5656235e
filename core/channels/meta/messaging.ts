import { eventKey, type Attachment, type CanonicalEvent, type Identity } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { messagingEntrySchema } from './messaging-schema';
import { PayloadError } from '../shared/payload-error';
import { META_SIGNATURE_HEADER, verifyMetaSignature } from './signature';
import { isoTimestamp, metaWebhookSchema, readWebhookEntries } from './webhook-body';
import { asText, isRecord, objects, type JsonObject } from '../shared/json-body';
import { withoutUndefined } from '../shared/without-undefined';

/**
 * The Graph API messaging webhook that Messenger (`"object": "page"`) and Instagram
 * (`"object": "instagram"`) share: `entry[].messaging[]`, one item per event.
 *
 * - `message`: one inbound message (text, attachments with their CDN url); a
 *   `quick_reply` makes it an action (payload, title: the text of the tapped reply).
 *   Unsent (Instagram `is_deleted`) messages are skipped; unsupported ones kept with a note.
 * - `message.is_echo`: our own message, sent from the page/account; skipped unless
 *   `includeEchoes`, then an outbound message with the customer in `to`.
 * - `postback`: an action (payload, title). `reaction`: an action with payload "reaction"
 *   or "reaction_removed", the emoji as title and text, the reacted message in
 *   `thread.inReplyTo` (as on WhatsApp).
 * - `delivery`: a "delivered" status per mid, or one for the watermark when mids are
 *   absent (externalId "watermark:<pageId>:<psid>:<watermark>:delivered"); `read` (and
 *   `seen`) the same with "read", by mid on Instagram, by watermark on Messenger.
 * - Anything else (optins, referrals, handover, standby, feed changes) yields no events.
 *
 * The customer is a scoped identity "<pageId>:<psid>" (Messenger) or "<igAccountId>:<igsid>"
 * (Instagram); the page/account is the recipient of inbound items (the sender of echoes),
 * the entry id when missing, and is `account` on every event. Who wrote an echo is not
 * known (a person in the Page inbox, or an app), so it has no author.
 */
export interface MessagingChannel {
	channel: 'messenger' | 'instagram';
	/** The value of the webhook's `object` field. */
	object: 'page' | 'instagram';
	/** The product name used in error messages. */
	label: string;
}

interface ItemContext {
	channel: MessagingChannel;
	account: string;
	customer: Identity | undefined;
	timestamp: string;
	item: JsonObject;
	options: ParseOptions;
}

function idOf(party: unknown): string | undefined {
	return isRecord(party) ? asText(party.id) : undefined;
}

function event(context: ItemContext, externalId: string, fields: Partial<CanonicalEvent> & Pick<CanonicalEvent, 'type' | 'direction'>): CanonicalEvent {
	const customer = context.customer ? [context.customer] : [];
	const inbound = fields.direction === 'inbound';
	const { channel } = context.channel;
	const result: CanonicalEvent = withoutUndefined({
		id: eventKey({ channel, account: context.account, externalId }),
		channel,
		provider: 'meta' as const,
		account: context.account,
		externalId,
		timestamp: context.timestamp,
		from: { identities: inbound ? customer : [] },
		to: inbound ? {} : { identities: customer },
		...fields,
	});
	if (context.options.includeRaw) result.raw = context.item;
	return result;
}

function attachment(item: JsonObject): Attachment {
	const type = asText(item.type) ?? 'file';
	const payload = isRecord(item.payload) ? item.payload : {};
	const coordinates = isRecord(payload.coordinates) ? payload.coordinates : undefined;
	const geo = coordinates && typeof coordinates.lat === 'number' && typeof coordinates.long === 'number' ? `geo:${coordinates.lat},${coordinates.long}` : undefined;
	return withoutUndefined({ type, url: asText(payload.url) ?? geo, caption: asText(payload.title) ?? asText(item.title) });
}

function messageEvent(message: JsonObject, context: ItemContext, echo: boolean): CanonicalEvent | undefined {
	const mid = asText(message.mid);
	if (!mid || message.is_deleted === true) return undefined;
	const attachments = objects(message.attachments).map(attachment);
	let body = asText(message.text);
	if (message.is_unsupported === true && !body && attachments.length === 0) body = `[Unsupported ${context.channel.label} message]`;
	const quickReply = isRecord(message.quick_reply) ? asText(message.quick_reply.payload) : undefined;
	const replyTo = isRecord(message.reply_to) ? message.reply_to : undefined;
	const story = replyTo && isRecord(replyTo.story) ? replyTo.story : undefined;
	const inReplyTo = replyTo ? (asText(replyTo.mid) ?? (story ? asText(story.id) : undefined)) : undefined;
	return event(context, mid, {
		type: quickReply !== undefined && !echo ? 'action' : 'message',
		direction: echo ? 'outbound' : 'inbound',
		text: body,
		attachments: attachments.length ? attachments : undefined,
		action: quickReply !== undefined && !echo ? withoutUndefined({ payload: quickReply, title: body }) : undefined,
		thread: inReplyTo ? { inReplyTo } : undefined,
	});
}

function postbackEvent(postback: JsonObject, context: ItemContext): CanonicalEvent {
	const title = asText(postback.title);
	const payload = asText(postback.payload) ?? title ?? '';
	const externalId = asText(postback.mid) ?? `postback:${context.customer?.value ?? context.account}:${Date.parse(context.timestamp)}`;
	return event(context, externalId, { type: 'action', direction: 'inbound', text: title, action: withoutUndefined({ payload, title }) });
}

function reactionEvent(reaction: JsonObject, context: ItemContext): CanonicalEvent | undefined {
	const mid = asText(reaction.mid);
	if (!mid) return undefined;
	const removed = asText(reaction.action) === 'unreact';
	const emoji = removed ? undefined : (asText(reaction.emoji) ?? asText(reaction.reaction));
	const payload = removed ? 'reaction_removed' : 'reaction';
	return event(context, `${payload}:${mid}:${Date.parse(context.timestamp)}`, {
		type: 'action',
		direction: 'inbound',
		text: emoji,
		action: withoutUndefined({ payload, title: emoji }),
		thread: { inReplyTo: mid },
	});
}

function statusEvents(receipt: JsonObject, status: 'delivered' | 'read', context: ItemContext): CanonicalEvent[] {
	const mids = [...(Array.isArray(receipt.mids) ? receipt.mids : []), receipt.mid].map(asText).filter((mid): mid is string => !!mid);
	if (mids.length > 0) {
		return [...new Set(mids)].map((mid) => event(context, `${mid}:${status}`, { type: 'status', direction: 'outbound', status, thread: { messageId: mid } }));
	}
	const watermark = asText(receipt.watermark);
	if (!watermark) return [];
	const externalId = `watermark:${context.customer?.value ?? context.account}:${watermark}:${status}`;
	return [event(context, externalId, { type: 'status', direction: 'outbound', status })];
}

/** Whether an item is one of those that give events (see the list above). */
function givesEvents(item: JsonObject): boolean {
	return [item.message, item.postback, item.reaction, item.delivery, item.read, item.seen].some(isRecord);
}

function itemEvents(item: JsonObject, entry: JsonObject, channel: MessagingChannel, options: ParseOptions): CanonicalEvent[] {
	const message = isRecord(item.message) ? item.message : undefined;
	const echo = message?.is_echo === true;
	if ((echo && !options.includeEchoes) || !givesEvents(item)) return [];
	const senderId = idOf(item.sender);
	const recipientId = idOf(item.recipient);
	const account = (echo ? senderId : recipientId) ?? asText(entry.id);
	if (!account) throw new PayloadError(channel.label, `a messaging item has no ${echo ? 'sender' : 'recipient'} id and its entry no id: which Page or account it reached is unknown`);
	const customerId = echo ? recipientId : senderId;
	const context: ItemContext = {
		channel,
		account,
		customer: customerId ? { kind: channel.channel, value: `${account}:${customerId}` } : undefined,
		timestamp: isoTimestamp(item.timestamp, entry.time),
		item,
		options,
	};
	if (message) return [messageEvent(message, context, echo)].filter((e): e is CanonicalEvent => !!e);
	if (isRecord(item.postback)) return [postbackEvent(item.postback, context)];
	if (isRecord(item.reaction)) return [reactionEvent(item.reaction, context)].filter((e): e is CanonicalEvent => !!e);
	if (isRecord(item.delivery)) return statusEvents(item.delivery, 'delivered', context);
	const read = isRecord(item.read) ? item.read : isRecord(item.seen) ? item.seen : undefined;
	if (read) return statusEvents(read, 'read', context);
	return [];
}

const WEBHOOK_SCHEMA = metaWebhookSchema(messagingEntrySchema);

/** Parses a Messenger or Instagram webhook body into canonical events, in payload order. */
export function parseMessagingWebhook(body: Buffer | string, channel: MessagingChannel, options: ParseOptions = {}): CanonicalEvent[] {
	const entries = readWebhookEntries(body, channel.object, channel.label, WEBHOOK_SCHEMA);
	return entries.flatMap((entry) => objects(entry.messaging).flatMap((item) => itemEvents(item, entry, channel, options)));
}

/** The inbound adapter of a Graph API messaging channel. */
export function messagingInboundAdapter(channel: MessagingChannel): InboundAdapter {
	return {
		name: channel.channel,
		bodyFormat: 'json',
		signatureHeader: META_SIGNATURE_HEADER,
		parse: (body, options) => parseMessagingWebhook(body, channel, options),
		verify: verifyMetaSignature,
	};
}
