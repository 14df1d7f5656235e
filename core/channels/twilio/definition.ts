import type { HttpConnection, OutboundAddress, OutboundDefinition } from '../outbound-types';
import { customerIdentity, ReplyError, requiredAddress } from '../reply-address';
import { WHATSAPP_CUSTOMER_SERVICE_WINDOW } from '../session-window';
import { sendTwilioMessage, type TwilioApiConfig, type TwilioMessageInput } from './outbound';

export type TwilioConnection = HttpConnection<TwilioApiConfig>;

/** A recipient written "whatsapp:+…" goes on WhatsApp; the account is our number or Messaging Service (MG…). */
function address(message: OutboundAddress): TwilioMessageInput {
	const account = message.account?.trim() ?? '';
	const sender = /^MG/i.test(account) ? { messagingServiceSid: account } : { from: account };
	return { to: message.recipient, defaultCountry: message.defaultCountry, ...sender, includeRaw: message.includeRaw };
}

/** The template's numbered variables as Twilio's ContentVariables: {"1": "…", "2": "…"}. */
const contentVariables = (variables: string[] = []) => (variables.length ? JSON.stringify(Object.fromEntries(variables.map((value, index) => [String(index + 1), value]))) : undefined);

/** SMS, MMS and WhatsApp through Twilio: WhatsApp keeps its 24-hour window, past which a Content Template goes out. */
export const twilioOutbound: OutboundDefinition<TwilioConnection> = {
	route: 'twilio',
	label: 'Twilio (SMS, WhatsApp)',
	answers: [{ provider: 'twilio' }],
	capabilities: {
		text: { maxLength: 1600, unit: 'characters' },
		media: ['image', 'video', 'audio', 'document'],
		mediaCaption: true,
		templates: true,
		buttons: false,
	},
	sessionWindows: { whatsapp: WHATSAPP_CUSTOMER_SERVICE_WINDOW },
	rateLimits: [
		{ per: 'sender', max: 1, intervalMs: 1000, channel: 'sms', counts: 'SMS segments per US or Canadian long code (toll-free numbers 3, short codes 100); more wait in Twilio\'s queue for up to 4 hours' },
		{ per: 'sender', max: 10, intervalMs: 1000, channel: 'whatsapp', counts: 'WhatsApp text messages per sender by default (media 1.5); more wait in Twilio\'s queue for up to 4 hours' },
	],
	replyTarget: (event) => {
		if (event.channel === 'voice') throw new ReplyError('A call cannot be answered with a message: send an SMS with the Omnichannel Twilio node instead');
		const phone = requiredAddress(customerIdentity(event, 'phone'), event, 'phone number');
		return { route: 'twilio', recipient: event.channel === 'whatsapp' ? `whatsapp:${phone}` : phone, account: event.account };
	},
	send: {
		text: async ({ http, config }, message) => await sendTwilioMessage(http, config, { ...address(message), body: message.text }),
		media: async ({ http, config }, message) => await sendTwilioMessage(http, config, { ...address(message), body: message.caption ?? '', mediaUrls: [message.url] }),
		template: async ({ http, config }, message) =>
			await sendTwilioMessage(http, config, { ...address(message), contentSid: message.template, contentVariables: contentVariables(message.variables) }),
	},
};
