import type { HttpClient } from '../../http/http-client';
import type { Attachment, CanonicalEvent } from '../../model';
import { callTelegramBotApi, type TelegramApiAnswer, type TelegramBotConfig, type TelegramPayload } from './bot-api';
import { inlineKeyboardMarkup, type TelegramInlineKeyboard } from './keyboard';
import { multipartBody, type MultipartFile } from './multipart';
import { callbackAnswerEvent, sentMessageEvent } from './outbound-event';
import type { TelegramFile, TelegramMessage } from './types';

export type { TelegramBotConfig } from './bot-api';

export type TelegramParseMode = 'MarkdownV2' | 'HTML';

/** Where the message goes and how it looks; shared by every send. */
export interface TelegramSendOptions {
	/** A chat or user id (a customer's `telegram` identity is their private chat's id), or "@channelusername". */
	chatId: string;
	parseMode?: TelegramParseMode;
	keyboard?: TelegramInlineKeyboard;
	replyToMessageId?: number;
	disableNotification?: boolean;
}

/** A photo or document: a public URL Telegram downloads, a file_id it already has, or bytes to upload. */
export type TelegramFileInput = { url: string } | { fileId: string } | { upload: MultipartFile };

/** What a send returns: the canonical outbound event, and Telegram's answer for those who want it raw. */
export interface TelegramSendResult {
	event: CanonicalEvent;
	response: TelegramApiAnswer;
}

/** Input problems the Bot API would refuse anyway, caught before sending. */
class TelegramInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TelegramInputError';
	}
}

/** Numeric ids go as numbers (as the Bot API documents chat_id), "@channel" names as text. */
function chatIdValue(chatId: string): number | string {
	const value = String(chatId ?? '').trim();
	if (!value) throw new TelegramInputError('The Chat ID is empty: give the chat or user id (the customer’s Telegram identity), or @channelusername');
	if (/^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
	if (/^@\w+$/.test(value)) return value;
	throw new TelegramInputError(`"${value}" is not a Telegram chat: use the numeric chat or user id, or @channelusername`);
}

function messageFields(options: TelegramSendOptions): Record<string, unknown> {
	const fields: Record<string, unknown> = { chat_id: chatIdValue(options.chatId) };
	if (options.parseMode) fields.parse_mode = options.parseMode;
	if (options.keyboard?.some((row) => row.length > 0)) fields.reply_markup = inlineKeyboardMarkup(options.keyboard);
	if (options.replyToMessageId !== undefined) fields.reply_parameters = { message_id: options.replyToMessageId };
	if (options.disableNotification) fields.disable_notification = true;
	return fields;
}

/** Sends a text message, with an inline keyboard when given (sendMessage). */
export async function sendTelegramMessage(client: HttpClient, config: TelegramBotConfig, input: TelegramSendOptions & { text: string }): Promise<TelegramSendResult> {
	if (!input.text?.trim()) throw new TelegramInputError('The message text is empty: Telegram cannot send an empty message');
	const json = { ...messageFields(input), text: input.text };
	const { result, answer } = await callTelegramBotApi<TelegramMessage>(client, config, 'sendMessage', { json });
	return { event: sentMessageEvent(result, { text: input.text, replyToMessageId: input.replyToMessageId }, config.token), response: answer };
}

/** The file Telegram stored for a sent photo (largest size) or document. */
function storedFile(message: TelegramMessage, kind: 'photo' | 'document'): TelegramFile | undefined {
	if (kind === 'document') return message.document;
	return message.photo?.reduce<TelegramFile | undefined>((best, size) => (!best || (size.file_size ?? 0) >= (best.file_size ?? 0) ? size : best), undefined);
}

function sentAttachment(kind: 'photo' | 'document', file: TelegramFileInput, message: TelegramMessage, caption?: string): Attachment {
	const attachment: Attachment = { type: kind === 'photo' ? 'image' : 'document' };
	if ('url' in file) attachment.url = file.url;
	const stored = storedFile(message, kind);
	const mediaId = stored?.file_id ?? ('fileId' in file ? file.fileId : undefined);
	if (mediaId) attachment.mediaId = mediaId;
	const mimeType = stored?.mime_type ?? ('upload' in file ? file.upload.mimeType : undefined);
	if (mimeType) attachment.mimeType = mimeType;
	const filename = stored?.file_name ?? ('upload' in file ? file.upload.fileName : undefined);
	if (filename) attachment.filename = filename;
	if (caption) attachment.caption = caption;
	return attachment;
}

/** Multipart fields are text: objects (reply_markup, reply_parameters) are JSON-serialized, as the Bot API asks. */
function asFormFields(fields: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : String(value)]));
}

