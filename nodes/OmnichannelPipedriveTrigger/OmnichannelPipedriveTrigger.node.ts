import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { parsePipedriveWebhook, verifyPipedriveBasicAuth } from '../../core/crm/pipedrive/webhook';
import { crmTriggerProperties, headerValue, receiveCrmWebhook } from '../shared/crm-webhook';
import { STORE_CREDENTIAL } from '../shared/store';
import { TRIGGER_VERSION } from '../shared/trigger-version';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { BASIC_AUTH_CREDENTIAL, PIPEDRIVE_API_CREDENTIAL, pipedriveRegistrationProperties, pipedriveRegistrationSteps } from './webhook-registration';

/**
 * Receives Pipedrive's person webhooks (version 2.0) and applies what matters to identity to
 * the customer store: new e-mails and phones, merges, deletions.
 */
export class OmnichannelPipedriveTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Pipedrive Trigger',
		name: 'omnichannelPipedriveTrigger',
		icon: 'file:pipedrive.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		subtitle: 'Person e-mails, phones, merges and deletions',
		description: "Keeps customers in step with Pipedrive: a person's new e-mail or phone, persons merged, and persons deleted",
		defaults: { name: 'Omnichannel Pipedrive Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: BASIC_AUTH_CREDENTIAL, displayName: 'Basic Auth of the Webhook', required: true },
			// Not tied to Webhook Registration by display options: n8n's editor would draw that parameter among the credentials.
			{ name: PIPEDRIVE_API_CREDENTIAL, displayName: 'Pipedrive API Token (to Create the Webhook)', required: false },
			{ name: STORE_CREDENTIAL, displayName: 'Customer Store', required: false },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [...pipedriveRegistrationProperties, ...crmTriggerProperties],
	};

	webhookMethods = selfRegisteringWebhook('Pipedrive', pipedriveRegistrationSteps);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const auth = await this.getCredentials(BASIC_AUTH_CREDENTIAL);
		return await receiveCrmWebhook(this, {
			crm: 'Pipedrive',
			check: () => verifyPipedriveBasicAuth({ authorization: headerValue(this, 'authorization'), user: String(auth.user ?? ''), password: String(auth.password ?? '') }),
			parse: parsePipedriveWebhook,
		});
	}
}
