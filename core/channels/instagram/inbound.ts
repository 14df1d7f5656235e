import { messagingInboundAdapter, type MessagingChannel } from '../meta/messaging';

/**
 * Instagram messaging webhooks (`"object": "instagram"`): direct messages, quick replies,
 * postbacks, reactions, seen receipts and (on request) echoes, parsed by the Graph
 * messaging parser shared with Messenger (core/channels/meta/messaging.ts). The customer
 * is an `instagram` identity "<igAccountId>:<igsid>"; `account` is the Instagram
 * professional account id. Comments and mentions (`entry[].changes`) yield no events.
 */
const INSTAGRAM: MessagingChannel = { channel: 'instagram', object: 'instagram', label: 'Instagram' };

export const instagramInboundAdapter = messagingInboundAdapter(INSTAGRAM);
