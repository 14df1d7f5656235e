import { INSTAGRAM_MAX_TEXT } from '../../../core/channels/instagram/outbound';
import type { SendChannelText } from '../../MetaMessaging/send-properties';

/** How the Instagram node names things in its parameters. */
export const INSTAGRAM_TEXT: SendChannelText = {
	label: 'Instagram',
	idName: 'IGSID',
	triggerName: 'Omnichannel Instagram Trigger',
	maxText: `${INSTAGRAM_MAX_TEXT.max} ${INSTAGRAM_MAX_TEXT.unit}`,
	mediaTypes: [
		{ name: 'Audio', value: 'audio' },
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
};
