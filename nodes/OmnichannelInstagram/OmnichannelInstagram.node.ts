import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { META_PAGE_CREDENTIAL } from '../MetaMessaging/credential';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { listSearch } from './methods';
import { optionSubtitle } from '../shared/subtitle';

/** Sends Instagram direct messages as a professional account; each output item is the canonical outbound event. */
export class OmnichannelInstagram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Instagram',
		name: 'omnichannelInstagram',
		icon: 'file:instagram.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(message.description),
		description: 'Send Instagram direct messages as your professional account, and record them in the customer history',
		defaults: { name: 'Omnichannel Instagram' },
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
