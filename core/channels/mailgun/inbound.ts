import { createHash } from 'node:crypto';
import type { Attachment, CanonicalEvent } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { attachmentTypeForMime } from '../shared/attachment-type';
import { normalizeEmail, parseMailbox } from '../shared/email-address';
import { emailText } from '../shared/email-text';
import { emailThread } from '../shared/email-thread';
import { boundedBodyText } from '../shared/body-text';
import { parseFormBody } from '../shared/form-body';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { PayloadError } from '../shared/payload-error';
import { dateTextToIso, nowIso, unixSecondsToIso } from '../shared/unix-time';
import { readRouteFields, type RouteFields } from './route-fields';
import { verifyMailgunSignature } from './signature';

type Fields = Record<string, string>;

const EXPECTED = 'a Mailgun route forward post (form fields from, sender, recipient, subject, body-plain, timestamp, token, signature)';

/** A file of a multipart post, as the node describes it; Mailgun sends attachments as multipart files attachment-1…N. */
export interface MailgunFile {
	filename?: string;
	mimeType?: string;
}

/** A MIME header of the email: its own field when Mailgun sends one, else from message-headers. */
function header(route: RouteFields, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const direct = Object.keys(route.fields).find((key) => key.toLowerCase() === wanted);
	if (direct && route.fields[direct] !== '') return route.fields[direct];
	return route.headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** The store() notification lists attachments with their download URLs. */
function storedAttachments(route: RouteFields): Attachment[] {
	return route.stored.map((item) => ({
		type: attachmentTypeForMime(item['content-type']),
		...(item.url ? { url: item.url } : {}),
		...(item['content-type'] ? { mimeType: item['content-type'] } : {}),
		...(item.name ? { filename: item.name } : {}),
	}));
}

/** Without a Message-Id, a hash of what identifies the email, so that a redelivery gets the same id. */
function fallbackId(route: RouteFields): string {
	const { fields } = route;
	const basis = [fields.from, fields.subject, header(route, 'Date'), fields['body-plain']].join('\n');
	return `sha256-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

/**
 * One inbound email from Mailgun's route fields: from an urlencoded body (the adapter's
 * parse) or from multipart fields the node parsed, with the files it received. The
 * externalId is the Message-Id without angle brackets; `text` is the subject, a blank
 * line, then stripped-text (or body-plain without quoted history).
 */
export function mailgunMessageEvent(fields: Fields, files: MailgunFile[] = [], options?: ParseOptions): CanonicalEvent {
	const route = readRouteFields(fields);
	const mailbox = parseMailbox(fields.from) ?? parseMailbox(header(route, 'From'));
	const email = mailbox?.email ?? normalizeEmail(fields.sender);
	if (!email && !fields.sender && !fields.from) throw new PayloadError('Mailgun', `the form has no from or sender field; expected ${EXPECTED}`);
	const messageId = header(route, 'Message-Id');
	const externalId = messageId?.trim().replace(/^<|>$/g, '') || fallbackId(route);
	const account = normalizeEmail((fields.recipient ?? '').split(',')[0]);
	const event: CanonicalEvent = {
		id: `email:${externalId}`,
		type: 'message',
		channel: 'email',
		provider: 'mailgun',
		direction: 'inbound',
		externalId,
		timestamp: dateTextToIso(header(route, 'Date')) ?? unixSecondsToIso(fields.timestamp) ?? nowIso(),
		from: { identities: email ? [{ kind: 'email', value: email }] : [], ...(mailbox?.name ? { name: mailbox.name } : {}) },
		to: account ? { account } : {},
		...(options?.includeRaw ? { raw: fields } : {}),
	};
	const text = emailText(fields.subject, fields['stripped-text'], fields['body-plain']);
	if (text) event.text = text;
	const attachments = [
		...storedAttachments(route),
		...files.map((file) => ({
			type: attachmentTypeForMime(file.mimeType),
			...(file.filename ? { filename: file.filename } : {}),
			...(file.mimeType ? { mimeType: file.mimeType } : {}),
		})),
	];
	if (attachments.length > 0) event.attachments = attachments;
	const thread = emailThread({ messageId, inReplyTo: header(route, 'In-Reply-To'), references: header(route, 'References') });
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
		const text = boundedBodyText(body, 'Mailgun', INBOUND_LIMITS.mailgun.bodyBytes);
		if (/^\s*[{[<]/.test(text) || /^\s*--/.test(text)) {
			throw new PayloadError('Mailgun', `the request body is not form encoded (JSON, XML or multipart); expected ${EXPECTED}`);
		}
		const { fields } = parseFormBody(text);
		if (!('body-plain' in fields) && !('stripped-text' in fields) && !('subject' in fields)) {
			throw new PayloadError('Mailgun', `the form has no body-plain, stripped-text or subject; expected ${EXPECTED}`);
		}
		return [mailgunMessageEvent(fields, [], options)];
	},
	verify: verifyMailgunSignature,
};
