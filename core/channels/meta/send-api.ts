import type { CanonicalEvent, Attachment } from '../../model';
import type { HttpClient } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import { outboundEvent } from '../outbound-event';
import { graphUrl, type GraphTarget } from './graph-url';
import { asText, isRecord } from '../shared/json-body';
import { isRetryableGraphResponse, metaSendError } from './send-errors';
import { parseRecipient } from './recipient';

/**
 * The Graph API Send API that Messenger and Instagram share:
 * `POST {baseUrl}/{version}/{sender id}/messages` with `recipient`, `messaging_type`
 * (and `tag`) and `message`; success is `{ recipient_id, message_id }`. The access token is
 * added by the HttpClient (the credential's authentication), never here.
 */

/**
 * When the message is sent, relative to the customer's last message:
 * - RESPONSE: a reply within the standard 24-hour window;
 * - HUMAN_AGENT: a person replying within 7 days (MESSAGE_TAG with the HUMAN_AGENT tag);
 * - UPDATE: a proactive message, also only within the 24-hour window.
 */
const MESSAGING_WINDOWS = ['RESPONSE', 'HUMAN_AGENT', 'UPDATE'] as const;
export type MessagingWindow = (typeof MESSAGING_WINDOWS)[number];

export interface MetaMessagingChannel {
	channel: 'messenger' | 'instagram';
	/** The product name used in messages to people. */
	label: 'Messenger' | 'Instagram';
	/** What the customer's id is called on this channel. */
	idName: 'PSID' | 'IGSID';
}

export interface MetaSendConfig extends GraphTarget {
	/** The node whose /messages edge sends: the Page id, or the Instagram account id (Instagram Login). */
	senderId: string;
	/** Our account that scopes the customer's identity: the Page id (Messenger) or Instagram account id. */
	account?: string;
	retry?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
}

export interface MetaSendInput {
	/** PSID / IGSID, or the scoped identity "<account>:<id>". */
	recipient: string;
	window?: MessagingWindow;
	/** Messenger's push notification type: REGULAR, SILENT_PUSH or NO_PUSH. */
	notificationType?: string;
	/** Put Meta's response in the event's `raw`. */
	includeRaw?: boolean;
}

/** What was sent, for the outbound event. */
export interface SentContent {
	text?: string;
	attachments?: Attachment[];
}

/** Whom to send to, and the account that scopes the customer, checked against each other. */
function resolveRecipient(channel: MetaMessagingChannel, config: MetaSendConfig, value: string): { id: string; account: string } {
	const recipient = parseRecipient(value, channel.label, channel.idName);
	const configured = config.account?.trim() || undefined;
	if (recipient.scope && configured && recipient.scope !== configured) {
		const what = channel.channel === 'messenger' ? 'Page' : 'Instagram account';
		throw new Error(
			`The recipient "${value}" is a customer of ${what} ${recipient.scope}, but the credential sends as ${what} ${configured}: use a credential for ${what} ${recipient.scope}`,
		);
	}
	const account = recipient.scope ?? configured;
	if (!account) {
		throw new Error(
			channel.channel === 'instagram'
				? 'Unknown Instagram account: set Instagram Account ID in the Omnichannel Meta Page credential, or give the recipient as "<igAccountId>:<igsid>"'
				: 'Unknown Page: set Page ID in the Omnichannel Meta Page credential, or give the recipient as "<pageId>:<psid>"',
		);
	}
	return { id: recipient.id, account };
}

/** Sends one message through the Send API and returns the canonical outbound event; throws a ProviderError when Meta refuses. */
export async function sendMetaMessage(
	client: HttpClient,
	channel: MetaMessagingChannel,
	config: MetaSendConfig,
	input: MetaSendInput,
	message: Record<string, unknown>,
	content: SentContent,
): Promise<CanonicalEvent> {
	const recipient = resolveRecipient(channel, config, input.recipient);
	if (!config.senderId?.trim()) {
		throw new Error(
			channel.channel === 'instagram'
				? 'No sender: set Page ID (the Facebook Page linked to the Instagram account) or Instagram Account ID in the Omnichannel Meta Page credential'
				: 'No sender: set Page ID in the Omnichannel Meta Page credential',
		);
	}
	const window = input.window ?? 'RESPONSE';
	if (!MESSAGING_WINDOWS.includes(window)) throw new Error(`Unknown message window "${String(window)}": use RESPONSE, HUMAN_AGENT or UPDATE`);
	const json: Record<string, unknown> = {
		recipient: { id: recipient.id },
		messaging_type: window === 'HUMAN_AGENT' ? 'MESSAGE_TAG' : window,
		...(window === 'HUMAN_AGENT' ? { tag: 'HUMAN_AGENT' } : {}),
		message,
		...(input.notificationType ? { notification_type: input.notificationType } : {}),
	};
	const response = await sendWithRetry(
		client,
		{ method: 'POST', url: graphUrl(config, `${encodeURIComponent(config.senderId.trim())}/messages`), json },
		{ ...DEFAULT_RETRY_POLICY, isRetryable: isRetryableGraphResponse, ...config.retry },
		config.sleep,
	);
	const body = response.body;
	const messageId = isRecord(body) ? asText(body.message_id) : undefined;
	if (response.status < 200 || response.status >= 300 || !messageId) throw metaSendError(response, channel.label);
	const customerId = (isRecord(body) && asText(body.recipient_id)) || recipient.id;
	const event = outboundEvent({
		channel: channel.channel,
		provider: 'meta',
		externalId: messageId,
		account: recipient.account,
		identities: [{ kind: channel.channel, value: `${recipient.account}:${customerId}` }],
	});
	if (content.text !== undefined) event.text = content.text;
	if (content.attachments?.length) event.attachments = content.attachments;
	if (input.includeRaw) event.raw = body;
	return event;
}
