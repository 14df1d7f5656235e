import type { Attachment, CanonicalEvent } from '../../model';
import type { HttpClient } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import { outboundEvent } from '../outbound-event';
import { ProviderError } from '../provider-error';
import { asText, isRecord } from '../shared/json-body';
import { whatsAppUserIdentities } from './jid';
import { evolutionRecipient, mergeIdentities, type EvolutionRecipient } from './recipient';
import { evolutionSendError, isRetryableEvolutionAnswer } from './send-errors';

const PROVIDER = 'Evolution API';

/** Where to send: the Evolution API v2 server and the instance (our WhatsApp number) on it. */
export interface EvolutionSendConfig {
	/** The server's address, e.g. https://evolution.example.com (no path). */
	baseUrl: string;
	/** The instance name, as in the Evolution manager. */
	instance: string;
	/** Adds Evolution's answer as `raw` to the returned event. */
	includeRaw?: boolean;
	retry?: Partial<RetryPolicy>;
	sleep?: (ms: number) => Promise<void>;
}

/** What every send takes besides its content. */
export interface EvolutionMessageBase {
	/** A phone number in any format, or a WhatsApp JID. */
	to: string;
	/** Two-letter country for phone numbers written without a country code. */
	defaultCountry?: string;
	/** Milliseconds Evolution shows "typing…" before sending. */
	delay?: number;
	/** The id of a message in the chat this one answers (shown as a quote). */
	replyToMessageId?: string;
}

export interface EvolutionTextMessage extends EvolutionMessageBase {
	text: string;
	/** False sends links without a preview card. */
	linkPreview?: boolean;
}

const EVOLUTION_MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;
export type EvolutionMediaType = (typeof EVOLUTION_MEDIA_TYPES)[number];

export interface EvolutionMediaMessage extends EvolutionMessageBase {
	mediaType: EvolutionMediaType;
	/** A public URL, or the file's bytes in base64. */
	media: string;
	caption?: string;
	fileName?: string;
	mimeType?: string;
}

const EVOLUTION_BUTTON_TYPES = ['reply', 'url', 'call', 'copy'] as const;

export interface EvolutionButton {
	type: (typeof EVOLUTION_BUTTON_TYPES)[number];
	displayText: string;
	/** reply: what comes back as the action payload when the customer taps it. */
	id?: string;
	url?: string;
	phoneNumber?: string;
	copyCode?: string;
}

export interface EvolutionButtonsMessage extends EvolutionMessageBase {
	title: string;
	description?: string;
	footer?: string;
	/** An image shown above the text. */
	thumbnailUrl?: string;
	buttons: EvolutionButton[];
}

const isUrl = (value: string) => /^https?:\/\//i.test(value.trim());

function endpoint(config: EvolutionSendConfig, route: string): string {
	const base = String(config.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]/i.test(base)) throw new Error(`The Evolution API Base URL "${config.baseUrl}" is not an http(s) address`);
	if (!String(config.instance ?? '').trim()) throw new Error('No Evolution API instance name: set it in the credential');
	return `${base}/message/${route}/${encodeURIComponent(config.instance.trim())}`;
}

/** The fields Evolution's every send takes: number, delay, quoted. */
function basePayload(message: EvolutionMessageBase, recipient: EvolutionRecipient): Record<string, unknown> {
	const payload: Record<string, unknown> = { number: recipient.number };
	const delay = Number(message.delay ?? 0);
	if (Number.isFinite(delay) && delay > 0) payload.delay = Math.round(delay);
	const quoted = message.replyToMessageId?.trim();
	if (quoted) payload.quoted = { key: { id: quoted } };
	return payload;
}

interface SentContent {
	text?: string;
	attachments?: Attachment[];
}

async function send(
	client: HttpClient,
	config: EvolutionSendConfig,
	route: string,
	message: EvolutionMessageBase,
	recipient: EvolutionRecipient,
	payload: Record<string, unknown>,
	content: SentContent,
): Promise<CanonicalEvent> {
	const instance = config.instance.trim();
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, isRetryable: isRetryableEvolutionAnswer, ...config.retry };
	const response = await sendWithRetry<unknown>(client, { method: 'POST', url: endpoint(config, route), json: payload }, policy, config.sleep);
	if (response.status < 200 || response.status >= 300) throw evolutionSendError(response, instance);
	const key = isRecord(response.body) && isRecord(response.body.key) ? response.body.key : undefined;
	const externalId = asText(key?.id);
	if (!key || !externalId) {
		throw new ProviderError(PROVIDER, 'Evolution API answered without the id of the sent message', {
			status: response.status,
			code: 'NO_MESSAGE_ID',
			hint: 'Check that the Base URL in the credential points at an Evolution API v2 server, not another service.',
			body: response.body,
		});
	}
	// Evolution may answer with the chat's JID as WhatsApp knows it (a LID, or the number
	// without Brazil's ninth digit): joined with the recipient, it links those identities.
	const answered = recipient.identities.length ? whatsAppUserIdentities(key.remoteJid, key.remoteJidAlt) : [];
	const quoted = message.replyToMessageId?.trim();
	const event = outboundEvent({
		channel: 'whatsapp',
		provider: 'evolution',
		externalId,
		account: instance,
		identities: mergeIdentities(recipient.identities, answered),
	});
	if (content.text !== undefined) event.text = content.text;
	if (content.attachments) event.attachments = content.attachments.map((attachment) => ({ ...attachment, mediaId: externalId }));
	if (quoted) event.thread = { inReplyTo: quoted };
	if (config.includeRaw) event.raw = response.body;
	return event;
}