async function sendTelegramFile(
	client: HttpClient,
	config: TelegramBotConfig,
	kind: 'photo' | 'document',
	input: TelegramSendOptions & { file: TelegramFileInput; caption?: string },
): Promise<TelegramSendResult> {
	const fields = messageFields(input);
	if (input.caption) fields.caption = input.caption;
	let payload: TelegramPayload;
	if ('upload' in input.file) {
		if (input.file.upload.data.length === 0) throw new TelegramInputError(`The ${kind} to upload is empty (0 bytes)`);
		payload = { multipart: multipartBody(asFormFields(fields), { field: kind, ...input.file.upload }) };
	} else {
		const reference = 'url' in input.file ? input.file.url : input.file.fileId;
		if (!reference?.trim()) throw new TelegramInputError(`No ${kind} given: fill in the ${'url' in input.file ? 'URL' : 'file ID'}`);
		payload = { json: { ...fields, [kind]: reference.trim() } };
	}
	const method = kind === 'photo' ? 'sendPhoto' : 'sendDocument';
	const { result, answer } = await callTelegramBotApi<TelegramMessage>(client, config, method, payload);
	const attachment = sentAttachment(kind, input.file, result, input.caption);
	return { event: sentMessageEvent(result, { text: input.caption, attachments: [attachment], replyToMessageId: input.replyToMessageId }, config.token), response: answer };
}

/** Sends a photo with an optional caption (sendPhoto); an upload goes as multipart/form-data. */
export async function sendTelegramPhoto(client: HttpClient, config: TelegramBotConfig, input: TelegramSendOptions & { photo: TelegramFileInput; caption?: string }): Promise<TelegramSendResult> {
	return await sendTelegramFile(client, config, 'photo', { ...input, file: input.photo });
}

/** Sends any file as a document with an optional caption (sendDocument); an upload goes as multipart/form-data. */
export async function sendTelegramDocument(client: HttpClient, config: TelegramBotConfig, input: TelegramSendOptions & { document: TelegramFileInput; caption?: string }): Promise<TelegramSendResult> {
	return await sendTelegramFile(client, config, 'document', { ...input, file: input.document });
}

/** Replaces the text (and inline keyboard) of a message the bot sent (editMessageText). */
export async function editTelegramMessageText(
	client: HttpClient,
	config: TelegramBotConfig,
	input: Omit<TelegramSendOptions, 'replyToMessageId' | 'disableNotification'> & { messageId: number; text: string },
): Promise<TelegramSendResult> {
	if (!Number.isSafeInteger(input.messageId) || input.messageId <= 0) throw new TelegramInputError('The Message ID must be the positive number of a message the bot sent');
	if (!input.text?.trim()) throw new TelegramInputError('The new text is empty: Telegram cannot set an empty text');
	const json: Record<string, unknown> = { ...messageFields(input), message_id: input.messageId, text: input.text };
	const { result, answer } = await callTelegramBotApi<TelegramMessage | true>(client, config, 'editMessageText', { json });
	// With chat_id the Bot API answers the edited message; `true` is for inline messages.
	const message: TelegramMessage =
		typeof result === 'object' && result?.chat ? result : { message_id: input.messageId, chat: { id: json.chat_id as number }, date: 0 };
	return { event: sentMessageEvent(message, { text: input.text }, config.token, true), response: answer };
}

/** Answers a pressed inline button so it stops spinning, optionally with a notice or an alert (answerCallbackQuery). */
export async function answerTelegramCallbackQuery(
	client: HttpClient,
	config: TelegramBotConfig,
	input: { callbackQueryId: string; text?: string; showAlert?: boolean },
): Promise<TelegramSendResult> {
	const id = String(input.callbackQueryId ?? '').trim();
	if (!id) throw new TelegramInputError('The Callback Query ID is empty: use the externalId of the button press event from the Omnichannel Telegram Trigger');
	const json: Record<string, unknown> = { callback_query_id: id };
	if (input.text) json.text = input.text;
	if (input.showAlert) json.show_alert = true;
	const { answer } = await callTelegramBotApi<boolean>(client, config, 'answerCallbackQuery', { json });
	return { event: callbackAnswerEvent(id, input.text, config.token), response: answer };
}
