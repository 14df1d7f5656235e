import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { TELEGRAM_CREDENTIAL } from './bot-config';
import { STORE_CREDENTIAL } from '../shared/store';
import { optionSubtitle } from '../shared/subtitle';

/** Sends on Telegram as a bot; every output item is the canonical outbound event, ready for the customer's history. */
export class OmnichannelTelegram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Telegram',
		name: 'omnichannelTelegram',
		icon: 'file:omnichannelTelegram.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(message.description),
		description: 'Send messages, photos and documents with buttons from a Telegram bot, and answer button presses',
		defaults: { name: 'Omnichannel Telegram' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: TELEGRAM_CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Consent (Blocked Bot)', required: false }],
		properties: message.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
