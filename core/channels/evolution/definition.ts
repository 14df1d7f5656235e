import type { HttpConnection, OutboundAddress, OutboundDefinition } from '../outbound-types';
import { customerIdentity, requiredAddress } from '../reply-address';
import { sendEvolutionButtons, sendEvolutionMedia, sendEvolutionText, type EvolutionMessageBase, type EvolutionSendConfig } from './outbound';

export type EvolutionConnection = HttpConnection<EvolutionSendConfig>;

/** The instance that sends: `account` (another instance the API key may use) or the connection's own. */
export function evolutionSenderConfig(config: EvolutionSendConfig, account: string | undefined, includeRaw?: boolean): EvolutionSendConfig {
	return { ...config, instance: account?.trim() || config.instance, includeRaw: includeRaw ?? config.includeRaw };
}

const from = ({ config }: EvolutionConnection, message: OutboundAddress) => evolutionSenderConfig(config, message.account, message.includeRaw);

const base = (message: OutboundAddress): EvolutionMessageBase => ({ to: message.recipient, defaultCountry: message.defaultCountry });

/**
 * WhatsApp through an Evolution API server, which drives WhatsApp Web: no session window
 * and no templates, and no limits published (WhatsApp bans numbers that send like spam).
 */
export const evolutionOutbound: OutboundDefinition<EvolutionConnection> = {
	route: 'evolution',
	label: 'WhatsApp (Evolution API)',
	answers: [{ provider: 'evolution' }],
	capabilities: {
		text: { unit: 'characters' },
		media: ['image', 'video', 'audio', 'document'],
		mediaCaption: true,
		templates: false,
		buttons: { max: 3 },
	},
	sessionWindows: {},
	rateLimits: [],
	// A sender known only by a LID is answered on that LID's chat.
	replyTarget: (event) => ({ route: 'evolution', recipient: requiredAddress(customerIdentity(event, 'phone', 'external'), event, 'WhatsApp sender'), account: event.account }),
	send: {
		text: async (connection, message) => await sendEvolutionText(connection.http, from(connection, message), { ...base(message), text: message.text }),
		media: async (connection, message) =>
			await sendEvolutionMedia(connection.http, from(connection, message), { ...base(message), mediaType: message.mediaType, media: message.url, caption: message.caption, fileName: message.filename }),
		buttons: async (connection, message) =>
			await sendEvolutionButtons(connection.http, from(connection, message), {
				...base(message),
				title: message.text,
				buttons: message.buttons.map((button) => ({ type: 'reply', id: button.id, displayText: button.title })),
			}),
	},
};
