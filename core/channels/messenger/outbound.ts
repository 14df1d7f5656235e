import type { CanonicalEvent } from '../../model';
import type { HttpClient } from '../../http/http-client';
import type { RetryPolicy } from '../../http/retry';
import { mediaMessage, quickRepliesMessage, textMessage, type BuiltMessage, type QuickReplyOption, type TextLimit } from '../meta/message-content';
import { sendMetaMessage, type MetaMessagingChannel, type MetaSendInput } from '../meta/send-api';

/**
 * Sending on Messenger with the Send API (`POST /{version}/{pageId}/messages`), as the
 * Page: text (up to 2000 characters), media by URL (image, video, audio, file) and text
 * with up to 13 quick replies. Each returns the canonical outbound event, the customer as
 * the `messenger` identity "<pageId>:<psid>".
 */
const MESSENGER_SENDER: MetaMessagingChannel = { channel: 'messenger', label: 'Messenger', idName: 'PSID' };
const MESSENGER_MEDIA_TYPES = ['image', 'video', 'audio', 'file'] as const;
export const MESSENGER_MAX_TEXT: TextLimit = { max: 2000, unit: 'characters' };
const MESSENGER_NOTIFICATION_TYPES = ['REGULAR', 'SILENT_PUSH', 'NO_PUSH'] as const;

export interface MessengerConfig {
	baseUrl: string;
	version: string;
	pageId: string;
	retry?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
}

function send(client: HttpClient, config: MessengerConfig, input: MetaSendInput, built: BuiltMessage): Promise<CanonicalEvent> {
	const pageId = config.pageId?.trim() ?? '';
	if (input.notificationType && !(MESSENGER_NOTIFICATION_TYPES as readonly string[]).includes(input.notificationType)) {
		throw new Error(`Unknown notification type "${input.notificationType}": use ${MESSENGER_NOTIFICATION_TYPES.join(', ')}`);
	}
	return sendMetaMessage(
		client,
		MESSENGER_SENDER,
		{ baseUrl: config.baseUrl, version: config.version, senderId: pageId, account: pageId, retry: config.retry, sleep: config.sleep },
		input,
		built.message,
		built.content,
	);
}

export function sendMessengerText(client: HttpClient, config: MessengerConfig, input: MetaSendInput & { text: string }): Promise<CanonicalEvent> {
	return send(client, config, input, textMessage(input.text, 'Messenger', MESSENGER_MAX_TEXT));
}

export function sendMessengerMedia(
	client: HttpClient,
	config: MessengerConfig,
	input: MetaSendInput & { mediaType: string; url: string; reusable?: boolean },
): Promise<CanonicalEvent> {
	return send(client, config, input, mediaMessage(input.mediaType, input.url, MESSENGER_MEDIA_TYPES, 'Messenger', input.reusable));
}

export function sendMessengerQuickReplies(
	client: HttpClient,
	config: MessengerConfig,
	input: MetaSendInput & { text: string; options: QuickReplyOption[] },
): Promise<CanonicalEvent> {
	return send(client, config, input, quickRepliesMessage(input.text, input.options, 'Messenger', MESSENGER_MAX_TEXT));
}
