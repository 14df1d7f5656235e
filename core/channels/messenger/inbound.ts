import { messagingInboundAdapter, type MessagingChannel } from '../meta/messaging';

/**
 * Messenger Platform webhooks (`"object": "page"`): messages, quick replies, postbacks,
 * reactions, deliveries, reads and (on request) echoes, parsed by the Graph messaging
 * parser shared with Instagram (core/channels/meta/messaging.ts). The customer is a
 * `messenger` identity "<pageId>:<psid>"; `account` is the page id.
 */
const MESSENGER: MessagingChannel = { channel: 'messenger', object: 'page', label: 'Messenger' };

export const messengerInboundAdapter = messagingInboundAdapter(MESSENGER);
