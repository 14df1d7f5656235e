import { z } from 'zod';
import { identitySchema } from './identity';

export const CHANNELS = ['whatsapp', 'messenger', 'instagram', 'telegram', 'sms', 'voice', 'email', 'webchat'] as const;
export const PROVIDERS = ['meta', 'evolution', 'telegram', 'twilio', 'postmark', 'mailgun', 'smtp', 'webchat'] as const;
export const EVENT_TYPES = ['message', 'status', 'action', 'call', 'optout'] as const;
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Provider = (typeof PROVIDERS)[number];

export const attachmentSchema = z.object({
	type: z.string(),
	url: z.string().optional(),
	mediaId: z.string().optional(),
	mimeType: z.string().optional(),
	caption: z.string().optional(),
	filename: z.string().optional(),
});

/** What every channel trigger emits and every sender returns: one message, status, action, call or opt-out. */
export const canonicalEventSchema = z.object({
	id: z.string().min(1),
	type: z.enum(EVENT_TYPES),
	channel: z.enum(CHANNELS),
	provider: z.enum(PROVIDERS),
	direction: z.enum(['inbound', 'outbound']),
	externalId: z.string().min(1),
	timestamp: z.string().datetime({ offset: true }),
	from: z.object({ identities: z.array(identitySchema), name: z.string().optional() }),
	to: z.object({ account: z.string().optional(), identities: z.array(identitySchema).optional() }),
	text: z.string().optional(),
	attachments: z.array(attachmentSchema).optional(),
	action: z.object({ payload: z.string(), title: z.string().optional() }).optional(),
	status: z.enum(DELIVERY_STATUSES).optional(),
	error: z.object({ code: z.union([z.string(), z.number()]), message: z.string() }).optional(),
	thread: z
		.object({ messageId: z.string().optional(), inReplyTo: z.string().optional(), references: z.array(z.string()).optional() })
		.optional(),
	raw: z.unknown().optional(),
});

export type CanonicalEvent = z.infer<typeof canonicalEventSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;

/** The identities that describe the customer of an event: the sender when inbound, the recipient when outbound. */
export function customerIdentities(event: CanonicalEvent) {
	return event.direction === 'inbound' ? event.from.identities : (event.to.identities ?? []);
}

/** How an event is told apart from every other: recorded once per channel and provider id. */
export function eventKey(event: { channel: string; externalId: string }): string {
	return `${event.channel}:${event.externalId}`;
}
