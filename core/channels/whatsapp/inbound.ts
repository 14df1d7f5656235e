import type { CanonicalEvent } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { META_SIGNATURE_HEADER, verifyMetaSignature } from '../meta/signature';
import { isObject, isoTimestamp, objects, readWebhookEntries, text, type JsonObject } from '../meta/webhook-body';
import { ownEntry } from '../shared/own-entry';
import { findContact, whatsappIdentities } from './customer-identities';
import { firstError, messageContent } from './message-content';
import { whatsappEntrySchema } from './payload-schema';

/**
 * WhatsApp Cloud API webhooks (`"object": "whatsapp_business_account"`) to canonical events.
 *
 * Each `entry[].changes[]` with `field` "messages" carries, in `value`:
 * - `messages[]`: what customers sent, one inbound event each (see message-content.ts);
 * - `statuses[]`: sent / delivered / read / failed for messages the business sent, one
 *   outbound status event each, the customer in `to.identities` ("played", for voice
 *   messages, counts as read; deprecated or unknown statuses are skipped);
 * - `contacts[]`: the senders' wa_id, 2026 user id and profile name;
 * - `metadata`: the business number; `to.account` is its phone_number_id (the id replies
 *   are sent from), or the display number when the id is missing.
 * A `user_preferences` change where a customer stops marketing messages becomes an optout
 * event. `smb_message_echoes` (messages sent from the WhatsApp Business app, coexistence)
 * become outbound messages when `includeEchoes` is set. Any other field (template status,
 * account, quality updates...) yields no events.
 */

const LABEL = 'WhatsApp Cloud API';
const CHANNEL = 'whatsapp';

const STATUS_MAP: Record<string, CanonicalEvent['status']> = {
	sent: 'sent',
	delivered: 'delivered',
	read: 'read',
	played: 'read',
	failed: 'failed',
};

interface ChangeContext {
	value: JsonObject;
	account: string | undefined;
	contacts: JsonObject[];
	options: ParseOptions;
}

function baseEvent(externalId: string, timestamp: unknown): Pick<CanonicalEvent, 'id' | 'channel' | 'provider' | 'externalId' | 'timestamp'> {
	return { id: `${CHANNEL}:${externalId}`, channel: CHANNEL, provider: 'meta', externalId, timestamp: isoTimestamp(timestamp) };
}

function accountOf(value: JsonObject): string | undefined {
	const metadata = isObject(value.metadata) ? value.metadata : {};
	return text(metadata.phone_number_id) ?? text(metadata.display_phone_number);
}

function withOptionals(event: CanonicalEvent, raw: unknown, options: ParseOptions): CanonicalEvent {
	for (const key of Object.keys(event) as (keyof CanonicalEvent)[]) {
		if (event[key] === undefined) delete event[key];
	}
	if (options.includeRaw) event.raw = raw;
	return event;
}

function contentFields(message: JsonObject): Partial<CanonicalEvent> & Pick<CanonicalEvent, 'type'> {
	const content = messageContent(message);
	return {
		type: content.type,
		text: content.text,
		attachments: content.attachments,
		action: content.action,
		error: content.error,
		thread: content.inReplyTo ? { inReplyTo: content.inReplyTo } : undefined,
	};
}

function inboundMessage(message: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	const externalId = text(message.id);
	if (!externalId) return undefined;
	const waId = text(message.from);
	const userId = text(message.from_user_id);
	const contact = findContact(context.contacts, waId, userId);
	const profile = contact && isObject(contact.profile) ? contact.profile : {};
	const identities = whatsappIdentities(waId ?? text(contact?.wa_id), userId ?? text(contact?.user_id));
	const event: CanonicalEvent = {
		...baseEvent(externalId, message.timestamp),
		...contentFields(message),
		direction: 'inbound',
		from: { identities, name: text(profile.name) ?? text(profile.username) },
		to: { account: context.account },
	};
	if (event.from.name === undefined) delete event.from.name;
	return withOptionals(event, message, context.options);
}

