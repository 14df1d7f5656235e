import type { HttpClient } from '../../http/http-client';
import { multipartBody } from '../../http/multipart-body';
import type { CanonicalEvent } from '../../model';
import { asText, isRecord, objects } from '../shared/json-body';
import { PROVIDER_LABEL } from './error-codes';
import { outboundEvent } from '../outbound-event';
import { ProviderError } from '../provider-error';
import { whatsappIdentities } from './customer-identities';
import { graphRequest, phoneNumberUrl, type WhatsAppCloudConfig } from './graph-request';
import {
	listMessage,
	mediaMessage,
	replyButtonsMessage,
	templateMessage,
	textMessage,
	type BuiltMessage,
	type ListRow,
	type MediaInput,
	type TemplateInput,
} from './message-builders';
import { parseRecipient, recipientFields, type WhatsAppRecipient } from './recipient';

/**
 * Sending on WhatsApp through Meta's Cloud API: POST /<version>/<phone-number-id>/messages
 * with `{ messaging_product: "whatsapp", recipient_type: "individual", to | recipient, type, ... }`.
 * Meta answers `{ messaging_product, contacts: [{ input, wa_id?, user_id? }], messages: [{ id }] }`.
 * Every send returns the canonical outbound event of what was sent, so the customer's
 * history records it: `externalId` is the wamid, the customer is in `to.identities`, and
 * `account` is the sending phone number id.
 */

export type { WhatsAppCloudConfig } from './graph-request';

const CHANNEL = 'whatsapp';

export interface SendCommon {
	/** A phone number in any format, a wa_id, or a business-scoped user id. */
	recipient: string;
	/** Two-letter country for phone numbers written without the country code. */
	defaultCountry?: string;
	/** The wamid of a customer message to quote (reply to). */
	replyTo?: string;
	/** Adds `raw: { request, response }` to the event. */
	includeRaw?: boolean;
}

interface SendResponse {
	messaging_product?: string;
	contacts?: unknown;
	messages?: unknown;
}

function sentEvent(
	config: WhatsAppCloudConfig,
	recipient: WhatsAppRecipient,
	built: BuiltMessage,
	request: Record<string, unknown>,
	response: SendResponse,
	options: SendCommon,
): CanonicalEvent {
	const [message] = objects(response.messages);
	const externalId = asText(message?.id);
	if (!externalId) {
		throw new ProviderError(PROVIDER_LABEL, 'WhatsApp accepted the request but returned no message id', {
			hint: 'Check the Base URL in the credential: the answer did not look like the WhatsApp Cloud API\'s.',
			body: response,
		});
	}
	const [contact] = objects(response.contacts);
	const sentPhone = recipient.kind === 'phone' ? recipient.to : undefined;
	const sentUser = recipient.kind === 'bsuid' ? recipient.recipient : undefined;
	let identities = whatsappIdentities(asText(contact?.wa_id) ?? sentPhone, asText(contact?.user_id) ?? sentUser);
	if (!identities.length) identities = [recipient.identity];
	const event = outboundEvent({ channel: CHANNEL, provider: 'meta', externalId, account: config.phoneNumberId.trim(), identities, ...built.summary });
	if (options.replyTo?.trim()) event.thread = { inReplyTo: options.replyTo.trim() };
	if (options.includeRaw) event.raw = { request, response };
	return event;
}

async function sendMessage(client: HttpClient, config: WhatsAppCloudConfig, options: SendCommon, build: () => BuiltMessage, action: string): Promise<CanonicalEvent> {
	const recipient = parseRecipient(options.recipient, options.defaultCountry);
	const built = build();
	const replyTo = options.replyTo?.trim();
	const request: Record<string, unknown> = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...recipientFields(recipient),
		...(replyTo ? { context: { message_id: replyTo } } : {}),
		...built.payload,
	};
	const url = phoneNumberUrl(config, 'messages');
	const response = await graphRequest<SendResponse>(client, config, { method: 'POST', url, json: request }, action);
	return sentEvent(config, recipient, built, request, isRecord(response.body) ? response.body : {}, options);
}

export async function sendText(client: HttpClient, config: WhatsAppCloudConfig, options: SendCommon & { text: string; previewUrl?: boolean }): Promise<CanonicalEvent> {
	return await sendMessage(client, config, options, () => textMessage(options), 'Sending the WhatsApp text');
}

