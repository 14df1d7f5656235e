/** The parts of the Telegram Bot API update objects that the adapter reads (https://core.telegram.org/bots/api#update). */
export interface TelegramUser {
	id: number;
	is_bot?: boolean;
	first_name?: string;
	last_name?: string;
	username?: string;
	language_code?: string;
}

export interface TelegramChat {
	id: number;
	type?: string;
	title?: string;
}

export interface TelegramFile {
	file_id: string;
	file_unique_id?: string;
	file_size?: number;
	file_name?: string;
	mime_type?: string;
	width?: number;
	height?: number;
	duration?: number;
}

export interface TelegramInlineButton {
	text: string;
	callback_data?: string;
}

export interface TelegramMessage {
	message_id: number;
	from?: TelegramUser;
	chat: TelegramChat;
	date: number;
	edit_date?: number;
	text?: string;
	caption?: string;
	photo?: TelegramFile[];
	document?: TelegramFile;
	animation?: TelegramFile;
	audio?: TelegramFile & { title?: string; performer?: string };
	voice?: TelegramFile;
	video?: TelegramFile;
	video_note?: TelegramFile;
	sticker?: TelegramFile & { emoji?: string };
	contact?: { phone_number: string; first_name?: string; last_name?: string; user_id?: number };
	location?: { latitude: number; longitude: number };
	venue?: { location: { latitude: number; longitude: number }; title?: string; address?: string };
	reply_markup?: { inline_keyboard?: TelegramInlineButton[][] };
}

export interface TelegramCallbackQuery {
	id: string;
	from: TelegramUser;
	message?: TelegramMessage;
	data?: string;
	game_short_name?: string;
}

export interface TelegramUpdate {
	update_id: number;
	message?: TelegramMessage;
	edited_message?: TelegramMessage;
	callback_query?: TelegramCallbackQuery;
}
