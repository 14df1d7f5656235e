import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { sendEachItem } from '../shared/send-items';
import { TELEGRAM_CREDENTIAL, telegramBotConfig } from './bot-config';
import { runTelegramOperation } from './operations';
import { telegramProperties } from './properties';
import { optionSubtitle } from '../shared/subtitle';

/** Sends on Telegram as a bot; every output item is the canonical outbound event, ready for the customer's history. */
export class OmnichannelTelegram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Telegram',
		name: 'omnichannelTelegram',
		icon: 'file:omnichannelTelegram.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(telegramProperties),
		description: 'Send messages, photos and documents with buttons from a Telegram bot, and answer button presses',
		defaults: { name: 'Omnichannel Telegram' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: TELEGRAM_CREDENTIAL, required: true }],
		properties: telegramProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const config = await telegramBotConfig(this);
		const client = n8nHttpClient(this, TELEGRAM_CREDENTIAL);
		return await sendEachItem(this, async (itemIndex) => {
			const { event, response } = await runTelegramOperation(this, itemIndex, client, config);
			const includeRaw = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includeRaw === true;
			return includeRaw ? { ...event, raw: response } : event;
		});
	}
}
