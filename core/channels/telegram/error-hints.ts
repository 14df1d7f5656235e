/** What a non-programmer can do about a Bot API refusal, by its description first (Telegram's codes are coarse), then by code. */
const BY_DESCRIPTION: Array<[RegExp, string]> = [
	[/chat not found/i, "Telegram does not know this chat. Check the Chat ID: use the number from the customer's Telegram identity (given by the Omnichannel Telegram Trigger). The customer must have written to the bot (pressed Start) at least once."],
	[/bot was blocked by the user/i, 'The customer blocked this bot, so Telegram will not deliver to them. Reach them on another channel; they can unblock the bot in Telegram.'],
	[/user is deactivated/i, 'This Telegram account was deleted. Reach the customer on another channel.'],
	[/bot can't initiate conversation/i, 'A bot can only write to people who wrote to it first. Ask the customer to open the bot in Telegram and press Start.'],
	[/bot was kicked|bot is not a member|chat_write_forbidden|not enough rights|have no rights/i, 'The bot may not post in this group or channel. Add the bot back, or give it the right to send messages.'],
	[/can't parse entities/i, "The text breaks the rules of the chosen Parse Mode. In MarkdownV2 these characters must have a backslash before them: _ * [ ] ( ) ~ ` > # + - = | { } . ! ; in HTML only <b>, <i>, <a href>, <code> and a few other tags are allowed. Or set Parse Mode to None."],
	[/message is not modified/i, 'The new text is the same as the current one, so there was nothing to change.'],
	[/message to edit not found/i, 'The message to edit is not in this chat. Check the Chat ID and the Message ID (it must be a message the bot sent).'],
	[/message can't be edited/i, 'Telegram does not allow editing this message: a bot can only edit its own messages.'],
	[/replied message not found|message to be replied not found|message to reply not found/i, 'The message to reply to is not in this chat (it may have been deleted). Check Reply To Message ID, or leave it empty.'],
	[/query is too old|query id is invalid/i, 'A button press must be answered within about 15 seconds, and only once. The Omnichannel Telegram Trigger answers button presses itself unless its "Answer Button Presses" option is off.'],
	[/message text is empty|text must be non-empty/i, 'The message has no text. Fill in Text (an expression may have produced an empty value).'],
	[/button_data_invalid/i, "A button's callback data is empty or too long: it must be 1 to 64 bytes."],
	[/button_url_invalid|wrong http url/i, "A button's URL is not valid: use a full address starting with https://, http:// or tg://."],
	[/wrong file identifier|wrong remote file|failed to get http url content|wrong type of the web page content|wrong file_id|invalid file http url/i, 'Telegram could not get the file. A URL must be public and lead straight to the file (not to a web page); a file ID must come from this same bot. Or upload the file from the input item.'],
	[/too big|request entity too large|file is too large/i, 'The file is too large: a bot can send photos up to 10 MB and other files up to 50 MB (by URL: 5 MB and 20 MB).'],
	[/photo_invalid_dimensions|image_process_failed/i, 'Telegram cannot use this picture as a photo (too large, too wide or not an image). Send it as a document instead.'],
	[/upgraded to a supergroup/i, 'This group became a supergroup and has a new Chat ID; use the new one.'],
	[/bad webhook/i, "Telegram only delivers to a public HTTPS address on port 443, 80, 88 or 8443. Set n8n's WEBHOOK_URL to its public https:// address and activate the workflow again."],
];

const BY_CODE: Record<number, string> = {
	400: 'Telegram did not accept one of the values sent. Check the fields of this node against the description above.',
	401: 'The bot token is not valid (it may have been revoked). Copy the token from @BotFather again into the Omnichannel Telegram credential.',
	403: 'The bot is not allowed to write to this chat.',
	404: 'The Bot API address or the token is wrong. Check the Base URL (normally https://api.telegram.org) and the token in the Omnichannel Telegram credential.',
	409: 'Another program is receiving this bot\'s updates (a second webhook or getUpdates). Use this bot in one place only.',
};

export function telegramErrorHint(code: number, description: string, parameters?: { retry_after?: number; migrate_to_chat_id?: number }): string {
	if (parameters?.migrate_to_chat_id !== undefined) {
		return `This group became a supergroup with the new Chat ID ${parameters.migrate_to_chat_id}; use that ID from now on.`;
	}
	if (code === 429) {
		const wait = parameters?.retry_after === undefined ? '' : ` (Telegram asked to wait ${parameters.retry_after} seconds)`;
		return `Telegram is limiting how fast this bot sends${wait}. Send fewer messages: about one per second to the same chat and 30 per second in all.`;
	}
	for (const [pattern, hint] of BY_DESCRIPTION) if (pattern.test(description)) return hint;
	if (code >= 500) return "Telegram's servers had a problem. Try again in a few minutes.";
	return BY_CODE[code] ?? 'Telegram refused the request; its description above says why.';
}
