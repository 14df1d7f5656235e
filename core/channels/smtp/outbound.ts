import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { CanonicalEvent } from '../../model';
import { outboundEvent } from '../outbound-event';
import { attachmentTypeForMime } from '../shared/attachment-type';
import { normalizeEmail } from '../shared/email-address';
import { emailContent } from '../shared/email-text';
import { oneClickUnsubscribeHeaders } from '../../consent/unsubscribe-link';
import { smtpTransportOptions, type SmtpConfig } from './config';
import { smtpProviderError } from './errors';
import { angleMessageId, bareMessageId, newMessageId, replyReferences } from './message-id';

/** A file to attach, already read into memory. */
export interface EmailAttachmentFile {
	filename: string;
	mimeType?: string;
	content: Buffer;
}

/** One email to send. Addresses may be bare or with a display name; several are separated by commas. */
export interface OutboundEmail {
	/** Defaults to the account's default From. */
	from?: string;
	to: string;
	cc?: string;
	bcc?: string;
	replyTo?: string;
	subject?: string;
	text?: string;
	html?: string;
	/** The Message-ID of the email this one answers (the customer's), with or without angle brackets. */
	inReplyTo?: string;
	/** The thread's References so far; the replied Message-ID is appended. */
	references?: string | string[];
	attachments?: EmailAttachmentFile[];
	/** A one-click unsubscribe link (see core/consent/unsubscribe-link): sent as List-Unsubscribe with List-Unsubscribe-Post (RFC 8058). */
	unsubscribeUrl?: string;
}

interface ParsedAddress {
	address?: string;
	name?: string;
	group?: ParsedAddress[];
}

/** The normalized addresses of an address list (`"Silva, Maria" <maria@x>, ana@y`), groups flattened. */
function addressList(value: string | undefined): string[] {
	const flatten = (entries: ParsedAddress[]): string[] =>
		entries.flatMap((entry) => (entry.group ? flatten(entry.group) : entry.address ? [entry.address] : []));
	const parsed = flatten(addressparser(value ?? '') as ParsedAddress[]);
	return [...new Set(parsed.map((address) => normalizeEmail(address)).filter((address): address is string => !!address))];
}

/**
 * Headers written exactly as given: a URL has no place to fold, and mail programs compare the
 * List-Unsubscribe-Post value byte for byte.
 */
function preparedHeaders(headers: Record<string, string>): Record<string, { prepared: true; value: string }> {
	return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { prepared: true, value }]));
}

/**
 * Sends email over one SMTP account with nodemailer. Each send gets our own Message-ID
 * (`<uuid@from-domain>`) and, for a reply, In-Reply-To and References so the customer's
 * mail program keeps it in the same thread. The result is the canonical outbound event
 * of what was sent, for the customer's history. Failures are ProviderErrors with a hint.
 */
export class SmtpSender {
	private readonly transporter: Transporter;

	constructor(private readonly config: SmtpConfig) {
		this.transporter = nodemailer.createTransport(smtpTransportOptions(config));
	}

	/** Connects, upgrades to TLS and authenticates, without sending anything (the credential test). */
	async verify(): Promise<void> {
		try {
			await this.transporter.verify();
		} catch (error) {
			throw smtpProviderError(error);
		}
	}

	async send(email: OutboundEmail): Promise<CanonicalEvent> {
		const fromHeader = (email.from ?? '').trim() || (this.config.defaultFrom ?? '').trim();
		const from = addressList(fromHeader)[0];
		if (!from) throw new Error('No valid From address: fill "From" in the node or "Default From" in the SMTP credential');
		const to = addressList(email.to);
		if (to.length === 0) throw new Error(`No valid recipient address in To ("${email.to}")`);
		if (!email.text?.trim() && !email.html?.trim()) throw new Error('The email has no content: fill Text, HTML or both');

		const messageId = newMessageId(from);
		const inReplyTo = angleMessageId(email.inReplyTo);
		const references = replyReferences(email.references, inReplyTo);
		const attachments = email.attachments ?? [];
		try {
			await this.transporter.sendMail({
				from: fromHeader,
				to: email.to,
				...(email.cc?.trim() ? { cc: email.cc } : {}),
				...(email.bcc?.trim() ? { bcc: email.bcc } : {}),
				...(email.replyTo?.trim() ? { replyTo: email.replyTo } : {}),
				subject: email.subject ?? '',
				...(email.text?.trim() ? { text: email.text } : {}),
				...(email.html?.trim() ? { html: email.html } : {}),
				messageId,
				...(inReplyTo ? { inReplyTo } : {}),
				...(references.length > 0 ? { references } : {}),
				...(email.unsubscribeUrl ? { headers: preparedHeaders(oneClickUnsubscribeHeaders(email.unsubscribeUrl)) } : {}),
				attachments: attachments.map((file) => ({
					filename: file.filename,
					content: file.content,
					...(file.mimeType ? { contentType: file.mimeType } : {}),
				})),
			});
		} catch (error) {
			throw smtpProviderError(error);
		}

		const externalId = bareMessageId(messageId);
		const event = outboundEvent({
			channel: 'email',
			provider: 'smtp',
			externalId,
			account: from,
			identities: to.map((value) => ({ kind: 'email', value })),
			thread: { messageId, ...(inReplyTo ? { inReplyTo } : {}), ...(references.length > 0 ? { references } : {}) },
		});
		Object.assign(event, emailContent(email.subject, email.text, undefined));
		if (attachments.length > 0) {
			event.attachments = attachments.map((file) => ({
				type: attachmentTypeForMime(file.mimeType),
				filename: file.filename,
				...(file.mimeType ? { mimeType: file.mimeType } : {}),
			}));
		}
		return event;
	}

	close(): void {
		this.transporter.close();
	}
}
