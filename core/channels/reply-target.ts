import { customerIdentities, type CanonicalEvent, type IdentityKind } from '../model';

/** The senders a reply can go out through; each is one provider's account. */
export type ReplyRoute = 'whatsappCloud' | 'evolution' | 'messenger' | 'instagram' | 'telegram' | 'twilio' | 'email';

/** Where and how to answer one event, on the channel and account it came from. */
export interface ReplyTarget {
	route: ReplyRoute;
	/** The customer as the route's sender takes it: a phone, a scoped id, a chat id, an address. */
	recipient: string;
	/** Our account the event reached (phone number id, instance, number): the reply leaves from it. */
	account?: string;
	/** Twilio: the conversation is on WhatsApp, not SMS. */
	whatsapp?: boolean;
	/** E-mail: the subject and threading that keep the reply in the customer's thread. */
	email?: { subject: string; inReplyTo?: string; references?: string[] };
}

/** The event can't be answered on its channel; the message says why and what to do instead. */
export class ReplyError extends Error {}

function identity(event: CanonicalEvent, ...kinds: IdentityKind[]): string | undefined {
	const identities = customerIdentities(event);
	for (const kind of kinds) {
		const found = identities.find((candidate) => candidate.kind === kind);
		if (found) return found.value;
	}
	return undefined;
}

function required(value: string | undefined, event: CanonicalEvent, what: string): string {
	if (!value) throw new ReplyError(`This ${event.channel} event has no ${what} to reply to`);
	return value;
}

/** "Re: <subject>", from the inbound e-mail's subject ("Re:" alone when it had none). */
function replySubject(event: CanonicalEvent): string {
	const subject = (event.subject ?? '').trim();
	return /^re:/i.test(subject) ? subject : `Re: ${subject}`.trim();
}

/**
 * Decides how to answer an event on the channel it came from: the provider's sender, the
 * customer's address there, and the account to send from, so one flow serves every channel.
 */
export function replyTarget(event: CanonicalEvent): ReplyTarget {
	if (event.type === 'status') throw new ReplyError('This is a delivery status, not something the customer sent: keep statuses away from the Reply node');
	const account = event.account;
	switch (event.provider) {
		case 'meta':
			if (event.channel === 'messenger') return { route: 'messenger', recipient: required(identity(event, 'messenger'), event, 'Messenger user'), account };
			if (event.channel === 'instagram') return { route: 'instagram', recipient: required(identity(event, 'instagram'), event, 'Instagram user'), account };
			return { route: 'whatsappCloud', recipient: required(identity(event, 'phone', 'whatsapp_bsuid'), event, 'WhatsApp sender'), account };
		case 'evolution':
			// A sender known only by a LID is answered on that LID's chat.
			return { route: 'evolution', recipient: required(identity(event, 'phone', 'external'), event, 'WhatsApp sender'), account };
		case 'telegram': {
			// Message ids are "<chat id>:<message id>": answer in the chat, which is the group for group messages.
			const chat = /^(-?\d+):\d+/.exec(event.externalId)?.[1];
			return { route: 'telegram', recipient: required(chat ?? identity(event, 'telegram'), event, 'Telegram chat'), account };
		}
		case 'twilio':
			if (event.channel === 'voice') throw new ReplyError('A call cannot be answered with a message: send an SMS with the Omnichannel Twilio node instead');
			return { route: 'twilio', recipient: required(identity(event, 'phone'), event, 'phone number'), account, whatsapp: event.channel === 'whatsapp' };
		case 'postmark':
		case 'mailgun':
		case 'smtp':
			return {
				route: 'email',
				recipient: required(identity(event, 'email'), event, 'e-mail address'),
				email: { subject: replySubject(event), inReplyTo: event.thread?.messageId ?? event.externalId, references: event.thread?.references },
			};
		default:
			throw new ReplyError(`Replies on ${event.channel} (${event.provider}) are not supported yet`);
	}
}