/** Sends a text (POST /message/sendText/{instance}) and returns the outbound event. */
export async function sendEvolutionText(client: HttpClient, config: EvolutionSendConfig, message: EvolutionTextMessage): Promise<CanonicalEvent> {
	const text = String(message.text ?? '');
	if (!text.trim()) throw new Error('The message text is empty');
	const recipient = evolutionRecipient(message.to, message.defaultCountry);
	const payload: Record<string, unknown> = { ...basePayload(message, recipient), text };
	if (message.linkPreview !== undefined) payload.linkPreview = message.linkPreview;
	return await send(client, config, 'sendText', message, recipient, payload, { text });
}

/**
 * Sends an image, video, audio or document (POST /message/sendMedia/{instance}) from a
 * URL Evolution downloads, or from the file's bytes in base64.
 */
export async function sendEvolutionMedia(client: HttpClient, config: EvolutionSendConfig, message: EvolutionMediaMessage): Promise<CanonicalEvent> {
	if (!EVOLUTION_MEDIA_TYPES.includes(message.mediaType)) {
		throw new Error(`"${message.mediaType}" is not a media type Evolution sends (image, video, audio, document)`);
	}
	const media = String(message.media ?? '').trim();
	if (!media) throw new Error('No media: give a URL or a file');
	const fileName = message.fileName?.trim() || undefined;
	if (message.mediaType === 'document' && !fileName && !isUrl(media)) throw new Error('A document sent from a file needs a file name, e.g. invoice.pdf');
	const recipient = evolutionRecipient(message.to, message.defaultCountry);
	const caption = message.caption?.trim() ? message.caption : undefined;
	const mimeType = message.mimeType?.trim() || undefined;
	const payload: Record<string, unknown> = { ...basePayload(message, recipient), mediatype: message.mediaType, media };
	if (mimeType) payload.mimetype = mimeType;
	if (caption) payload.caption = caption;
	if (fileName) payload.fileName = fileName;
	const attachment: Attachment = { type: message.mediaType };
	if (isUrl(media)) attachment.url = media;
	if (mimeType) attachment.mimeType = mimeType;
	if (caption) attachment.caption = caption;
	if (fileName && message.mediaType === 'document') attachment.filename = fileName;
	return await send(client, config, 'sendMedia', message, recipient, payload, { attachments: [attachment], ...(caption ? { text: caption } : {}) });
}

function checkButtons(buttons: EvolutionButton[]): void {
	if (!buttons.length) throw new Error('Add at least one button');
	const replies = buttons.filter((button) => button.type === 'reply').length;
	if (replies > 3) throw new Error('WhatsApp shows at most 3 reply buttons');
	if (replies && replies !== buttons.length) throw new Error('Reply buttons cannot be mixed with link, call or copy buttons in one message');
	buttons.forEach((button, index) => {
		const which = `Button ${index + 1}`;
		if (!EVOLUTION_BUTTON_TYPES.includes(button.type)) throw new Error(`${which} has an unknown type "${button.type}"`);
		if (!button.displayText?.trim()) throw new Error(`${which} has no text`);
		if (button.type === 'reply' && !button.id?.trim()) throw new Error(`${which} is a reply button without an ID`);
		if (button.type === 'url' && !isUrl(button.url ?? '')) throw new Error(`${which} is a link button without an http(s) URL`);
		if (button.type === 'call' && !button.phoneNumber?.trim()) throw new Error(`${which} is a call button without a phone number`);
		if (button.type === 'copy' && !button.copyCode?.trim()) throw new Error(`${which} is a copy button without a code to copy`);
	});
}

/** Only the fields Evolution reads for each button type. */
function buttonPayload(button: EvolutionButton): Record<string, string> {
	const payload: Record<string, string> = { type: button.type, displayText: button.displayText };
	if (button.type === 'reply') payload.id = button.id!.trim();
	if (button.type === 'url') payload.url = button.url!.trim();
	if (button.type === 'call') payload.phoneNumber = button.phoneNumber!.trim();
	if (button.type === 'copy') payload.copyCode = button.copyCode!.trim();
	return payload;
}

/**
 * Sends a message with buttons (POST /message/sendButtons/{instance}): up to 3 reply
 * buttons, whose ID comes back as an `action` event when tapped, or link, call and copy
 * buttons.
 */
export async function sendEvolutionButtons(client: HttpClient, config: EvolutionSendConfig, message: EvolutionButtonsMessage): Promise<CanonicalEvent> {
	const title = String(message.title ?? '');
	if (!title.trim()) throw new Error('The message title is empty');
	checkButtons(message.buttons ?? []);
	const recipient = evolutionRecipient(message.to, message.defaultCountry);
	const payload: Record<string, unknown> = { ...basePayload(message, recipient), title };
	if (message.description?.trim()) payload.description = message.description;
	if (message.footer?.trim()) payload.footer = message.footer;
	if (message.thumbnailUrl?.trim()) payload.thumbnailUrl = message.thumbnailUrl.trim();
	payload.buttons = message.buttons.map(buttonPayload);
	const text = [title, message.description?.trim() ? message.description : undefined].filter(Boolean).join('\n\n');
	return await send(client, config, 'sendButtons', message, recipient, payload, { text });
}
