import type { CanonicalEvent } from '../../model';
import type { HttpClient } from '../../http/http-client';
import type { RetryPolicy } from '../../http/retry';
import { mediaMessage, quickRepliesMessage, textMessage, type BuiltMessage, type QuickReplyOption, type TextLimit } from '../meta/message-content';
import { sendMetaMessage, type MetaMessagingChannel, type MetaSendInput } from '../meta/send-api';

/**
 * Sending Instagram direct messages with the Send API: through the Facebook Page linked to
 * the Instagram professional account (`POST /{version}/{pageId}/messages`, Page access
 * token), or, without a Page, as the Instagram account itself (`POST /{version}/{igAccountId}/messages`
 * on graph.instagram.com, Instagram Login token). Text (up to 1000 characters), media by
 * URL (image, video, audio) and text with up to 13 quick replies. The customer is the
 * `instagram` identity "<igAccountId>:<igsid>".
 */
const INSTAGRAM_SENDER: MetaMessagingChannel = { channel: 'instagram', label: 'Instagram', idName: 'IGSID' };
const INSTAGRAM_MEDIA_TYPES = ['image', 'video', 'audio'] as const;
export const INSTAGRAM_MAX_TEXT: TextLimit = { max: 1000, unit: 'bytes' };

export interface InstagramConfig {
	baseUrl: string;
	version: string;
	/** The Facebook Page linked to the Instagram account; empty with Instagram Login. */
	pageId?: string;
	/** The Instagram professional account id; scopes the customer's identity. */
	igAccountId?: string;
	retry?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
}

function send(client: HttpClient, config: InstagramConfig, input: MetaSendInput, built: BuiltMessage): Promise<CanonicalEvent> {
	const pageId = config.pageId?.trim();
	const igAccountId = config.igAccountId?.trim();
	return sendMetaMessage(
		client,
		INSTAGRAM_SENDER,
		{ baseUrl: config.baseUrl, version: config.version, senderId: pageId || igAccountId || '', account: igAccountId, retry: config.retry, sleep: config.sleep },
		{ ...input, notificationType: undefined },
		built.message,
		built.content,
	);
}

export function sendInstagramText(client: HttpClient, config: InstagramConfig, input: MetaSendInput & { text: string }): Promise<CanonicalEvent> {
	return send(client, config, input, textMessage(input.text, 'Instagram', INSTAGRAM_MAX_TEXT));
}

export function sendInstagramMedia(client: HttpClient, config: InstagramConfig, input: MetaSendInput & { mediaType: string; url: string }): Promise<CanonicalEvent> {
	return send(client, config, input, mediaMessage(input.mediaType, input.url, INSTAGRAM_MEDIA_TYPES, 'Instagram'));
}

export function sendInstagramQuickReplies(
	client: HttpClient,
	config: InstagramConfig,
	input: MetaSendInput & { text: string; options: QuickReplyOption[] },
): Promise<CanonicalEvent> {
	return send(client, config, input, quickRepliesMessage(input.text, input.options, 'Instagram', INSTAGRAM_MAX_TEXT));
}
