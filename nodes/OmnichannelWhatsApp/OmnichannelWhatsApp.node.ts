import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { properties } from './actions/node.description';
import { router } from './actions/router';
import { WHATSAPP_CLOUD_CREDENTIAL } from './credential';
import { listSearch } from './methods';
import { optionSubtitle } from '../shared/subtitle';

/** Sends on WhatsApp through Meta's Cloud API; every output item is the canonical event of what was sent. */
export class OmnichannelWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel WhatsApp',
		name: 'omnichannelWhatsApp',
		icon: 'file:whatsApp.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(properties),
		description: 'Send WhatsApp messages, media, templates, buttons and lists through the WhatsApp Cloud API',
		defaults: { name: 'WhatsApp' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: WHATSAPP_CLOUD_CREDENTIAL, required: true }],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
