import type { Attachment, CanonicalEvent } from '../../model';
import { asText, isRecord, objects, type JsonObject } from '../shared/json-body';
import { withoutUndefined } from '../shared/without-undefined';

/**
 * What a WhatsApp Cloud API message says, in canonical terms: its event type, text,
 * attachments and action. Decisions:
 * - Media (image, audio, video, document, sticker) becomes an attachment with `mediaId`,
 *   `mimeType`, `caption` and `filename`, never a `url`: Cloud API media is downloaded by
 *   id with the access token. The caption is also the event's text, so routing on words
 *   works the same for captioned media.
 * - A location becomes an attachment of type "location" whose url is a `geo:lat,long` URI
 *   (RFC 5870) and whose caption is the place name; the text summarises it.
 * - Shared contact cards become attachments of type "contact" (caption: the name) and a
 *   text listing names, phones and e-mails. They are not the sender's identities.
 * - Button replies, list replies, Flow replies (`nfm_reply`) and legacy template `button`
 *   taps become actions (payload: the id or payload, title: what the customer saw).
 * - A reaction becomes an action with payload "reaction" (or "reaction_removed" when the
 *   customer takes it back), the emoji as title and text, and the reacted message in
 *   `thread.inReplyTo`: routers can tell it apart from a new message, history keeps it.
 * - Any other type (unsupported, order, system, a type added after this was written) is
 *   kept as a message whose text notes what it was, never dropped.
 */
export interface MessageContent {
	type: CanonicalEvent['type'];
	text?: string;
	attachments?: Attachment[];
	action?: { payload: string; title?: string };
	error?: { code: string | number; message: string };
	inReplyTo?: string;
}

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;

function media(type: string, body: JsonObject): MessageContent {
	const caption = asText(body.caption);
	const attachment: Attachment = withoutUndefined({
		type,
		mediaId: asText(body.id),
		mimeType: asText(body.mime_type),
		caption,
		filename: asText(body.filename),
	});
	return withoutUndefined({ type: 'message' as const, text: caption, attachments: [attachment] });
}

function location(body: JsonObject): MessageContent {
	const latitude = typeof body.latitude === 'number' ? body.latitude : Number(body.latitude);
	const longitude = typeof body.longitude === 'number' ? body.longitude : Number(body.longitude);
	const hasPoint = Number.isFinite(latitude) && Number.isFinite(longitude);
	const name = asText(body.name);
	const address = asText(body.address);
	const place = [name, address].filter(Boolean).join(', ');
	const point = hasPoint ? `${latitude}, ${longitude}` : undefined;
	const summary = place && point ? `${place} (${point})` : place || point || 'unknown place';
	const attachment: Attachment = withoutUndefined({
		type: 'location',
		url: hasPoint ? `geo:${latitude},${longitude}` : asText(body.url),
		caption: name ?? address,
	});
	return { type: 'message', text: `Location: ${summary}`, attachments: [attachment] };
}

function contactCards(cards: JsonObject[]): MessageContent {
	const lines: string[] = [];
	const attachments: Attachment[] = [];
	for (const card of cards) {
		const nameBlock = isRecord(card.name) ? card.name : {};
		const name =
			asText(nameBlock.formatted_name) ??
			([asText(nameBlock.first_name), asText(nameBlock.last_name)].filter(Boolean).join(' ') || 'unnamed contact');
		const phones = objects(card.phones).map((phone) => asText(phone.phone) ?? asText(phone.wa_id)).filter((p): p is string => !!p);
		const emails = objects(card.emails).map((email) => asText(email.email)).filter((e): e is string => !!e);
		const details = [...phones, ...emails];
		lines.push(details.length ? `${name} (${details.join(', ')})` : name);
		attachments.push({ type: 'contact', caption: name });
	}
	const label = cards.length === 1 ? 'Shared contact' : 'Shared contacts';
	return { type: 'message', text: `${label}: ${lines.join('; ') || 'empty card'}`, attachments };
}

