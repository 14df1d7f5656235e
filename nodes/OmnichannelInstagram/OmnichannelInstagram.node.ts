import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { INSTAGRAM_MAX_TEXT, sendInstagramMedia, sendInstagramQuickReplies, sendInstagramText, type InstagramConfig } from '../../core/channels/instagram/outbound';
import { META_PAGE_CREDENTIAL } from '../MetaMessaging/credential';
import { sendProperties } from '../MetaMessaging/send-properties';
import { optionSubtitle } from '../shared/subtitle';
import { sendMetaItems, type ChannelSender } from '../MetaMessaging/send-items';

const sendOnInstagram: ChannelSender = (client, credential, request) => {
	const config: InstagramConfig = {
		baseUrl: credential.baseUrl,
		version: credential.graphApiVersion,
		pageId: credential.pageId,
		igAccountId: credential.igAccountId,
	};
	const common = { recipient: request.recipient, window: request.window, includeRaw: request.includeRaw };
	if (request.operation === 'sendMedia') return sendInstagramMedia(client, config, { ...common, mediaType: request.mediaType, url: request.url });
	if (request.operation === 'sendQuickReplies') return sendInstagramQuickReplies(client, config, { ...common, text: request.text, options: request.options });
	return sendInstagramText(client, config, { ...common, text: request.text });
};

const properties = sendProperties({
	label: 'Instagram',
	idName: 'IGSID',
	triggerName: 'Omnichannel Instagram Trigger',
	maxText: `${INSTAGRAM_MAX_TEXT.max} ${INSTAGRAM_MAX_TEXT.unit}`,
	mediaTypes: [
		{ name: 'Audio', value: 'audio' },
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
});

/** Sends Instagram direct messages as a professional account; each output item is the canonical outbound event. */
export class OmnichannelInstagram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Instagram',
		name: 'omnichannelInstagram',
		icon: 'file:instagram.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(properties),
		description: 'Send Instagram direct messages as your professional account, and record them in the customer history',
		defaults: { name: 'Omnichannel Instagram' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: META_PAGE_CREDENTIAL, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendMetaItems(this, sendOnInstagram);
	}
}
