import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { HUBSPOT_SIGNATURE_HEADER, HUBSPOT_TIMESTAMP_HEADER, parseHubSpotWebhook, verifyHubSpotRequest } from '../../core/crm/hubspot/webhook';
import { crmTriggerProperties, headerValue, receiveCrmWebhook } from '../shared/crm-webhook';
import { signedUrl } from '../shared/signed-url';
import { STORE_CREDENTIAL } from '../shared/store';
import { TRIGGER_VERSION } from '../shared/trigger-version';

/** n8n's own credential of a HubSpot developer app: its client secret signs the app's webhooks. */
export const HUBSPOT_APP_CREDENTIAL = 'hubspotDeveloperApi';

/**
 * Receives a HubSpot app's contact webhooks and applies what matters to identity to the
 * customer store: new e-mails and phones, merges, deletions and privacy deletions.
 */
export class OmnichannelHubSpotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel HubSpot Trigger',
		name: 'omnichannelHubSpotTrigger',
		icon: 'file:hubspot.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		subtitle: 'Contact e-mails, phones, merges and deletions',
		description: "Keeps customers in step with HubSpot: a contact's new e-mail or phone, contacts merged, and contacts deleted or erased for privacy",
		defaults: { name: 'Omnichannel HubSpot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: HUBSPOT_APP_CREDENTIAL, displayName: 'HubSpot App (Client Secret)', required: true },
			{ name: STORE_CREDENTIAL, displayName: 'Customer Store', required: false },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'HubSpot sends these webhooks to an app: in your developer account, open the app (the one whose Client ID and Client Secret are in the credential), Webhooks, and paste the Production URL above as the Target URL. Then create these contact subscriptions: "propertyChange" for the properties email, phone and mobilephone; "merge"; "deletion"; and "privacyDeletion". Activate them, and install the app in the HubSpot account. Every request is checked with the app\'s client secret (X-HubSpot-Signature-v3); one signed more than 5 minutes ago is refused.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Public Webhook URL',
				name: 'publicUrl',
				type: 'string',
				default: '',
				placeholder: 'https://hooks.example.com/webhook/…/webhook',
				description:
					"Only when n8n runs behind a reverse proxy that changes the address: the exact Target URL set in the HubSpot app. HubSpot signs that URL, so the check fails if it differs from what n8n sees. Leave empty to use the Production URL above.",
			},
			...crmTriggerProperties,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credential = await this.getCredentials(HUBSPOT_APP_CREDENTIAL);
		const url = signedUrl(this, this.getNodeParameter('publicUrl', '') as string);
		const method = this.getRequestObject().method ?? 'POST';
		return await receiveCrmWebhook(this, {
			crm: 'HubSpot',
			check: (body) =>
				verifyHubSpotRequest({
					method,
					url,
					body,
					signature: headerValue(this, HUBSPOT_SIGNATURE_HEADER),
					timestamp: headerValue(this, HUBSPOT_TIMESTAMP_HEADER),
					clientSecret: String(credential.clientSecret ?? ''),
				}),
			parse: parseHubSpotWebhook,
		});
	}
}
