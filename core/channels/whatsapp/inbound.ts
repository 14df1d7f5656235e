import { eventKey, type CanonicalEvent } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { META_SIGNATURE_HEADER, verifyMetaSignature } from '../meta/signature';
import { isoTimestamp, metaWebhookSchema, readWebhookEntries } from '../meta/webhook-body';
import { asText, isRecord, objects, type JsonObject } from '../shared/json-body';
import { ownEntry } from '../shared/own-entry';
import { PayloadError } from '../shared/payload-error';
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
 * - `metadata`: the business number; `account` is its phone_number_id (the id replies
 *   are sent from), or the display number when the id is missing.
 * A `user_preferences` change (a customer stops or resumes marketing messages, in WhatsApp's
 * own setting) becomes a `consent` event for purpose marketing. `smb_message_echoes`
 * (messages sent by a person from the WhatsApp Business app, coexistence) become outbound
 * messages by an agent when `includeEchoes` is set. Any other field (template status,
 * account, quality updates...) yields no events. A quick-reply "stop promotions" button of a
 * marketing template is the business's own payload, so it stays an action.
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

/** The fields of an event that say what happened, beside the ones that place it (see whatsappEvent). */
type EventFields = Omit<CanonicalEvent, 'id' | 'channel' | 'provider' | 'account' | 'externalId' | 'timestamp'>;

function whatsappEvent(context: ChangeContext, externalId: string, timestamp: unknown, fields: EventFields): CanonicalEvent {
	const account = context.account;
	// Meta always names the number; without it the event could not be keyed or answered.
	if (!account) throw new PayloadError(LABEL, 'a change with messages, statuses or preferences has no metadata.phone_number_id: which of your numbers it reached is unknown');
	// Object.assign rather than a spread followed by fields: on Node 20 each field added after a spread costs about a microsecond.
	const place: Omit<CanonicalEvent, keyof EventFields> = { id: eventKey({ channel: CHANNEL, account, externalId }), channel: CHANNEL, provider: 'meta', account, externalId, timestamp: isoTimestamp(timestamp) };
	return Object.assign(place, fields);
}

function accountOf(value: JsonObject): string | undefined {
	const metadata = isRecord(value.metadata) ? value.metadata : {};
	return asText(metadata.phone_number_id) ?? asText(metadata.display_phone_number);
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
	const externalId = asText(message.id);
	if (!externalId) return undefined;
	const waId = asText(message.from);
	const userId = asText(message.from_user_id);
	const contact = findContact(context.contacts, waId, userId);
	const profile = contact && isRecord(contact.profile) ? contact.profile : {};
	const identities = whatsappIdentities(waId ?? asText(contact?.wa_id), userId ?? asText(contact?.user_id));
	const event = whatsappEvent(context, externalId, message.timestamp, {
		direction: 'inbound',
		from: { identities, name: asText(profile.name) ?? asText(profile.username) },
		to: {},
		...contentFields(message),
	});
	if (event.from.name === undefined) delete event.from.name;
	return withOptionals(event, message, context.options);
}

function echoMessage(echo: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	const externalId = asText(echo.id);
	if (!externalId) return undefined;
	const event = whatsappEvent(context, externalId, echo.timestamp, {
		direction: 'outbound',
		from: { identities: [] },
		to: { identities: whatsappIdentities(asText(echo.to), asText(echo.to_user_id)) },
		// Echoes are what a person sent from the WhatsApp Business app.
		author: { type: 'agent' },
		...contentFields(echo),
	});
	return withOptionals(event, echo, context.options);
}

function statusEvent(status: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	const messageId = asText(status.id);
	const canonical = ownEntry(STATUS_MAP, asText(status.status) ?? '');
	if (!messageId || !canonical) return undefined;
	const externalId = `${messageId}:${canonical}`;
	const event = whatsappEvent(context, externalId, status.timestamp, {
		type: 'status',
		direction: 'outbound',
		from: { identities: [] },
		to: { identities: whatsappIdentities(asText(status.recipient_id), asText(status.recipient_user_id)) },
		status: canonical,
		error: canonical === 'failed' ? (firstError(status.errors) ?? { code: 'unknown', message: 'WhatsApp reported the message as failed without details' }) : undefined,
		thread: { messageId },
	});
	return withOptionals(event, status, context.options);
}

