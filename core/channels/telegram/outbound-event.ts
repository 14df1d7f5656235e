import type { Attachment, CanonicalEvent, Identity } from '../../model';
import { outboundEvent } from '../outbound-event';
import { telegramBotId } from './bot-api';
import { telegramMessageKey } from './inbound';
import type { TelegramMessage } from './types';

/** The bot that sent: its numeric id, as inbound events name it (a @username can change). */
function botAccount(message: TelegramMessage | undefined, token: string): string {
	return message?.from?.id !== undefined ? String(message.from.id) : telegramBotId(token);
}

/**
 * The customer a message went to. In a private chat the chat id is the person's user id,
 * the same `telegram` identity the inbound adapter gives the sender; a group or channel
 * is not a person, so it yields no identity.
 */
function recipientIdentities(message: TelegramMessage): Identity[] {
	const type = message.chat.type;
	return type === undefined || type === 'private' ? [{ kind: 'telegram', value: String(message.chat.id) }] : [];
}

/**
 * The canonical outbound event of a message the bot sent (or edited), keyed as the inbound
 * adapter keys messages: `<chat id>:<message id>`, and for an edit
 * `<chat id>:<message id>:edited:<edit date>` with `thread.messageId` the edited message.
 */
export function sentMessageEvent(
	message: TelegramMessage,
	sent: { text?: string; attachments?: Attachment[]; replyToMessageId?: number },
	token: string,
	edited = false,
): CanonicalEvent {
	const key = telegramMessageKey(message);
	const externalId = edited ? `${key}:edited:${message.edit_date ?? Math.floor(Date.now() / 1000)}` : key;
	const event = outboundEvent({
		channel: 'telegram',
		provider: 'telegram',
		externalId,
		account: botAccount(message, token),
		identities: recipientIdentities(message),
	});
	if (sent.text !== undefined && sent.text !== '') event.text = sent.text;
	if (sent.attachments?.length) event.attachments = sent.attachments;
	if (edited) event.thread = { messageId: key };
	else if (sent.replyToMessageId !== undefined) event.thread = { inReplyTo: `${message.chat.id}:${sent.replyToMessageId}` };
	return event;
}

/**
 * The canonical outbound event of an answered button press: an `action` whose payload is
 * the callback query id. Telegram's answer does not say who pressed, so `to` has no identity.
 */
export function callbackAnswerEvent(callbackQueryId: string, text: string | undefined, token: string): CanonicalEvent {
	const event = outboundEvent({
		channel: 'telegram',
		provider: 'telegram',
		externalId: `${callbackQueryId}:answer`,
		type: 'action',
		account: telegramBotId(token),
		action: text ? { payload: callbackQueryId, title: text } : { payload: callbackQueryId },
		thread: { inReplyTo: callbackQueryId },
	});
	if (text) event.text = text;
	return event;
}
