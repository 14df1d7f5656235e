import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SHARED_CHANNEL_FIXTURES } from '../../../support/shared-fixtures';
import { LOCAL_FIXTURES } from '../fixtures';

/** Each inbound adapter the fuzz test drives: how its errors start, where its fixtures are, which fields to add. */
export interface FuzzChannel {
	/** How the adapter's errors start. */
	label: string;
	shared?: RegExp;
	local: string;
	/** Fields added where they are absent, to reach more code paths. */
	extraKeys: string[];
}

export const FUZZ_CHANNELS: Record<string, FuzzChannel> = {
	whatsapp: {
		label: 'WhatsApp Cloud API',
		shared: /^whatsapp-.*\.json$/,
		local: 'whatsapp',
		extraKeys: ['messages', 'statuses', 'contacts', 'errors', 'context', 'interactive', 'button_reply', 'list_reply', 'nfm_reply', 'reaction', 'location', 'image', 'document', 'user_preferences', 'message_echoes', 'metadata', 'profile', 'from_user_id', 'user_id', 'recipient_user_id', 'error_data', 'phones', 'emails', 'name'],
	},
	messenger: { label: 'Messenger', shared: /^messenger-.*\.json$/, local: 'messenger', extraKeys: metaMessagingKeys() },
	instagram: { label: 'Instagram', shared: /^instagram-.*\.json$/, local: 'instagram', extraKeys: metaMessagingKeys() },
	telegram: {
		label: 'Telegram',
		shared: /^telegram-.*\.json$/,
		local: 'telegram',
		extraKeys: ['message', 'edited_message', 'callback_query', 'from', 'chat', 'photo', 'document', 'animation', 'audio', 'voice', 'video', 'video_note', 'sticker', 'emoji', 'contact', 'location', 'venue', 'reply_markup', 'inline_keyboard', 'callback_data', 'data', 'game_short_name', 'caption', 'edit_date', 'phone_number', 'user_id', 'file_size', 'width', 'height'],
	},
	evolution: {
		label: 'Evolution API',
		shared: /^evolution-.*\.json$/,
		local: 'evolution',
		extraKeys: ['data', 'event', 'instance', 'key', 'message', 'remoteJid', 'remoteJidAlt', 'participant', 'participantAlt', 'fromMe', 'conversation', 'extendedTextMessage', 'imageMessage', 'documentMessage', 'locationMessage', 'liveLocationMessage', 'contactMessage', 'vcard', 'buttonsResponseMessage', 'listResponseMessage', 'singleSelectReply', 'templateButtonReplyMessage', 'interactiveResponseMessage', 'nativeFlowResponseMessage', 'paramsJson', 'ephemeralMessage', 'viewOnceMessage', 'contextInfo', 'stanzaId', 'messageTimestamp', 'low', 'high', 'status', 'keyId', 'update', 'mediaUrl', 'pushName', 'degreesLatitude', 'degreesLongitude'],
	},
	twilio: { label: 'Twilio', shared: /^twilio-.*\.form$/, local: 'twilio', extraKeys: [] },
	postmark: {
		label: 'Postmark',
		shared: /^email-inbound-postmark.*\.json$/,
		local: 'postmark',
		extraKeys: ['Headers', 'Attachments', 'ToFull', 'FromFull', 'Name', 'Value', 'Email', 'MessageID', 'Date', 'Subject', 'TextBody', 'StrippedTextReply', 'OriginalRecipient', 'ContentType', 'Content', 'ContentID', 'From', 'FromName', 'To'],
	},
	mailgun: { label: 'Mailgun', local: 'mailgun', extraKeys: [] },
};

function metaMessagingKeys(): string[] {
	return ['message', 'postback', 'reaction', 'delivery', 'read', 'seen', 'mids', 'mid', 'watermark', 'attachments', 'quick_reply', 'reply_to', 'story', 'is_echo', 'is_deleted', 'is_unsupported', 'payload', 'coordinates', 'lat', 'long', 'messaging', 'sender', 'recipient', 'emoji', 'action', 'title', 'url'];
}

/** The fixtures a channel's mutations start from: the shared ones, then this repository's own (not API answers). */
export function seedFiles(channel: FuzzChannel): string[] {
	const shared = channel.shared ? readdirSync(SHARED_CHANNEL_FIXTURES).filter((name) => channel.shared!.test(name)).map((name) => path.join(SHARED_CHANNEL_FIXTURES, name)) : [];
	const folder = path.join(LOCAL_FIXTURES, channel.local);
	const local = readdirSync(folder, { withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(json|form)$/.test(entry.name) && !/^(error|send)-/.test(entry.name))
		.map((entry) => path.join(folder, entry.name));
	return [...shared, ...local];
}
