import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { EVOLUTION_CREDENTIAL } from './credential';
import { listSearch } from './methods';
import { optionSubtitle } from '../shared/subtitle';

/** Sends WhatsApp messages through an Evolution API v2 server; each output item is the canonical outbound event. */
export class OmnichannelEvolution implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Evolution API',
		name: 'omnichannelEvolution',
		icon: 'file:evolution.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(message.description),
		description: 'Send WhatsApp text, media and buttons through an Evolution API server',
		defaults: { name: 'Omnichannel Evolution API' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: EVOLUTION_CREDENTIAL, required: true }],
		properties: message.description,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
