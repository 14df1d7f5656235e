import type { CanonicalEvent } from '../../model';
import type { ParseOptions } from '../types';
import { messagingInboundAdapter, parseMessagingWebhook, type MessagingChannel } from '../meta/messaging';

/**
 * Messenger Platform webhooks (`"object": "page"`): messages, quick replies, postbacks,
 * reactions, deliveries, reads and (on request) echoes, parsed by the Graph messaging
 * parser shared with Instagram (core/channels/meta/messaging.ts). The customer is a
 * `messenger` identity "<pageId>:<psid>"; `account` is the page id.
 */
export const MESSENGER: MessagingChannel = { channel: 'messenger', object: 'page', label: 'Messenger' };

export function parseMessengerWebhook(body: Buffer | string, options: ParseOptions = {}): CanonicalEvent[] {
	return parseMessagingWebhook(body, MESSENGER, options);
}

export const messengerInboundAdapter = messagingInboundAdapter(MESSENGER);
