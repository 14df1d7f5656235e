import { eventKey, type Attachment, type CanonicalEvent } from '../../model';
import type { InboundAdapter } from '../types';
import { attachmentTypeForMime } from '../shared/attachment-type';
import { normalizeEmail, parseMailbox } from '../shared/email-address';
import { emailThread } from '../shared/email-thread';
import { emailContent } from '../shared/email-text';
import { PayloadError } from '../shared/payload-error';
import { dateTextToIso, nowIso } from '../shared/unix-time';
import { parsePostmarkInbound, postmarkHeader, type PostmarkInbound } from './payload';
import { POSTMARK_AUTHORIZATION_HEADER, verifyPostmarkBasicAuth } from './signature';

/** The address the email was sent to: the original recipient (with its +hash), else the first To. */
function recipient(inbound: PostmarkInbound): string | undefined {
	return normalizeEmail(inbound.OriginalRecipient) ?? normalizeEmail(inbound.ToFull?.[0]?.Email) ?? parseMailbox(inbound.To)?.email;
}

function attachments(inbound: PostmarkInbound): Attachment[] {
	return (inbound.Attachments ?? []).map((file, index) => ({
		type: attachmentTypeForMime(file.ContentType),
		filename: file.Name || `attachment-${index + 1}`,
		...(file.ContentType ? { mimeType: file.ContentType } : {}),
	}));
}

/**
 * Postmark inbound email: one `message` event on channel `email`. The sender is an `email`
 * identity (trimmed, lower-cased) named by FromFull.Name; `account` is our address it was
 * sent to. `subject` is the subject, `text` the reply without quoted history
 * (StrippedTextReply, else TextBody stripped here); threading headers go to `thread`.
 * Attachments carry type, filename and MIME type; their bytes come from postmarkAttachments.
 */
export const postmarkInbound: InboundAdapter = {
	name: 'postmark',
	bodyFormat: 'json',
	signatureHeader: POSTMARK_AUTHORIZATION_HEADER,
	parse(body, options) {
		const inbound = parsePostmarkInbound(body);
		const email = normalizeEmail(inbound.FromFull?.Email) ?? parseMailbox(inbound.From)?.email;
		const name = inbound.FromFull?.Name?.trim() || inbound.FromName?.trim();
		const account = recipient(inbound);
		if (!account) throw new PayloadError('Postmark', 'the email has no OriginalRecipient, ToFull or To address: which of your inboxes it reached is unknown');
		const event: CanonicalEvent = {
			id: eventKey({ channel: 'email', account, externalId: inbound.MessageID }),
			type: 'message',
			channel: 'email',
			provider: 'postmark',
			direction: 'inbound',
			account,
			externalId: inbound.MessageID,
			timestamp: dateTextToIso(inbound.Date) ?? dateTextToIso(postmarkHeader(inbound, 'Date')) ?? nowIso(),
			from: { identities: email ? [{ kind: 'email', value: email }] : [], ...(name ? { name } : {}) },
			to: {},
			...emailContent(inbound.Subject, inbound.StrippedTextReply, inbound.TextBody),
			...(options?.includeRaw ? { raw: inbound } : {}),
		};
		const files = attachments(inbound);
		if (files.length > 0) event.attachments = files;
		const thread = emailThread({
			messageId: postmarkHeader(inbound, 'Message-ID'),
			inReplyTo: postmarkHeader(inbound, 'In-Reply-To'),
			references: postmarkHeader(inbound, 'References'),
		});
		if (thread) event.thread = thread;
		return [event];
	},
	verify: verifyPostmarkBasicAuth,
};