export async function sendMedia(client: HttpClient, config: WhatsAppCloudConfig, options: SendCommon & MediaInput): Promise<CanonicalEvent> {
	return await sendMessage(client, config, options, () => mediaMessage(options), `Sending the WhatsApp ${options.type}`);
}

export async function sendTemplate(client: HttpClient, config: WhatsAppCloudConfig, options: SendCommon & { template: TemplateInput }): Promise<CanonicalEvent> {
	return await sendMessage(client, config, options, () => templateMessage(options.template), `Sending the WhatsApp template "${options.template.name}"`);
}

export async function sendReplyButtons(
	client: HttpClient,
	config: WhatsAppCloudConfig,
	options: SendCommon & { body: string; header?: string; footer?: string; buttons: { id?: string; title: string }[] },
): Promise<CanonicalEvent> {
	return await sendMessage(client, config, options, () => replyButtonsMessage(options), 'Sending the WhatsApp reply buttons');
}

export async function sendList(
	client: HttpClient,
	config: WhatsAppCloudConfig,
	options: SendCommon & { body: string; header?: string; footer?: string; buttonText: string; rows: ListRow[] },
): Promise<CanonicalEvent> {
	return await sendMessage(client, config, options, () => listMessage(options), 'Sending the WhatsApp list');
}

/**
 * Uploads a file to WhatsApp (POST /<phone-number-id>/media, multipart with
 * `messaging_product`, `type` and `file`) and returns its media id, usable for 30 days.
 */
async function uploadMedia(
	client: HttpClient,
	config: WhatsAppCloudConfig,
	file: { data: Buffer; mimeType: string; filename: string },
): Promise<string> {
	const mimeType = file.mimeType.trim() || 'application/octet-stream';
	const form = multipartBody([
		{ name: 'messaging_product', value: 'whatsapp' },
		{ name: 'type', value: mimeType },
		{ name: 'file', data: file.data, filename: file.filename || 'file', contentType: mimeType },
	]);
	const url = phoneNumberUrl(config, 'media');
	const response = await graphRequest<unknown>(client, config, { method: 'POST', url, headers: { 'content-type': form.contentType }, body: form.body }, 'Uploading the file to WhatsApp');
	const id = isRecord(response.body) ? asText(response.body.id) : undefined;
	if (!id) throw new ProviderError(PROVIDER_LABEL, 'WhatsApp accepted the upload but returned no media id', { body: response.body });
	return id;
}

/** Uploads a file, then sends it by its media id. */
export async function sendUploadedMedia(
	client: HttpClient,
	config: WhatsAppCloudConfig,
	options: SendCommon & Omit<MediaInput, 'link' | 'mediaId'> & { data: Buffer; mimeType: string; uploadFilename: string },
): Promise<CanonicalEvent> {
	parseRecipient(options.recipient, options.defaultCountry);
	mediaMessage({ ...options, mediaId: 'check' });
	const mediaId = await uploadMedia(client, config, { data: options.data, mimeType: options.mimeType, filename: options.uploadFilename });
	return await sendMedia(client, config, { ...options, mediaId });
}

/**
 * Marks a customer's message as read (blue ticks), and optionally shows "typing…" for up
 * to 25 seconds or until the next message. Meta answers `{ success: true }`. Returns a
 * status event: the read receipt we sent for that message.
 */
export async function markAsRead(
	client: HttpClient,
	config: WhatsAppCloudConfig,
	options: { messageId: string; showTyping?: boolean; includeRaw?: boolean },
): Promise<CanonicalEvent> {
	const messageId = options.messageId?.trim();
	if (!messageId) throw new Error('No message ID: give the ID (wamid...) of the customer message to mark as read');
	const request: Record<string, unknown> = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
	if (options.showTyping) request.typing_indicator = { type: 'text' };
	const url = phoneNumberUrl(config, 'messages');
	const response = await graphRequest<unknown>(client, config, { method: 'POST', url, json: request }, 'Marking the WhatsApp message as read');
	if (!isRecord(response.body) || response.body.success !== true) {
		throw new ProviderError(PROVIDER_LABEL, 'WhatsApp did not confirm the message as read', {
			hint: 'Check that the message ID is of a message the customer sent to this phone number.',
			body: response.body,
		});
	}
	const event = outboundEvent({
		channel: CHANNEL,
		provider: 'meta',
		externalId: `${messageId}:read`,
		type: 'status',
		account: config.phoneNumberId.trim(),
		status: 'read',
		thread: { messageId },
	});
	if (options.includeRaw) event.raw = { request, response: response.body };
	return event;
}
