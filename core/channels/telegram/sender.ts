import type { Identity } from '../../model';
import type { TelegramUser } from './types';

/** What a Telegram update says about the person: the `telegram` identity (user id) and the facts for traits. */
export interface TelegramSender {
	identity: Identity;
	name?: string;
	/** The public @username, without "@"; it can change, so it is a trait, never an identity. */
	username?: string;
	languageCode?: string;
}

/** Reads the sender of a message or callback query; the name is first name and last name. */
export function telegramSender(user: TelegramUser): TelegramSender {
	const name = [user.first_name, user.last_name].filter((part) => part && part.trim() !== '').join(' ').trim();
	const sender: TelegramSender = { identity: { kind: 'telegram', value: String(user.id) } };
	if (name) sender.name = name;
	if (user.username) sender.username = user.username;
	if (user.language_code) sender.languageCode = user.language_code;
	return sender;
}
