import type { INodePropertyOptions } from 'n8n-workflow';

/** The channels as a person picks them in a node. */
export const CHANNEL_OPTIONS: INodePropertyOptions[] = [
	{ name: 'E-Mail', value: 'email' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'Messenger', value: 'messenger' },
	{ name: 'Phone Call', value: 'voice' },
	{ name: 'SMS', value: 'sms' },
	{ name: 'Telegram', value: 'telegram' },
	{ name: 'Web Chat', value: 'webchat' },
	{ name: 'WhatsApp', value: 'whatsapp' },
];
