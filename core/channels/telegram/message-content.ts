import type { Attachment, Identity } from '../../model';
import { normalizePhone } from '../../identity/phone';
import type { TelegramFile, TelegramMessage } from './types';

export interface TelegramContent {
	text?: string;
	attachments: Attachment[];
	/** A phone the sender shared as their own contact (Telegram checks it is theirs). */
	ownPhone?: Identity;
}

/** The largest size of a photo (Telegram sends every size, smallest first). */
function largestPhoto(sizes: TelegramFile[]): TelegramFile | undefined {
	const area = (file: TelegramFile) => file.file_size ?? (file.width ?? 0) * (file.height ?? 0);
	return sizes.reduce<TelegramFile | undefined>((best, size) => (!best || area(size) >= area(best) ? size : best), undefined);
}

function fileAttachment(type: string, file: TelegramFile, caption?: string): Attachment {
	const attachment: Attachment = { type, mediaId: file.file_id };
	if (file.mime_type) attachment.mimeType = file.mime_type;
	if (file.file_name) attachment.filename = file.file_name;
	if (caption) attachment.caption = caption;
	return attachment;
}

function mediaAttachment(message: TelegramMessage): Attachment | undefined {
	const caption = message.caption;
	if (message.photo && message.photo.length > 0) {
		const photo = largestPhoto(message.photo);
		return photo ? fileAttachment('image', photo, caption) : undefined;
	}
	// An animation (GIF) also carries a `document`; it is a video.
	if (message.animation) return fileAttachment('video', message.animation, caption);
	if (message.video) return fileAttachment('video', message.video, caption);
	if (message.video_note) return fileAttachment('video', message.video_note, caption);
	if (message.voice) return fileAttachment('audio', message.voice, caption);
	if (message.audio) return fileAttachment('audio', message.audio, caption);
	if (message.document) return fileAttachment('document', message.document, caption);
	if (message.sticker) {
		const sticker = fileAttachment('sticker', message.sticker);
		if (message.sticker.emoji) sticker.caption = message.sticker.emoji;
		return sticker;
	}
	return undefined;
}

function placeAttachment(message: TelegramMessage): Attachment | undefined {
	const location = message.venue?.location ?? message.location;
	if (!location) return undefined;
	const attachment: Attachment = { type: 'location', url: `geo:${location.latitude},${location.longitude}` };
	const caption = [message.venue?.title, message.venue?.address].filter(Boolean).join(', ');
	if (caption) attachment.caption = caption;
	return attachment;
}

/**
 * The text and attachments of a Telegram message. Media are referenced by `file_id`
 * (`mediaId`, downloadable with getFile); a location is a `geo:` URI; a shared contact is
 * a `contact` attachment whose url is a `tel:` URI.
 */
export function telegramContent(message: TelegramMessage): TelegramContent {
	const content: TelegramContent = { attachments: [] };
	const text = message.text ?? message.caption;
	if (text) content.text = text;
	const media = mediaAttachment(message);
	if (media) content.attachments.push(media);
	const place = placeAttachment(message);
	if (place) content.attachments.push(place);
	if (message.contact) {
		const digits = message.contact.phone_number.replace(/[^\d+]/g, '');
		const phone = normalizePhone(digits.startsWith('+') ? digits : `+${digits}`);
		const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ');
		const contact: Attachment = { type: 'contact', url: `tel:${phone.ok ? phone.value : digits}` };
		if (name) contact.caption = name;
		content.attachments.push(contact);
		if (phone.ok && message.from && message.contact.user_id === message.from.id) {
			content.ownPhone = { kind: 'phone', value: phone.value };
		}
	}
	return content;
}
