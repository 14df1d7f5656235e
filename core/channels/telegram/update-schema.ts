import { z } from 'zod';
import { INBOUND_LIMITS } from '../shared/inbound-limits';
import { boundedList, labelField, openObject, textField } from '../shared/payload-fields';
import type { TelegramCallbackQuery, TelegramFile, TelegramMessage, TelegramUpdate, TelegramUser } from './types';

/**
 * The documented shape of a Telegram Bot API update (https://core.telegram.org/bots/api#update),
 * as far as the adapter reads it: Telegram is exact about types, and so is this; fields the
 * adapter does not read pass unchecked. Each schema is tied to its interface in ./types, so
 * the two cannot drift apart.
 */

const { photoSizes, keyboardRows, keyboardButtons } = INBOUND_LIMITS.telegram;

/** Telegram's Integer: user, chat and message ids, dates. */
const integer = z.number().int();

const userSchema: z.ZodType<TelegramUser, z.ZodTypeDef, unknown> = openObject({
	id: integer,
	is_bot: z.boolean().optional(),
	first_name: labelField.optional(),
	last_name: labelField.optional(),
	username: labelField.optional(),
	language_code: labelField.optional(),
});

const fileShape = {
	file_id: z.string().min(1).max(INBOUND_LIMITS.idLength),
	file_unique_id: labelField.optional(),
	file_size: z.number().optional(),
	file_name: labelField.optional(),
	mime_type: labelField.optional(),
	width: z.number().optional(),
	height: z.number().optional(),
	duration: z.number().optional(),
};

const fileSchema: z.ZodType<TelegramFile, z.ZodTypeDef, unknown> = openObject(fileShape);

const pointSchema = openObject({ latitude: z.number(), longitude: z.number() });

const messageSchema: z.ZodType<TelegramMessage, z.ZodTypeDef, unknown> = openObject({
	message_id: integer,
	from: userSchema.optional(),
	chat: openObject({ id: integer, type: labelField.optional(), title: labelField.optional() }),
	date: integer,
	edit_date: integer.optional(),
	text: textField.optional(),
	caption: textField.optional(),
	photo: boundedList(fileSchema, photoSizes).optional(),
	document: fileSchema.optional(),
	animation: fileSchema.optional(),
	audio: openObject({ ...fileShape, title: labelField.optional(), performer: labelField.optional() }).optional(),
	voice: fileSchema.optional(),
	video: fileSchema.optional(),
	video_note: fileSchema.optional(),
	sticker: openObject({ ...fileShape, emoji: labelField.optional() }).optional(),
	contact: openObject({ phone_number: z.string().max(INBOUND_LIMITS.idLength), first_name: labelField.optional(), last_name: labelField.optional(), user_id: integer.optional() }).optional(),
	location: pointSchema.optional(),
	venue: openObject({ location: pointSchema, title: labelField.optional(), address: textField.optional() }).optional(),
	reply_markup: openObject({
		inline_keyboard: boundedList(boundedList(openObject({ text: textField, callback_data: textField.optional() }), keyboardButtons), keyboardRows).optional(),
	}).optional(),
});

const callbackQuerySchema: z.ZodType<TelegramCallbackQuery, z.ZodTypeDef, unknown> = openObject({
	id: z.string().min(1).max(INBOUND_LIMITS.idLength),
	from: userSchema,
	message: messageSchema.optional(),
	data: textField.optional(),
	game_short_name: labelField.optional(),
});

export const telegramUpdateSchema: z.ZodType<TelegramUpdate, z.ZodTypeDef, unknown> = openObject({
	update_id: integer,
	message: messageSchema.optional(),
	edited_message: messageSchema.optional(),
	callback_query: callbackQuerySchema.optional(),
});