/** The documented values of a marketing preference: the customer stops or resumes marketing messages. */
const PREFERENCE_STATES: Record<string, NonNullable<CanonicalEvent['consent']>['state']> = { stop: 'unsubscribed', resume: 'subscribed' };

/**
 * A change of the customer's marketing preference (`user_preferences`, category
 * marketing_messages): a consent event for purpose marketing. Its externalId names the
 * customer, the category and the time: `optout:…` for a stop, as version 1 named it, so that
 * a redelivery stays recognisable, and `optin:…` for a resume.
 */
function consentEvent(preference: JsonObject, context: ChangeContext): CanonicalEvent | undefined {
	const state = ownEntry(PREFERENCE_STATES, asText(preference.value) ?? '');
	if (!state) return undefined;
	const waId = asText(preference.wa_id);
	const userId = asText(preference.user_id);
	const identities = whatsappIdentities(waId, userId);
	const who = userId ?? waId;
	if (!who) return undefined;
	const category = asText(preference.category) ?? 'marketing_messages';
	const contact = findContact(context.contacts, waId, userId);
	const profile = contact && isRecord(contact.profile) ? contact.profile : {};
	const verb = state === 'unsubscribed' ? 'stop' : 'resume';
	const key = `${state === 'unsubscribed' ? 'optout' : 'optin'}:${who}:${category}:${asText(preference.timestamp) ?? '0'}`;
	const event = whatsappEvent(context, key, preference.timestamp, {
		type: 'consent',
		direction: 'inbound',
		from: { identities, name: asText(profile.name) },
		to: {},
		text: asText(preference.detail) ?? `User requested to ${verb} ${category.replace(/_/g, ' ')}`,
		consent: { channel: CHANNEL, purpose: 'marketing', state },
	});
	if (event.from.name === undefined) delete event.from.name;
	return withOptionals(event, preference, context.options);
}

function changeEvents(change: JsonObject, options: ParseOptions): CanonicalEvent[] {
	if (!isRecord(change.value)) return [];
	const value = change.value;
	const context: ChangeContext = { value, account: accountOf(value), contacts: objects(value.contacts), options };
	const events: (CanonicalEvent | undefined)[] = [];
	switch (change.field) {
		case 'messages':
			events.push(...objects(value.messages).map((message) => inboundMessage(message, context)));
			events.push(...objects(value.statuses).map((status) => statusEvent(status, context)));
			break;
		case 'user_preferences':
			events.push(...objects(value.user_preferences).map((preference) => consentEvent(preference, context)));
			break;
		case 'smb_message_echoes':
			if (options.includeEchoes) events.push(...objects(value.message_echoes).map((echo) => echoMessage(echo, context)));
			break;
		default:
			break;
	}
	return events.filter((event): event is CanonicalEvent => event !== undefined);
}

const WEBHOOK_SCHEMA = metaWebhookSchema(whatsappEntrySchema);

/** Parses a WhatsApp Cloud API webhook body into canonical events, in payload order. */
export function parseWhatsAppWebhook(body: Buffer | string, options: ParseOptions = {}): CanonicalEvent[] {
	const entries = readWebhookEntries(body, 'whatsapp_business_account', LABEL, WEBHOOK_SCHEMA);
	return entries.flatMap((entry) => objects(entry.changes).flatMap((change) => changeEvents(change, options)));
}

export const whatsappInboundAdapter: InboundAdapter = {
	name: 'whatsapp',
	bodyFormat: 'json',
	signatureHeader: META_SIGNATURE_HEADER,
	parse: parseWhatsAppWebhook,
	verify: verifyMetaSignature,
};
