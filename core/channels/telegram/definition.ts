import type { CanonicalEvent } from '../../model';
import type { HttpConnection, OutboundAddress, OutboundDefinition } from '../outbound-types';
import { customerIdentity, requiredAddress } from '../reply-address';
import { sendTelegramDocument, sendTelegramMessage, sendTelegramPhoto, type TelegramBotConfig, type TelegramSendResult } from './outbound';

export type TelegramConnection = HttpConnection<TelegramBotConfig>;

const withRaw = ({ event, response }: TelegramSendResult, message: OutboundAddress): CanonicalEvent => (message.includeRaw ? { ...event, raw: response } : event);

/** A Telegram bot: no session window, photos and documents, inline buttons. */
export const telegramOutbound: OutboundDefinition<TelegramConnection> = {
	route: 'telegram',
	label: 'Telegram',
	answers: [{ provider: 'telegram' }],
	capabilities: {
		text: { maxLength: 4096, unit: 'characters' },
		media: ['image', 'document'],
		mediaCaption: true,
		templates: false,
		buttons: {},
	},
	sessionWindows: {},
	rateLimits: [
		{ per: 'chat', max: 1, intervalMs: 1000, counts: 'messages to one chat (short bursts are tolerated)', errorCode: 429 },
		{ per: 'group', max: 20, intervalMs: 60_000, counts: 'messages to one group', errorCode: 429 },
		{ per: 'sender', max: 30, intervalMs: 1000, counts: 'messages from one bot in all, e.g. bulk notifications', errorCode: 429 },
	],
	replyTarget: (event) => {
		// Message ids are "<chat id>:<message id>": answer in the chat, which is the group for group messages.
		const chat = /^(-?\d+):\d+/.exec(event.externalId)?.[1];
		return { route: 'telegram', recipient: requiredAddress(chat ?? customerIdentity(event, 'telegram'), event, 'Telegram chat'), account: event.account };
	},
	send: {
		text: async ({ http, config }, message) => withRaw(await sendTelegramMessage(http, config, { chatId: message.recipient, text: message.text }), message),
		media: async ({ http, config }, message) => {
			const input = { chatId: message.recipient, caption: message.caption?.trim() ? message.caption : undefined };
			if (message.mediaType === 'image') return withRaw(await sendTelegramPhoto(http, config, { ...input, photo: { url: message.url } }), message);
			if (message.mediaType === 'document') return withRaw(await sendTelegramDocument(http, config, { ...input, document: { url: message.url } }), message);
			throw new Error(`Telegram bots send images and documents here, not ${message.mediaType}: send it as a document`);
		},
		buttons: async ({ http, config }, message) =>
			withRaw(
				await sendTelegramMessage(http, config, { chatId: message.recipient, text: message.text, keyboard: message.buttons.map((button) => [{ text: button.title, callbackData: button.id }]) }),
				message,
			),
	},
};
