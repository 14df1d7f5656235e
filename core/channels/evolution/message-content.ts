import type { Attachment, CanonicalEvent } from '../../model';
import { asText, isRecord } from '../shared/json-body';

type Json = Record<string, unknown>;

/** What a WhatsApp message (Baileys' `message` object) says, as canonical fields. */
export interface EvolutionContent {
	type: Extract<CanonicalEvent['type'], 'message' | 'action'>;
	text?: string;
	attachments?: Attachment[];
	action?: { payload: string; title?: string };
	/** The id of the message this one quotes (contextInfo.stanzaId). */
	quotedId?: string;
}

/** Containers that wrap the real message: disappearing, view-once, documents with a caption. */
const WRAPPERS = ['ephemeralMessage', 'viewOnceMessage', 'viewOnceMessageV2', 'viewOnceMessageV2Extension', 'documentWithCaptionMessage'];

function unwrap(message: Json): Json {
	let current = message;
	for (let depth = 0; depth < 4; depth++) {
		const wrapper = WRAPPERS.find((name) => isRecord(current[name]) && isRecord((current[name] as Json).message));
		if (!wrapper) return current;
		current = (current[wrapper] as Json).message as Json;
	}
	return current;
}

const MEDIA: Record<string, string> = {
	imageMessage: 'image',
	videoMessage: 'video',
	ptvMessage: 'video',
	audioMessage: 'audio',
	documentMessage: 'document',
	stickerMessage: 'sticker',
};

function mediaAttachment(type: string, media: Json, mediaId: string | undefined, mediaUrl: string | undefined): Attachment {
	const attachment: Attachment = { type };
	const url = mediaUrl ?? asText(media.url);
	if (url) attachment.url = url;
	if (mediaId) attachment.mediaId = mediaId;
	const mimeType = asText(media.mimetype);
	if (mimeType) attachment.mimeType = mimeType;
	const caption = asText(media.caption);
	if (caption) attachment.caption = caption;
	const filename = asText(media.fileName) ?? asText(media.title);
	if (filename && type === 'document') attachment.filename = filename;
	return attachment;
}

function actionContent(message: Json): EvolutionContent | undefined {
	const buttons = message.buttonsResponseMessage;
	if (isRecord(buttons) && asText(buttons.selectedButtonId)) {
		const title = asText(buttons.selectedDisplayText);
		return { type: 'action', action: { payload: asText(buttons.selectedButtonId)!, ...(title ? { title } : {}) } };
	}
	const list = message.listResponseMessage;
	if (isRecord(list) && isRecord(list.singleSelectReply) && asText(list.singleSelectReply.selectedRowId)) {
		const title = asText(list.title);
		return { type: 'action', action: { payload: asText(list.singleSelectReply.selectedRowId)!, ...(title ? { title } : {}) } };
	}
	const template = message.templateButtonReplyMessage;
	if (isRecord(template) && asText(template.selectedId)) {
		const title = asText(template.selectedDisplayText);
		return { type: 'action', action: { payload: asText(template.selectedId)!, ...(title ? { title } : {}) } };
	}
	const interactive = message.interactiveResponseMessage;
	if (isRecord(interactive) && isRecord(interactive.nativeFlowResponseMessage)) {
		let payload = asText(interactive.nativeFlowResponseMessage.paramsJson);
		try {
			const params: unknown = JSON.parse(payload ?? '');
			if (isRecord(params) && asText(params.id)) payload = asText(params.id);
		} catch {
			// not JSON: the raw paramsJson is the payload
		}
		const title = isRecord(interactive.body) ? asText(interactive.body.text) : undefined;
		if (payload) return { type: 'action', action: { payload, ...(title ? { title } : {}) } };
	}
	return undefined;
}

function placeOrContact(message: Json): Attachment | undefined {
	const location = isRecord(message.locationMessage) ? message.locationMessage : isRecord(message.liveLocationMessage) ? message.liveLocationMessage : undefined;
	if (location && typeof location.degreesLatitude === 'number' && typeof location.degreesLongitude === 'number') {
		const caption = [asText(location.name), asText(location.address)].filter(Boolean).join(', ');
		return { type: 'location', url: `geo:${location.degreesLatitude},${location.degreesLongitude}`, ...(caption ? { caption } : {}) };
	}
	const contact = message.contactMessage;
	if (isRecord(contact)) {
		const waid = /waid=(\d+)/.exec(asText(contact.vcard) ?? '')?.[1];
		const name = asText(contact.displayName);
		return { type: 'contact', ...(waid ? { url: `tel:+${waid}` } : {}), ...(name ? { caption: name } : {}) };
	}
	return undefined;
}

function quotedId(message: Json, contextInfo: unknown): string | undefined {
	const inner = Object.values(message).find((part) => isRecord(part) && isRecord(part.contextInfo)) as Json | undefined;
	const context = isRecord(contextInfo) ? contextInfo : (inner?.contextInfo as Json | undefined);
	return context ? asText(context.stanzaId) : undefined;
}

/**
 * Reads text (conversation, extendedTextMessage), media (image, video, audio, document,
 * sticker: url, mimetype, caption, fileName; `mediaId` is the message id, which Evolution's
 * getBase64FromMediaMessage takes), location, contact and button/list replies (type
 * `action`). Reactions, deletions, edits, polls and protocol messages yield nothing.
 */
export function evolutionContent(data: Json, messageId: string | undefined): EvolutionContent | undefined {
	if (!isRecord(data.message)) return undefined;
	const message = unwrap(data.message);
	const quoted = quotedId(message, data.contextInfo);
	const withQuote = (content: EvolutionContent): EvolutionContent => (quoted ? { ...content, quotedId: quoted } : content);
	const action = actionContent(message);
	if (action) return withQuote(action);
	const mediaUrl = asText(message.mediaUrl);
	for (const [field, type] of Object.entries(MEDIA)) {
		const media = message[field];
		if (isRecord(media)) {
			const attachment = mediaAttachment(type, media, messageId, mediaUrl);
			return withQuote({ type: 'message', attachments: [attachment], ...(attachment.caption ? { text: attachment.caption } : {}) });
		}
	}
	const text = asText(message.conversation) ?? (isRecord(message.extendedTextMessage) ? asText(message.extendedTextMessage.text) : undefined);
	if (text) return withQuote({ type: 'message', text });
	const place = placeOrContact(message);
	return place ? withQuote({ type: 'message', attachments: [place] }) : undefined;
}
