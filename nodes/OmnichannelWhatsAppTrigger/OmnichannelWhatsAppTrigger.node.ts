import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { answerMetaHandshake } from '../shared/meta-handshake';
import type { InboundAdapter } from '../../core/channels/types';
import { whatsappInboundAdapter } from '../../core/channels/whatsapp/inbound';
import type { CanonicalEvent } from '../../core/model';
import { receiveChannelWebhook } from '../shared/channel-webhook';
import { readWhatsAppCredential, WHATSAPP_CLOUD_CREDENTIAL } from '../OmnichannelWhatsApp/credential';
import { STORE_CREDENTIAL } from '../shared/store';
import { metaVerifyToken } from '../../core/channels/meta/verify-token';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { whatsAppRegistrationProperties, whatsAppRegistrationSteps } from './webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';

type EventFilter = 'all' | 'messages' | 'statuses';

/** Messages covers everything a customer does (messages, button and list replies, reactions, consent changes); statuses the ticks of what we sent. */
function wanted(filter: EventFilter): (event: CanonicalEvent) => boolean {
	if (filter === 'messages') return (event) => event.type !== 'status';
	if (filter === 'statuses') return (event) => event.type === 'status';
	return () => true;
}

/** The WhatsApp adapter, keeping only the events this trigger emits (so the others are never remembered as seen). */
function filteredAdapter(filter: EventFilter): InboundAdapter {
	if (filter === 'all') return whatsappInboundAdapter;
	const keep = wanted(filter);
	return { ...whatsappInboundAdapter, parse: (body, options) => whatsappInboundAdapter.parse(body, options).filter(keep) };
}

/** Starts a workflow for each customer message and delivery status that arrives on a WhatsApp Cloud API number. */
export class OmnichannelWhatsAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel WhatsApp Trigger',
		name: 'omnichannelWhatsAppTrigger',
		icon: 'file:whatsApp.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		subtitle: '={{ {"all": "Messages and statuses", "messages": "Messages", "statuses": "Statuses"}[$parameter["events"]] }}',
		description: 'Starts the workflow when a customer writes on WhatsApp (Cloud API), or a message you sent is delivered, read or fails',
		defaults: { name: 'WhatsApp Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: WHATSAPP_CLOUD_CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			...whatsAppRegistrationProperties,
			{
				displayName: 'Events',
				name: 'events',
				type: 'options',
				options: [
					{ name: 'Messages and Statuses', value: 'all', description: 'Everything below' },
					{ name: 'Messages', value: 'messages', description: 'What customers send: text, media, locations, contacts, button and list replies, reactions, and consent events when they stop or resume marketing messages' },
					{ name: 'Statuses', value: 'statuses', description: 'Sent, delivered, read and failed (with the reason) for the messages you send' },
				],
				default: 'all',
				description: 'Which WhatsApp events start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Include Our Own Messages',
						name: 'includeEchoes',
						type: 'boolean',
						default: false,
						description: 'Whether to also output messages sent from the WhatsApp Business app on the same number (coexistence echoes), as outbound events',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to add the message or status exactly as WhatsApp sent it, in a "raw" field',
					},
				],
			},
		],
	};

	webhookMethods = selfRegisteringWebhook('Meta', whatsAppRegistrationSteps);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credential = readWhatsAppCredential(await this.getCredentials(WHATSAPP_CLOUD_CREDENTIAL));
		if (this.getWebhookName() === 'setup') {
			return answerMetaHandshake(this, metaVerifyToken(credential.verifyToken, credential.appSecret, this.getNode().webhookId), 'WhatsApp');
		}
		const events = this.getNodeParameter('events', 'all') as EventFilter;
		const options = this.getNodeParameter('options', {}) as { includeRaw?: boolean; includeEchoes?: boolean };
		return await receiveChannelWebhook(this, {
			adapter: filteredAdapter(events),
			secret: credential.appSecret,
			parseOptions: { includeRaw: options.includeRaw === true, includeEchoes: options.includeEchoes === true },
		});
	}
}
