import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { META_PAGE_CREDENTIAL } from '../MetaMessaging/credential';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { listSearch } from './methods';
import { optionSubtitle } from '../shared/subtitle';

/** Sends Messenger messages as a Facebook Page; each output item is the canonical outbound event. */
export class OmnichannelMessenger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Messenger',
		name: 'omnichannelMessenger',
		icon: 'file:messenger.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(message.description),
		description: 'Send Messenger messages as your Facebook Page, and record them in the customer history',
		defaults: { name: 'Omnichannel Messenger' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: META_PAGE_CREDENTIAL, required: true }],
		properties: message.description,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
