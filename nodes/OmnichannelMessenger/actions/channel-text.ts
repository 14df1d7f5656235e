import { MESSENGER_MAX_TEXT } from '../../../core/channels/messenger/outbound';
import type { SendChannelText } from '../../MetaMessaging/send-properties';

/** How the Messenger node names things in its parameters. */
export const MESSENGER_TEXT: SendChannelText = {
	label: 'Messenger',
	idName: 'PSID',
	triggerName: 'Omnichannel Messenger Trigger',
	maxText: `${MESSENGER_MAX_TEXT.max} ${MESSENGER_MAX_TEXT.unit}`,
	mediaTypes: [
		{ name: 'Audio', value: 'audio' },
		{ name: 'File', value: 'file', description: 'Any document, e.g. a PDF' },
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
};
