import { isRecord } from '../shared/json-body';

/** One inline button: pressing it sends `callbackData` back to the bot, or opens `url`. */
export interface TelegramInlineButtonInput {
	text: string;
	callbackData?: string;
	url?: string;
}

/** Rows of buttons, shown under the message. */
export type TelegramInlineKeyboard = TelegramInlineButtonInput[][];

/** A keyboard the bot cannot send; the message says which button and why. */
class TelegramKeyboardError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TelegramKeyboardError';
	}
}

/** The Bot API's `reply_markup` for an inline keyboard, checked against its rules (callback data is 1 to 64 bytes). */
export function inlineKeyboardMarkup(keyboard: TelegramInlineKeyboard): { inline_keyboard: Array<Array<Record<string, string>>> } {
	const rows = keyboard.filter((row) => row.length > 0);
	return {
		inline_keyboard: rows.map((row, rowIndex) =>
			row.map((button, buttonIndex) => {
				const where = `Button ${buttonIndex + 1} of row ${rowIndex + 1}`;
				const text = button.text?.trim();
				if (!text) throw new TelegramKeyboardError(`${where} has no label: every button needs a text`);
				const hasData = button.callbackData !== undefined && button.callbackData !== '';
				const hasUrl = button.url !== undefined && button.url.trim() !== '';
				if (hasData === hasUrl) throw new TelegramKeyboardError(`${where} ("${text}") needs either callback data or a URL, not ${hasData ? 'both' : 'neither'}`);
				if (hasUrl) return { text, url: button.url!.trim() } as Record<string, string>;
				const bytes = Buffer.byteLength(button.callbackData!, 'utf8');
				if (bytes > 64) throw new TelegramKeyboardError(`${where} ("${text}") has callback data of ${bytes} bytes; Telegram allows at most 64`);
				return { text, callback_data: button.callbackData! };
			}),
		),
	};
}

function buttonFromJson(value: unknown, where: string): TelegramInlineButtonInput {
	if (!isRecord(value)) throw new TelegramKeyboardError(`${where} is not an object such as {"text": "Yes", "callback_data": "yes"}`);
	const button: TelegramInlineButtonInput = { text: String(value.text ?? '') };
	if (value.callback_data !== undefined) button.callbackData = String(value.callback_data);
	if (value.url !== undefined) button.url = String(value.url);
	return button;
}

/**
 * An inline keyboard written as JSON, in Telegram's own shape: `[[{"text":"Yes","callback_data":"yes"}]]`
 * or `{"inline_keyboard": [[…]]}`; a JSON string is parsed first.
 */
export function inlineKeyboardFromJson(value: unknown): TelegramInlineKeyboard {
	let parsed = value;
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed) as unknown;
		} catch {
			throw new TelegramKeyboardError('The inline keyboard is not valid JSON; expected rows of buttons such as [[{"text":"Yes","callback_data":"yes"}]]');
		}
	}
	if (isRecord(parsed) && Array.isArray(parsed.inline_keyboard)) parsed = parsed.inline_keyboard;
	if (!Array.isArray(parsed)) throw new TelegramKeyboardError('The inline keyboard must be a list of rows, each a list of buttons: [[{"text":"Yes","callback_data":"yes"}]]');
	return parsed.map((row: unknown, rowIndex) => {
		if (!Array.isArray(row)) throw new TelegramKeyboardError(`Row ${rowIndex + 1} of the inline keyboard is not a list of buttons`);
		return row.map((button: unknown, buttonIndex) => buttonFromJson(button, `Button ${buttonIndex + 1} of row ${rowIndex + 1}`));
	});
}
