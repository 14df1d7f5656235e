import type { CanonicalEvent } from '../../model';
import type { OutboundDefinition, ReplyTarget } from '../outbound-types';
import { customerIdentity, requiredAddress } from '../reply-address';
import type { OutboundEmail } from './outbound';

/** An SMTP account that sends (an SmtpSender, or anything that sends the same way). */
export interface EmailConnection {
	mailer: { send(email: OutboundEmail): Promise<CanonicalEvent> };
}

/** "Re: <subject>", from the inbound e-mail's subject ("Re:" alone when it had none). */
function replySubject(event: CanonicalEvent): string {
	const subject = (event.subject ?? '').trim();
	return /^re:/i.test(subject) ? subject : `Re: ${subject}`.trim();
}

/** E-mail over SMTP: no window, no limits of its own (each mail provider sets its own), replies kept in the customer's thread. */
export const emailOutbound: OutboundDefinition<EmailConnection> = {
	route: 'email',
	label: 'E-mail (SMTP)',
	answers: [{ provider: 'postmark' }, { provider: 'mailgun' }, { provider: 'smtp' }],
	capabilities: { text: { unit: 'characters' }, media: [], mediaCaption: false, templates: false, buttons: false },
	sessionWindows: {},
	rateLimits: [],
	replyTarget: (event): ReplyTarget => ({
		route: 'email',
		recipient: requiredAddress(customerIdentity(event, 'email'), event, 'e-mail address'),
		email: { subject: replySubject(event), inReplyTo: event.thread?.messageId ?? event.externalId, references: event.thread?.references },
	}),
	send: {
		text: async ({ mailer }, message) =>
			await mailer.send({ from: message.account, to: message.recipient, subject: message.email?.subject, text: message.text, inReplyTo: message.email?.inReplyTo, references: message.email?.references }),
	},
};
