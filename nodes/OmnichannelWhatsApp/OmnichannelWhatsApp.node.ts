import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { sendEachItem } from '../shared/send-items';
import { readWhatsAppCredential, senderConfig, WHATSAPP_CLOUD_CREDENTIAL } from './credential';
import { whatsappOperations } from './operations';
import { whatsappProperties } from './properties';
import { optionSubtitle } from '../shared/subtitle';

/** Sends on WhatsApp through Meta's Cloud API; every output item is the canonical event of what was sent. */
export class OmnichannelWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel WhatsApp',
		name: 'omnichannelWhatsApp',
		icon: 'file:whatsApp.svg',
		group: ['output'],
		version: 1,
		subtitle: optionSubtitle(whatsappProperties),
		description: 'Send WhatsApp messages, media, templates, buttons and lists through the WhatsApp Cloud API',
		defaults: { name: 'WhatsApp' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: WHATSAPP_CLOUD_CREDENTIAL, required: true }],
		properties: whatsappProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const run = whatsappOperations[operation];
		if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
		const credential = readWhatsAppCredential(await this.getCredentials(WHATSAPP_CLOUD_CREDENTIAL));
		const client = n8nHttpClient(this, WHATSAPP_CLOUD_CREDENTIAL);
		return await sendEachItem(this, async (itemIndex) => {
			const sender = (this.getNodeParameter('options', itemIndex, {}) as { phoneNumberId?: string }).phoneNumberId;
			return await run(this, client, senderConfig(credential, sender), itemIndex);
		});
	}
}
