import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { instagramInboundAdapter } from '../../core/channels/instagram/inbound';
import { META_PAGE_CREDENTIAL } from '../MetaMessaging/credential';
import { META_WEBHOOKS, metaTriggerProperties, receiveMetaWebhook } from '../MetaMessaging/trigger';
import { STORE_CREDENTIAL } from '../shared/store';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { metaRegistrationSteps } from '../MetaMessaging/webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';

/** Starts a workflow for every direct message, quick reply, postback, reaction and seen receipt on an Instagram professional account. */
export class OmnichannelInstagramTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Instagram Trigger',
		name: 'omnichannelInstagramTrigger',
		icon: 'file:instagram.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		description: 'Starts the workflow when a customer sends your Instagram account a direct message',
		defaults: { name: 'Omnichannel Instagram Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: META_PAGE_CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: META_WEBHOOKS,
		properties: metaTriggerProperties('Instagram'),
	};

	webhookMethods = selfRegisteringWebhook('Meta', async (context) => await metaRegistrationSteps(context, 'Instagram'));

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveMetaWebhook(this, instagramInboundAdapter);
	}
}