function echoMessage(echo: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	const externalId = text(echo.id);
	if (!externalId) return undefined;
	const event: CanonicalEvent = {
		...baseEvent(externalId, echo.timestamp),
		...contentFields(echo),
		direction: 'outbound',
		from: { identities: [] },
		to: { account: context.account, identities: whatsappIdentities(text(echo.to), text(echo.to_user_id)) },
	};
	return withOptionals(event, echo, context.options);
}

function statusEvent(status: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	const messageId = text(status.id);
	const canonical = ownEntry(STATUS_MAP, text(status.status) ?? '');
	if (!messageId || !canonical) return undefined;
	const externalId = `${messageId}:${canonical}`;
	const event: CanonicalEvent = {
		...baseEvent(externalId, status.timestamp),
		type: 'status',
		direction: 'outbound',
		from: { identities: [] },
		to: { account: context.account, identities: whatsappIdentities(text(status.recipient_id), text(status.recipient_user_id)) },
		status: canonical,
		error: canonical === 'failed' ? (firstError(status.errors) ?? { code: 'unknown', message: 'WhatsApp reported the message as failed without details' }) : undefined,
		thread: { messageId },
	};
	return withOptionals(event, status, context.options);
}

function optoutEvent(preference: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	if (text(preference.value) !== 'stop') return undefined;
	const waId = text(preference.wa_id);
	const userId = text(preference.user_id);
	const identities = whatsappIdentities(waId, userId);
	const who = userId ?? waId;
	if (!who) return undefined;
	const category = text(preference.category) ?? 'marketing_messages';
	const contact = findContact(context.contacts, waId, userId);
	const profile = contact && isObject(contact.profile) ? contact.profile : {};
	const event: CanonicalEvent = {
		...baseEvent(`optout:${who}:${category}:${text(preference.timestamp) ?? '0'}`, preference.timestamp),
		type: 'optout',
		direction: 'inbound',
		from: { identities, name: text(profile.name) },
		to: { account: context.account },
		text: text(preference.detail) ?? `Stopped ${category.replace(/_/g, ' ')}`,
	};
	if (event.from.name === undefined) delete event.from.name;
	return withOptionals(event, preference, context.options);
}

function changeEvents(change: JsonObject, options: ParseOptions): CanonicalEvent[] {
	if (!isObject(change.value)) return [];
	const value = change.value;
	const context: ChangeContext = { value, account: accountOf(value), contacts: objects(value.contacts), options };
	const events: (CanonicalEvent | undefined)[] = [];
	switch (change.field) {
		case 'messages':
			events.push(...objects(value.messages).map((message) => inboundMessage(message, context)));
			events.push(...objects(value.statuses).map((status) => statusEvent(status, context)));
			break;
		case 'user_preferences':
			events.push(...objects(value.user_preferences).map((preference) => optoutEvent(preference, context)));
			break;
		case 'smb_message_echoes':
			if (options.includeEchoes) events.push(...objects(value.message_echoes).map((echo) => echoMessage(echo, context)));
			break;
		default:
			break;
	}
	return events.filter((event): event is CanonicalEvent => event !== undefined);
}

/** Parses a WhatsApp Cloud API webhook body into canonical events, in payload order. */
export function parseWhatsAppWebhook(body: Buffer | string, options: ParseOptions = {}): CanonicalEvent[] {
	const entries = readWebhookEntries(body, 'whatsapp_business_account', LABEL, whatsappEntrySchema);
	return entries.flatMap((entry) => objects(entry.changes).flatMap((change) => changeEvents(change, options)));
}

export const whatsappInboundAdapter: InboundAdapter = {
	name: 'whatsapp',
	bodyFormat: 'json',
	signatureHeader: META_SIGNATURE_HEADER,
	parse: parseWhatsAppWebhook,
	verify: verifyMetaSignature,
};
