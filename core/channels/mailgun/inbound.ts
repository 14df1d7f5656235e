import { createHash } from 'node:crypto';
import type { Attachment, CanonicalEvent } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { attachmentTypeForMime } from '../shared/attachment-type';
import { normalizeEmail, parseMailbox } from '../shared/email-address';
import { emailText } from '../shared/email-text';
import { emailThread } from '../shared/email-thread';
import { parseFormBody } from '../shared/form-body';
import { dateTextToIso, nowIso, unixSecondsToIso } from '../shared/unix-time';
import { verifyMailgunSignature } from './signature';

type Fields = Record<string, string>;

const EXPECTED = 'a Mailgun route forward post (form fields from, sender, recipient, subject, body-plain, timestamp, token, signature)';

/** A file of a multipart post, as the node describes it; Mailgun sends attachments as multipart files attachment-1…N. */
export interface MailgunFile {
	filename?: string;
	mimeType?: string;
}

/** A MIME header of the email: its own field when Mailgun sends one, else from message-headers (a JSON list of [name, value]). */
function header(fields: Fields, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const direct = Object.keys(fields).find((key) => key.toLowerCase() === wanted);
	if (direct && fields[direct] !== '') return fields[direct];
	try {
		const list: unknown = JSON.parse(fields['message-headers'] ?? '[]');
		if (!Array.isArray(list)) return undefined;
		const found = list.find((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && pair[0].toLowerCase() === wanted);
		return found && typeof found[1] === 'string' ? found[1] : undefined;
	} catch {
		return undefined;
	}
}

/** The store() notification lists attachments as JSON with their download URLs. */
function storedAttachments(fields: Fields): Attachment[] {
	try {
		const list: unknown = JSON.parse(fields.attachments ?? '[]');
		if (!Array.isArray(list)) return [];
		return list
			.filter((item) => item && typeof item === 'object')
			.map((item: Record<string, unknown>) => {
				const mimeType = typeof item['content-type'] === 'string' ? item['content-type'] : undefined;
				return {
					type: attachmentTypeForMime(mimeType),
					...(typeof item.url === 'string' ? { url: item.url } : {}),
					...(mimeType ? { mimeType } : {}),
					...(typeof item.name === 'string' ? { filename: item.name } : {}),
				};
			});
	} catch {
		return [];
	}
}

/** Without a Message-Id, a hash of what identifies the email, so that a redelivery gets the same id. */
function fallbackId(fields: Fields): string {
	const basis = [fields.from, fields.subject, header(fields, 'Date'), fields['body-plain']].join('\n');
	return `sha256-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

/**
 * One inbound email from Mailgun's route fields: from an urlencoded body (the adapter's
 * parse) or from multipart fields the node parsed, with the files it received. The
 * externalId is the Message-Id without angle brackets; `text` is the subject, a blank
 * line, then stripped-text (or body-plain without quoted history).
 */
export function mailgunMessageEvent(fields: Fields, files: MailgunFile[] = [], options?: ParseOptions): CanonicalEvent {
	const mailbox = parseMailbox(fields.from) ?? parseMailbox(header(fields, 'From'));
	const email = mailbox?.email ?? normalizeEmail(fields.sender);
	if (!email && !fields.sender && !fields.from) throw new Error(`Mailgun: the form has no from or sender field; expected ${EXPECTED}`);
	const messageId = header(fields, 'Message-Id');
	const externalId = messageId?.trim().replace(/^<|>$/g, '') || fallbackId(fields);
	const account = normalizeEmail((fields.recipient ?? '').split(',')[0]);
	const event: CanonicalEvent = {
		id: `email:${externalId}`,
		type: 'message',
		channel: 'email',
		provider: 'mailgun',
		direction: 'inbound',
		externalId,
		timestamp: dateTextToIso(header(fields, 'Date')) ?? unixSecondsToIso(fields.timestamp) ?? nowIso(),
		from: { identities: email ? [{ kind: 'email', value: email }] : [], ...(mailbox?.name ? { name: mailbox.name } : {}) },
		to: account ? { account } : {},
		...(options?.includeRaw ? { raw: fields } : {}),
	};
	const text = emailText(fields.subject, fields['stripped-text'], fields['body-plain']);
	if (text) event.text = text;
	const attachments = [
		...storedAttachments(fields),
		...files.map((file) => ({
			type: attachmentTypeForMime(file.mimeType),
			...(file.filename ? { filename: file.filename } : {}),
			...(file.mimeType ? { mimeType: file.mimeType } : {}),
		})),
	];
	if (attachments.length > 0) event.attachments = attachments;
	const thread = emailThread({ messageId, inReplyTo: header(fields, 'In-Reply-To'), references: header(fields, 'References') });
	if (thread) event.thread = thread;
	return event;
}

/**
 * Mailgun inbound routes (forward() to a URL, "fully parsed" format). Emails with
 * attachments arrive as multipart/form-data, which the node parses; it then calls
 * mailgunMessageEvent and verifyMailgunFields with the fields it got.
 */
export const mailgunInbound: InboundAdapter = {
	name: 'mailgun',
	bodyFormat: 'form',
	parse(body, options) {
		const text = typeof body === 'string' ? body : body.toString('utf8');
		if (/^\s*[{[<]/.test(text) || /^\s*--/.test(text)) {
			throw new Error(`Mailgun: the request body is not form encoded (JSON, XML or multipart); expected ${EXPECTED}`);
		}
		const { fields } = parseFormBody(text);
		if (!('body-plain' in fields) && !('stripped-text' in fields) && !('subject' in fields)) {
			throw new Error(`Mailgun: the form has no body-plain, stripped-text or subject; expected ${EXPECTED}`);
		}
		return [mailgunMessageEvent(fields, [], options)];
	},
	verify: verifyMailgunSignature,
};
