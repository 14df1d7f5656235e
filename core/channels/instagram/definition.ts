import { MAX_QUICK_REPLIES } from '../meta/message-content';
import { metaMediaType, metaReplyTarget, metaSendInput, metaSendLimits } from '../meta/messaging-route';
import type { HttpConnection, OutboundDefinition } from '../outbound-types';
import { META_MESSAGING_WINDOW } from '../session-window';
import { INSTAGRAM_MAX_TEXT, sendInstagramMedia, sendInstagramQuickReplies, sendInstagramText, type InstagramConfig } from './outbound';

export type InstagramConnection = HttpConnection<InstagramConfig>;

/** Instagram direct messages as a professional account: 24 hours after the customer's last message, 7 days for a person answering. */
export const instagramOutbound: OutboundDefinition<InstagramConnection> = {
	route: 'instagram',
	label: 'Instagram',
	answers: [{ provider: 'meta', channel: 'instagram' }],
	capabilities: {
		text: { maxLength: INSTAGRAM_MAX_TEXT.max, unit: INSTAGRAM_MAX_TEXT.unit },
		media: ['image', 'video', 'audio'],
		mediaCaption: false,
		templates: false,
		buttons: { max: MAX_QUICK_REPLIES },
	},
	sessionWindows: { instagram: META_MESSAGING_WINDOW },
	rateLimits: metaSendLimits('Instagram professional account', 80002),
	replyTarget: (event) => metaReplyTarget(event, 'instagram', 'Instagram'),
	send: {
		text: async ({ http, config }, message) => await sendInstagramText(http, config, { ...metaSendInput(message), text: message.text }),
		media: async ({ http, config }, message) => await sendInstagramMedia(http, config, { ...metaSendInput(message), mediaType: metaMediaType(message, 'Instagram'), url: message.url }),
		buttons: async ({ http, config }, message) =>
			await sendInstagramQuickReplies(http, config, { ...metaSendInput(message), text: message.text, options: message.buttons.map((button) => ({ title: button.title, payload: button.id })) }),
	},
};
