import type { Attachment, CanonicalEvent } from '../../model';
import type { InboundAdapter } from '../types';
import { attachmentTypeForMime } from '../shared/attachment-type';
import { normalizeEmail, parseMailbox } from '../shared/email-address';
import { emailThread } from '../shared/email-thread';
import { emailText } from '../shared/email-text';
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
 * identity (trimmed, lower-cased) named by FromFull.Name; `to.account` is the address it was
 * sent to. `text` is the subject, a blank line, then the reply without quoted history
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
		const event: CanonicalEvent = {
			id: `email:${inbound.MessageID}`,
			type: 'message',
			channel: 'email',
			provider: 'postmark',
			direction: 'inbound',
			externalId: inbound.MessageID,
			timestamp: dateTextToIso(inbound.Date) ?? dateTextToIso(postmarkHeader(inbound, 'Date')) ?? nowIso(),
			from: { identities: email ? [{ kind: 'email', value: email }] : [], ...(name ? { name } : {}) },
			to: account ? { account } : {},
			...(options?.includeRaw ? { raw: inbound } : {}),
		};
		const text = emailText(inbound.Subject, inbound.StrippedTextReply, inbound.TextBody);
		if (text) event.text = text;
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
