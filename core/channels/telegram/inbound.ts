import { eventKey, type CanonicalEvent } from '../../model';
import type { InboundAdapter, ParseOptions } from '../types';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { parseJsonObject } from '../shared/json-body';
import { PayloadError } from '../shared/payload-error';
import { checkPayload } from '../shared/payload-schema';
import { nowIso, unixSecondsToIso } from '../shared/unix-time';
import { telegramContent } from './message-content';
import { telegramSender } from './sender';
import { TELEGRAM_SECRET_HEADER, verifyTelegramSecretToken } from './signature';
import type { TelegramCallbackQuery, TelegramMessage, TelegramUpdate } from './types';
import { telegramUpdateSchema } from './update-schema';

const EXPECTED = 'a Telegram Bot API update (an object with update_id)';

/** Message ids are unique only within a chat, so a message is known as `<chat id>:<message id>`. */
export function telegramMessageKey(message: TelegramMessage): string {
	return `${message.chat.id}:${message.message_id}`;
}

const BOT_ID = "the bot's id (the part of its token before the colon)";

/** The bot an update was sent to: updates never say it, the caller knows it from the bot's token. */
function botAccount(options: ParseOptions | undefined): string {
	const account = options?.account?.trim();
	if (!account) throw new Error(`Telegram: updates do not say which bot they were sent to: give ${BOT_ID} as the account`);
	return account;
}

/** The fields of an event that say what happened, beside the ones telegramEvent fills in. */
type EventFields = Omit<CanonicalEvent, 'id' | 'channel' | 'provider' | 'direction' | 'account' | 'externalId' | 'to' | 'raw'>;

function telegramEvent(update: TelegramUpdate, externalId: string, options: ParseOptions | undefined, fields: EventFields): CanonicalEvent {
	const account = botAccount(options);
	const place: Omit<CanonicalEvent, keyof EventFields> = { id: eventKey({ channel: 'telegram', account, externalId }), channel: 'telegram', provider: 'telegram', direction: 'inbound', account, externalId, to: {} };
	// Object.assign rather than a spread followed by fields: on Node 20 each field added after a spread costs about a microsecond.
	const event = Object.assign(place, fields);
	if (options?.includeRaw) event.raw = update;
	return event;
}

/**
 * A message, or an edited message. An edit is recorded as a new message event (the
 * customer may have corrected an order number) whose externalId adds `:edited:<edit_date>`
 * and whose `thread.messageId` is the key of the message it replaces.
 */
function messageEvent(update: TelegramUpdate, message: TelegramMessage, edited: boolean, options?: ParseOptions): CanonicalEvent[] {
	if (!message.from || !message.chat) return [];
	const content = telegramContent(message);
	if (content.text === undefined && content.attachments.length === 0) return [];
	const sender = telegramSender(message.from);
	const key = telegramMessageKey(message);
	const externalId = edited ? `${key}:edited:${message.edit_date ?? message.date}` : key;
	const event = telegramEvent(update, externalId, options, {
		type: 'message',
		timestamp: unixSecondsToIso(edited ? (message.edit_date ?? message.date) : message.date) ?? nowIso(),
		from: {
			identities: content.ownPhone ? [sender.identity, content.ownPhone] : [sender.identity],
			...(sender.name ? { name: sender.name } : {}),
		},
	});
	if (content.text !== undefined) event.text = content.text;
	if (content.attachments.length > 0) event.attachments = content.attachments;
	if (edited) event.thread = { messageId: key };
	return [event];
}

/** The label of the inline button whose callback_data was pressed, found in the message that carried it. */
function buttonTitle(query: TelegramCallbackQuery): string | undefined {
	for (const row of query.message?.reply_markup?.inline_keyboard ?? []) {
		for (const button of row) if (button.callback_data !== undefined && button.callback_data === query.data) return button.text;
	}
	return undefined;
}

/**
 * A pressed inline button. The externalId is the callback query id, which the node needs to
 * call answerCallbackQuery; `thread.messageId` is the key of the message with the button.
 * Telegram gives no time for a callback query, so the time of parsing is used.
 */
function callbackEvent(update: TelegramUpdate, query: TelegramCallbackQuery, options?: ParseOptions): CanonicalEvent[] {
	const payload = query.data ?? query.game_short_name;
	if (!query.from || payload === undefined) return [];
	const sender = telegramSender(query.from);
	const title = buttonTitle(query);
	const event = telegramEvent(update, query.id, options, {
		type: 'action',
		timestamp: nowIso(),
		from: { identities: [sender.identity], ...(sender.name ? { name: sender.name } : {}) },
		action: title ? { payload, title } : { payload },
	});
	if (query.message) event.thread = { messageId: telegramMessageKey(query.message) };
	return [event];
}

/**
 * Telegram Bot API updates: `message` (text, photo, document, voice, audio, video, sticker,
 * contact, location), `edited_message`, and `callback_query`. Other updates (my_chat_member,
 * channel posts, polls, …) and service messages yield no event. The sender is the
 * `telegram` identity (user id); a contact the user shares as their own adds a phone.
 * `account` is the bot's id, which the caller gives (`options.account`): message ids repeat
 * from one bot to another, so two bots talking with one person need it to keep both
 * conversations. Telegram retries until answered: deduplicate on `update_id` (in `raw`) or
 * on the event id.
 */
export const telegramInbound: InboundAdapter = {
	name: 'telegram',
	bodyFormat: 'json',
	signatureHeader: TELEGRAM_SECRET_HEADER,
	accountToGive: BOT_ID,
	parse(body, options) {
		const json = parseJsonObject(body, 'Telegram', EXPECTED, INBOUND_LIMITS.telegram.bodyBytes);
		if (typeof json.update_id !== 'number') throw new PayloadError('Telegram', `the body has no numeric update_id; expected ${EXPECTED}`);
		checkPayload(telegramUpdateSchema, json, 'Telegram');
		const update: TelegramUpdate = json;
		if (update.message) return messageEvent(update, update.message, false, options);
		if (update.edited_message) return messageEvent(update, update.edited_message, true, options);
		if (update.callback_query) return callbackEvent(update, update.callback_query, options);
		return [];
	},
	verify: verifyTelegramSecretToken,
};
