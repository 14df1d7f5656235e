import { eventKey, type CanonicalEvent, type Identity } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { outboundEvent } from '../outbound-event';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { asText, isRecord, parseJsonObject } from '../shared/json-body';
import { PayloadError } from '../shared/payload-error';
import { checkPayload } from '../shared/payload-schema';
import { nowIso, unixSecondsToIso } from '../shared/unix-time';
import { evolutionEventName } from './event-name';
import { isBroadcastJid, isGroupJid, parseJid, whatsAppUserIdentities } from './jid';
import { evolutionContent } from './message-content';
import { evolutionMessageWebhookSchema } from './payload-schema';
import { EVOLUTION_AUTHORIZATION_HEADER, verifyEvolutionJwt } from './signature';
import { evolutionDeliveryStatus } from './status';

type Json = Record<string, unknown>;

const PROVIDER = 'Evolution API';
const EXPECTED = 'an Evolution API v2 webhook (an object with event, instance and data)';

/** Baileys' messageTimestamp: Unix seconds as a number, a string or a protobuf Long ({low, high}). */
function messageTime(value: unknown): string | undefined {
	if (isRecord(value) && typeof value.low === 'number') {
		return unixSecondsToIso((typeof value.high === 'number' ? value.high : 0) * 2 ** 32 + (value.low >>> 0));
	}
	return unixSecondsToIso(value);
}

function items(data: unknown): Json[] {
	const list = Array.isArray(data) ? data : [data];
	if (list.length === 0 || !list.every(isRecord)) throw new PayloadError(PROVIDER, `"data" is not a message object; expected ${EXPECTED}`);
	return list as Json[];
}

/** The instance that received the webhook: our account, which Evolution names in every envelope. */
function instanceOf(envelope: Json): string {
	const instance = asText(envelope.instance);
	if (!instance) throw new PayloadError(PROVIDER, `the body has no "instance": which of your instances it came from is unknown; expected ${EXPECTED}`);
	return instance;
}

function rawOf(envelope: Json, item: Json, options?: ParseOptions) {
	return options?.includeRaw ? { raw: { ...envelope, data: item } } : {};
}

/**
 * A received message (`messages.upsert`), or one of ours (`fromMe`, also sent as
 * `send.message`) when echoes are asked for. In a group (`@g.us`) the customer is the
 * participant who wrote, and the group JID is an `external` identity in `to.identities`
 * (never a customer identity: customers are in `from` for inbound events); our own
 * messages in groups have no single customer and are skipped. Status broadcasts
 * (stories) and channels are skipped.
 */
function messageEvents(envelope: Json, item: Json, options?: ParseOptions): CanonicalEvent[] {
	const key = item.key;
	if (!isRecord(key) || !asText(key.id) || !parseJid(key.remoteJid)) {
		throw new PayloadError(PROVIDER, `the message has no key with id and remoteJid; expected ${EXPECTED}`);
	}
	const chat = parseJid(key.remoteJid)!;
	if (isBroadcastJid(chat)) return [];
	const outbound = key.fromMe === true;
	const group = isGroupJid(chat);
	if (outbound && (group || !options?.includeEchoes)) return [];
	const content = evolutionContent(item, asText(key.id));
	if (!content) return [];
	const customer = group ? whatsAppUserIdentities(key.participant, key.participantAlt) : whatsAppUserIdentities(key.remoteJid, key.remoteJidAlt);
	const externalId = asText(key.id)!;
	const name = asText(item.pushName);
	const account = instanceOf(envelope);
	const groupIdentity: Identity[] = group ? [{ kind: 'external', value: String(key.remoteJid) }] : [];
	const event: CanonicalEvent = {
		id: eventKey({ channel: 'whatsapp', account, externalId }),
		type: content.type,
		channel: 'whatsapp',
		provider: 'evolution',
		direction: outbound ? 'outbound' : 'inbound',
		account,
		externalId,
		timestamp: messageTime(item.messageTimestamp) ?? nowIso(),
		from: outbound ? { identities: [] } : { identities: customer, ...(name ? { name } : {}) },
		to: outbound ? { identities: customer } : group ? { identities: groupIdentity } : {},
		...rawOf(envelope, item, options),
	};
	if (content.text !== undefined) event.text = content.text;
	if (content.attachments) event.attachments = content.attachments;
	if (content.action) event.action = content.action;
	if (content.quotedId) event.thread = { inReplyTo: content.quotedId };
	return [event];
}

/**
 * A delivery status of a message we sent (`messages.update` with fromMe). Statuses of the
 * customer's messages (our own read marks), of group messages, PENDING and DELETED yield
 * no event. Evolution gives no time for the change, and its `date_time` is the server's
 * local time labelled as UTC (it subtracts the timezone offset), so the time of parsing
 * is used.
 */
function statusEvents(envelope: Json, item: Json, options?: ParseOptions): CanonicalEvent[] {
	const key = isRecord(item.key) ? item.key : {};
	const messageId = asText(item.keyId) ?? asText(key.id);
	const remoteJid = item.remoteJid ?? key.remoteJid;
	const chat = parseJid(remoteJid);
	if (!messageId || !chat) throw new PayloadError(PROVIDER, `the status update has no keyId or remoteJid; expected ${EXPECTED}`);
	const fromMe = (item.fromMe ?? key.fromMe) === true;
	const status = evolutionDeliveryStatus(item.status ?? (isRecord(item.update) ? item.update.status : undefined));
	if (!status || !fromMe || isGroupJid(chat) || isBroadcastJid(chat)) return [];
	const event = outboundEvent({
		channel: 'whatsapp',
		provider: 'evolution',
		externalId: `${messageId}:${status}`,
		type: 'status',
		account: instanceOf(envelope),
		identities: whatsAppUserIdentities(remoteJid, item.remoteJidAlt ?? key.remoteJidAlt),
		status,
		thread: { messageId },
		...rawOf(envelope, item, options),
	});
	if (status === 'failed') event.error = { code: 'ERROR', message: 'WhatsApp reported an error delivering the message' };
	return [event];
}

/**
 * Evolution API v2 webhooks (WhatsApp through Baileys). `messages.upsert` and
 * `send.message` give message and action events, `messages.update` status events;
 * `connection.update` (our own number's connection) and every other event give none: see
 * evolutionConnectionState. The customer's phone comes from a phone JID only, never from
 * a LID (see whatsAppUserIdentities). `account` is the instance name: a message in a group
 * where two of our instances are has the same id for both. Who wrote our own messages
 * (`fromMe`: the phone, or the API) is not known, so they have no author.
 */
export const evolutionInbound: InboundAdapter = {
	name: 'evolution',
	bodyFormat: 'json',
	signatureHeader: EVOLUTION_AUTHORIZATION_HEADER,
	parse(body, options) {
		const envelope = parseJsonObject(body, PROVIDER, EXPECTED, INBOUND_LIMITS.evolution.bodyBytes);
		const event = evolutionEventName(envelope.event);
		if (!event || envelope.data === undefined) throw new PayloadError(PROVIDER, `the body has no "event" or no "data"; expected ${EXPECTED}`);
		const messages = event === 'messages.upsert' || event === 'send.message';
		// Only the events read here are checked; the others (connection, contacts, chats…) yield nothing.
		if (messages || event === 'messages.update') checkPayload(evolutionMessageWebhookSchema, envelope, PROVIDER);
		if (messages) {
			return items(envelope.data).flatMap((item) => messageEvents(envelope, item, options));
		}
		if (event === 'messages.update') return items(envelope.data).flatMap((item) => statusEvents(envelope, item, options));
		return [];
	},
	verify: verifyEvolutionJwt,
};
