import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { MESSENGER_MAX_TEXT, sendMessengerMedia, sendMessengerQuickReplies, sendMessengerText, type MessengerConfig } from '../../core/channels/messenger/outbound';
import { META_PAGE_CREDENTIAL } from '../MetaMessaging/credential';
import { sendProperties } from '../MetaMessaging/send-properties';
import { optionSubtitle } from '../shared/subtitle';
import { sendMetaItems, type ChannelSender } from '../MetaMessaging/send-items';

const sendOnMessenger: ChannelSender = (client, credential, request) => {
	const config: MessengerConfig = { baseUrl: credential.baseUrl, version: credential.graphApiVersion, pageId: credential.pageId };
	const common = { recipient: request.recipient, window: request.window, notificationType: request.notificationType, includeRaw: request.includeRaw };
	if (request.operation === 'sendMedia') return sendMessengerMedia(client, config, { ...common, mediaType: request.mediaType, url: request.url, reusable: request.reusable });
	if (request.operation === 'sendQuickReplies') return sendMessengerQuickReplies(client, config, { ...common, text: request.text, options: request.options });
	return sendMessengerText(client, config, { ...common, text: request.text });
};

const properties = sendProperties({
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
});

/** Sends Messenger messages as a Facebook Page; each output item is the canonical outbound event. */
export class OmnichannelMessenger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Messenger',
		name: 'omnichannelMessenger',
		icon: 'file:messenger.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(properties),
		description: 'Send Messenger messages as your Facebook Page, and record them in the customer history',
		defaults: { name: 'Omnichannel Messenger' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: META_PAGE_CREDENTIAL, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendMetaItems(this, sendOnMessenger);
	}
}
