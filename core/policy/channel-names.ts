import type { Channel } from '../model';

const NAMES: Record<Channel, string> = {
	whatsapp: 'WhatsApp',
	messenger: 'Messenger',
	instagram: 'Instagram',
	telegram: 'Telegram',
	sms: 'SMS',
	voice: 'voice',
	email: 'e-mail',
	webchat: 'web chat',
};

/** A channel as people write it, for reasons: "WhatsApp", "SMS", "e-mail". */
export const channelName = (channel: Channel) => NAMES[channel] ?? channel;
