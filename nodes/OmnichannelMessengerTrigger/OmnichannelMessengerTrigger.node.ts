import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { messengerInboundAdapter } from '../../core/channels/messenger/inbound';
import { META_PAGE_CREDENTIAL } from '../MetaMessaging/credential';
import { META_WEBHOOKS, metaTriggerProperties, receiveMetaWebhook } from '../MetaMessaging/trigger';
import { STORE_CREDENTIAL } from '../shared/store';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { metaRegistrationSteps } from '../MetaMessaging/webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';

/** Starts a workflow for every message, quick reply, postback, reaction, delivery and read on a Facebook Page. */
export class OmnichannelMessengerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Messenger Trigger',
		name: 'omnichannelMessengerTrigger',
		icon: 'file:messenger.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		description: 'Starts the workflow when a customer writes to your Facebook Page on Messenger',
		defaults: { name: 'Omnichannel Messenger Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: META_PAGE_CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: META_WEBHOOKS,
		properties: metaTriggerProperties('Messenger'),
	};

	webhookMethods = selfRegisteringWebhook('Meta', async (context) => await metaRegistrationSteps(context, 'Messenger'));

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveMetaWebhook(this, messengerInboundAdapter);
	}
}
