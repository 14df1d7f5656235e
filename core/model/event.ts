import { z } from 'zod';
import { identitySchema } from './identity';

export const CHANNELS = ['whatsapp', 'messenger', 'instagram', 'telegram', 'sms', 'voice', 'email', 'webchat'] as const;
export const PROVIDERS = ['meta', 'evolution', 'telegram', 'twilio', 'postmark', 'mailgun', 'smtp', 'webchat'] as const;
export const EVENT_TYPES = ['message', 'status', 'action', 'call', 'consent'] as const;
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

/** Why a message was sent, as providers and consent law tell them apart; WhatsApp's template categories map onto the last three. */
export const MESSAGE_CATEGORIES = ['service', 'marketing', 'transactional', 'authentication'] as const;

/** What a consent is about: every message, or one category (service answers the customer and needs none). */
export const CONSENT_PURPOSES = ['all', 'marketing', 'transactional'] as const;
export const CONSENT_STATES = ['subscribed', 'unsubscribed'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Provider = (typeof PROVIDERS)[number];
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const attachmentSchema = z.object({
	type: z.string(),
	url: z.string().optional(),
	mediaId: z.string().optional(),
	mimeType: z.string().optional(),
	caption: z.string().optional(),
	filename: z.string().optional(),
});

/** Who wrote what we sent: a person (agent), a conversational bot, or an automation (a flow, a campaign). */
export const authorSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('agent'), id: z.string().optional(), name: z.string().optional() }),
	z.object({ type: z.literal('bot'), id: z.string().optional() }),
	z.object({ type: z.literal('automation') }),
]);

/** A customer's subscription changing, as the provider reports it (Twilio STOP/START, WhatsApp's marketing preference). */
export const consentSchema = z.object({
	channel: z.enum(CHANNELS),
	purpose: z.enum(CONSENT_PURPOSES),
	state: z.enum(CONSENT_STATES),
});

/**
 * What every channel trigger emits and every sender returns: one message, status, action,
 * call or consent change. Adapters follow the conventions in core/channels/types.ts.
 */
export const canonicalEventSchema = z.object({
	id: z.string().min(1),
	type: z.enum(EVENT_TYPES),
	channel: z.enum(CHANNELS),
	provider: z.enum(PROVIDERS),
	direction: z.enum(['inbound', 'outbound']),
	/** Our side on the provider: the bot, Page, Instagram account, phone number id, Evolution instance, Twilio number or inbox address. */
	account: z.string().min(1),
	externalId: z.string().min(1),
	timestamp: z.string().datetime({ offset: true }),
	from: z.object({ identities: z.array(identitySchema), name: z.string().optional() }),
	to: z.object({ identities: z.array(identitySchema).optional() }),
	/** E-mail only; `text` is then the new part of the body alone. */
	subject: z.string().optional(),
	text: z.string().optional(),
	attachments: z.array(attachmentSchema).optional(),
	action: z.object({ payload: z.string(), title: z.string().optional() }).optional(),
	status: z.enum(DELIVERY_STATUSES).optional(),
	error: z.object({ code: z.union([z.string(), z.number()]), message: z.string() }).optional(),
	/** Consent events only. */
	consent: consentSchema.optional(),
	/** Outbound messages and actions we sent; absent when unknown (echoes of messages sent elsewhere, statuses). */
	author: authorSchema.optional(),
	/** Outbound messages we sent. */
	category: z.enum(MESSAGE_CATEGORIES).optional(),
	thread: z
		.object({ messageId: z.string().optional(), inReplyTo: z.string().optional(), references: z.array(z.string()).optional() })
		.optional(),
	raw: z.unknown().optional(),
});

export type CanonicalEvent = z.infer<typeof canonicalEventSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type Author = z.infer<typeof authorSchema>;
export type Consent = z.infer<typeof consentSchema>;

/** The identities that describe the customer of an event: the sender when inbound, the recipient when outbound. */
export function customerIdentities(event: CanonicalEvent) {
	return event.direction === 'inbound' ? event.from.identities : (event.to.identities ?? []);
}

/**
 * How an event is told apart from every other: recorded once per channel, account and
 * provider id. The account is part of it because some ids are only unique on one of our
 * accounts: two Telegram bots see the same "<chat id>:<message id>" from one person, two
 * Evolution instances in one group the same message id.
 */
export function eventKey(event: { channel: string; account: string; externalId: string }): string {
	return `${event.channel}:${event.account}:${event.externalId}`;
}

/**
 * The key events had before the account was part of it: what stored bodies of schema
 * version 1 and the tombstones written then were keyed by (see core/store/graph-sql.ts).
 */
export function legacyEventKey(event: { channel: string; externalId: string }): string {
	return `${event.channel}:${event.externalId}`;
}
