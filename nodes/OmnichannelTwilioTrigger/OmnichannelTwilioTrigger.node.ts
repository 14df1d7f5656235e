import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import type { InboundAdapter } from '../../core/channels/types';
import type { CanonicalEvent } from '../../core/model';
import { twilioInbound } from '../../core/channels/twilio/inbound';
import { receiveChannelWebhook } from '../shared/channel-webhook';

import { TWILIO_CREDENTIAL as CREDENTIAL } from '../OmnichannelTwilio/credential';
import { STORE_CREDENTIAL } from '../shared/store';
import { selfRegisteringWebhook } from '../shared/webhook-registration';
import { twilioRegistrationProperties, twilioRegistrationSteps } from './webhook-registration';
import { TRIGGER_VERSION } from '../shared/trigger-version';
import { signedUrl } from '../shared/signed-url';

/** Twilio expects TwiML back; an empty Response sends no automatic reply. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Which canonical event types each choice of "Events" lets through. The choice of consent
 * events keeps its first value, `optout`, so that saved workflows keep their choice.
 */
const EVENT_TYPES: Record<string, CanonicalEvent['type'][]> = {
	message: ['message', 'action'],
	optout: ['consent'],
	status: ['status'],
	call: ['call'],
};

/** The Twilio adapter, keeping only the kinds of events the node is set to emit. */
function filteredAdapter(events: string[]): InboundAdapter {
	const wanted = new Set(events.flatMap((choice) => EVENT_TYPES[choice] ?? []));
	return { ...twilioInbound, parse: (body, options) => twilioInbound.parse(body, options).filter((event) => wanted.has(event.type)) };
}

/** Receives Twilio's webhooks: incoming SMS, MMS and WhatsApp, message statuses, voice call statuses. */
export class OmnichannelTwilioTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Twilio Trigger',
		name: 'omnichannelTwilioTrigger',
		icon: 'file:twilio.svg',
		group: ['trigger'],
		...TRIGGER_VERSION,
		subtitle: 'SMS, MMS, statuses and calls',
		description: 'Starts the workflow when a customer texts your Twilio number, a message you sent changes status, or a call changes status',
		defaults: { name: 'Omnichannel Twilio Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }, { name: STORE_CREDENTIAL, displayName: 'Store for Redelivery Checks', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			...twilioRegistrationProperties,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Incoming Messages', value: 'message', description: 'SMS, MMS and WhatsApp messages, button replies, HELP requests' },
					{ name: 'Message Statuses', value: 'status', description: 'Sent, delivered, read, undelivered or failed, for messages you sent' },
					{ name: 'Consent Changes', value: 'optout', description: 'Consent events: a customer replied STOP (or a synonym) to stop every message, or START/YES/UNSTOP to receive them again' },
					{ name: 'Voice Call Statuses', value: 'call', description: 'Ringing, answered, completed, busy, no answer…' },
				],
				default: ['message', 'status', 'optout', 'call'],
				description: 'Which events start the workflow; the others are answered and ignored',
			},
			{
				displayName: 'Public Webhook URL',
				name: 'publicUrl',
				type: 'string',
				default: '',
				placeholder: 'https://hooks.example.com/webhook/…/webhook',
				description:
					'Only when n8n runs behind a reverse proxy that changes the address: the exact URL set in the Twilio Console (and the one Webhook Registration sets there). Twilio signs that URL, so the check fails if it differs from what n8n sees. Leave empty to use the Production URL above.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to add the form fields Twilio sent to each event, under "raw"',
					},
				],
			},
		],
	};

	webhookMethods = selfRegisteringWebhook('Twilio', twilioRegistrationSteps);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credential = await this.getCredentials(CREDENTIAL);
		const events = this.getNodeParameter('events', ['message', 'status', 'optout', 'call']) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		return await receiveChannelWebhook(this, {
			adapter: filteredAdapter(events),
			secret: String(credential.authToken ?? ''),
			url: signedUrl(this, this.getNodeParameter('publicUrl', '') as string),
			parseOptions: { includeRaw: options.includeRaw === true },
			acknowledge: { contentType: 'text/xml', body: EMPTY_TWIML },
		});
	}
}
