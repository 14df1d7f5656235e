import { metaMediaType, metaReplyTarget, metaSendInput, metaSendLimits } from '../meta/messaging-route';
import type { HttpConnection, OutboundDefinition } from '../outbound-types';
import { META_MESSAGING_WINDOW } from '../session-window';
import { MESSENGER_MAX_TEXT, sendMessengerMedia, sendMessengerQuickReplies, sendMessengerText, type MessengerConfig } from './outbound';
import { MAX_QUICK_REPLIES } from '../meta/message-content';

export type MessengerConnection = HttpConnection<MessengerConfig>;

/** Messenger as a Facebook Page: 24 hours after the customer's last message, 7 days for a person answering. */
export const messengerOutbound: OutboundDefinition<MessengerConnection> = {
	route: 'messenger',
	label: 'Messenger',
	answers: [{ provider: 'meta', channel: 'messenger' }],
	capabilities: {
		text: { maxLength: MESSENGER_MAX_TEXT.max, unit: MESSENGER_MAX_TEXT.unit },
		media: ['image', 'video', 'audio', 'document'],
		mediaCaption: false,
		templates: false,
		buttons: { max: MAX_QUICK_REPLIES },
	},
	sessionWindows: { messenger: META_MESSAGING_WINDOW },
	rateLimits: metaSendLimits('Page', 80006),
	replyTarget: (event) => metaReplyTarget(event, 'messenger', 'Messenger'),
	send: {
		text: async ({ http, config }, message) => await sendMessengerText(http, config, { ...metaSendInput(message), text: message.text }),
		media: async ({ http, config }, message) =>
			await sendMessengerMedia(http, config, { ...metaSendInput(message), mediaType: metaMediaType(message, 'Messenger', 'file'), url: message.url }),
		buttons: async ({ http, config }, message) =>
			await sendMessengerQuickReplies(http, config, { ...metaSendInput(message), text: message.text, options: message.buttons.map((button) => ({ title: button.title, payload: button.id })) }),
	},
};