function interactive(body: JsonObject): MessageContent {
	const kind = asText(body.type) ?? 'unknown';
	const reply = isRecord(body[kind]) ? (body[kind] as JsonObject) : undefined;
	if ((kind === 'button_reply' || kind === 'list_reply') && reply) {
		const payload = asText(reply.id) ?? asText(reply.title) ?? '';
		const title = asText(reply.title);
		return withoutUndefined({ type: 'action' as const, text: title, action: withoutUndefined({ payload, title }) });
	}
	if (kind === 'nfm_reply' && reply) {
		const payload = asText(reply.response_json) ?? '{}';
		const title = asText(reply.body) ?? asText(reply.name);
		return withoutUndefined({ type: 'action' as const, text: title, action: withoutUndefined({ payload, title }) });
	}
	return { type: 'message', text: `[WhatsApp interactive reply of type "${kind}"]` };
}

function reaction(body: JsonObject): MessageContent {
	const emoji = asText(body.emoji);
	return withoutUndefined({
		type: 'action' as const,
		text: emoji,
		action: emoji ? { payload: 'reaction', title: emoji } : { payload: 'reaction_removed' },
		inReplyTo: asText(body.message_id),
	});
}

/** The first error Meta attached to a message or status, as `{ code, message }` (title, then details). */
export function firstError(value: unknown): MessageContent['error'] {
	const [error] = objects(value);
	if (!error) return undefined;
	const code = typeof error.code === 'number' ? error.code : (asText(error.code) ?? 'unknown');
	const title = asText(error.title) ?? asText(error.message);
	const details = isRecord(error.error_data) ? asText(error.error_data.details) : undefined;
	const message = [title, details && details !== title ? details : undefined].filter(Boolean).join(': ');
	return { code, message: message || `WhatsApp error ${code}` };
}

function unknownType(type: string, message: JsonObject): MessageContent {
	const error = firstError(message.errors);
	const inner = isRecord(message[type]) ? (message[type] as JsonObject) : {};
	const body = asText(inner.body) ?? asText(inner.text);
	if (type === 'unsupported' || type === 'unknown') {
		const why = error ? `: ${error.message}` : '';
		return withoutUndefined({ type: 'message' as const, text: `[Unsupported WhatsApp message${why}]`, error });
	}
	const note = body ? `[WhatsApp ${type} message] ${body}` : `[WhatsApp ${type} message]`;
	return withoutUndefined({ type: 'message' as const, text: note, error });
}

/** Maps one entry of `value.messages[]` (or `value.message_echoes[]`) to canonical content. */
export function messageContent(message: JsonObject): MessageContent {
	const type = asText(message.type) ?? 'unknown';
	const body = isRecord(message[type]) ? (message[type] as JsonObject) : undefined;
	const context = isRecord(message.context) ? message.context : undefined;
	let content: MessageContent;
	if (type === 'text' && body) {
		content = { type: 'message', text: asText(body.body) ?? '' };
	} else if ((MEDIA_TYPES as readonly string[]).includes(type) && body) {
		content = media(type, body);
	} else if (type === 'location' && body) {
		content = location(body);
	} else if (type === 'contacts' && Array.isArray(message.contacts)) {
		content = contactCards(objects(message.contacts));
	} else if (type === 'interactive' && body) {
		content = interactive(body);
	} else if (type === 'button' && body) {
		const title = asText(body.text);
		content = withoutUndefined({ type: 'action' as const, text: title, action: withoutUndefined({ payload: asText(body.payload) ?? title ?? '', title }) });
	} else if (type === 'reaction' && body) {
		content = reaction(body);
	} else {
		content = unknownType(type, message);
	}
	if (!content.inReplyTo && context) content.inReplyTo = asText(context.id);
	if (!content.error) {
		const error = firstError(message.errors);
		if (error) content.error = error;
	}
	return withoutUndefined(content);
}
