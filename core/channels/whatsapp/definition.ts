import type { HttpConnection, OutboundAddress, OutboundDefinition } from '../outbound-types';
import { customerIdentity, requiredAddress } from '../reply-address';
import { WHATSAPP_CUSTOMER_SERVICE_WINDOW } from '../session-window';
import { sendMedia, sendReplyButtons, sendTemplate, sendText, type SendCommon, type WhatsAppCloudConfig } from './outbound';

export type WhatsAppCloudConnection = HttpConnection<WhatsAppCloudConfig>;

/** The phone number that sends: `account` (another number of the same business) or the connection's own. */
export function whatsappSenderConfig(config: WhatsAppCloudConfig, account: string | undefined): WhatsAppCloudConfig {
	const phoneNumberId = account?.trim();
	return phoneNumberId ? { ...config, phoneNumberId } : config;
}

const from = ({ config }: WhatsAppCloudConnection, message: OutboundAddress) => whatsappSenderConfig(config, message.account);

const common = (message: OutboundAddress): SendCommon => ({ recipient: message.recipient, defaultCountry: message.defaultCountry, includeRaw: message.includeRaw });

/** WhatsApp through Meta's Cloud API: a business phone number, its 24-hour window and approved templates. */
export const whatsappCloudOutbound: OutboundDefinition<WhatsAppCloudConnection> = {
	route: 'whatsappCloud',
	label: 'WhatsApp (Cloud API)',
	answers: [{ provider: 'meta', channel: 'whatsapp' }],
	capabilities: {
		text: { maxLength: 4096, unit: 'characters' },
		media: ['image', 'video', 'audio', 'document'],
		mediaCaption: true,
		templates: true,
		buttons: { max: 3 },
	},
	sessionWindows: { whatsapp: WHATSAPP_CUSTOMER_SERVICE_WINDOW },
	rateLimits: [
		{ per: 'sender', max: 80, intervalMs: 1000, counts: 'messages in and out of one business phone number (Meta raises it to 1,000 for eligible numbers)', errorCode: 130429 },
		{ per: 'recipient', max: 1, intervalMs: 6000, counts: 'messages from one business number to one customer (pair rate; short bursts are tolerated)', errorCode: 131056 },
	],
	replyTarget: (event) => ({
		route: 'whatsappCloud',
		recipient: requiredAddress(customerIdentity(event, 'phone', 'whatsapp_bsuid'), event, 'WhatsApp sender'),
		account: event.account,
	}),
	send: {
		text: async (connection, message) => await sendText(connection.http, from(connection, message), { ...common(message), text: message.text }),
		media: async (connection, message) =>
			await sendMedia(connection.http, from(connection, message), { ...common(message), type: message.mediaType, link: message.url, caption: message.caption, filename: message.filename }),
		template: async (connection, message) =>
			await sendTemplate(connection.http, from(connection, message), {
				...common(message),
				template: { name: message.template, languageCode: message.language ?? '', bodyParameters: (message.variables ?? []).map((text) => ({ text })) },
			}),
		buttons: async (connection, message) => await sendReplyButtons(connection.http, from(connection, message), { ...common(message), body: message.text, buttons: message.buttons }),
	},
};
