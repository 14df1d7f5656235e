import { NodeOperationError, type IHookFunctions, type INodeProperties } from 'n8n-workflow';
import { normalizePhone } from '../../core/identity/phone';
import {
	callbacksPointHere,
	incomingNumber,
	messagingService,
	numberCallbackGroups,
	registerCallbacks,
	serviceCallbackGroups,
	unregisterCallbacks,
	type CallbackGroup,
	type TwilioCallbackResource,
	type TwilioCallbackState,
} from '../../core/channels/twilio/webhook-registration';
import { TWILIO_CREDENTIAL, twilioApiConfig } from '../OmnichannelTwilio/credential';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { webhookUrlOf, type RegistrationStep } from '../shared/webhook-registration';

type Registration = 'manual' | 'phoneNumber' | 'messagingService';

export const twilioRegistrationProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Registration',
		name: 'webhookRegistration',
		type: 'options',
		options: [
			{ name: 'Off', value: 'manual', description: 'Nothing is registered: paste the URL into the Twilio Console yourself' },
			{
				name: 'On a Phone Number',
				value: 'phoneNumber',
				description: 'Activating the workflow sets the number\'s "A message comes in" and call status URLs to this node; deactivating puts back what was there',
			},
			{
				name: 'On a Messaging Service',
				value: 'messagingService',
				description: "Activating the workflow sets the service's incoming message and status callback URLs to this node; deactivating puts back what was there",
			},
		],
		default: 'manual',
		description: 'How this node gets Twilio to send it webhooks',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550100',
		description: 'One of your Twilio numbers, with + and the country code, as shown under Phone Numbers > Manage > Active numbers',
		displayOptions: { show: { webhookRegistration: ['phoneNumber'] } },
	},
	{
		displayName: 'Messaging Service SID',
		name: 'messagingServiceSid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'Starts with MG; shown under Messaging > Services in the Twilio Console',
		displayOptions: { show: { webhookRegistration: ['messagingService'] } },
	},
	{
		displayName:
			'One URL serves all three: incoming messages, message status callbacks and voice call status events. Paste the Production URL above into the Twilio Console (your phone number: "A message comes in" and "Call status changes", both HTTP POST), and into the Status Callback URL of the Omnichannel Twilio node.',
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['manual'] } },
	},
	{
		displayName:
			'Activating the workflow sets the number\'s "A message comes in" URL (for incoming messages and opt-outs) and its "Call status changes" URL (for call statuses) to this node. Statuses of the messages you send come from the Status Callback URL of the Omnichannel Twilio node: paste the Production URL there.',
		name: 'numberNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['phoneNumber'] } },
	},
	{
		displayName:
			"Activating the workflow sets the Messaging Service's incoming message URL (used instead of each number's own) and its status callback URL to this node. Call statuses still come from each number's \"Call status changes\" URL in the Twilio Console.",
		name: 'serviceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { webhookRegistration: ['messagingService'] } },
	},
];

/** What Twilio signs and calls: the public URL when n8n sits behind a proxy that changes it. */
function registeredUrl(context: IHookFunctions): string {
	return (context.getNodeParameter('publicUrl', '') as string).trim() || webhookUrlOf(context);
}

function callbackStep(name: string, resource: () => TwilioCallbackResource, groups: CallbackGroup[], allGroups: CallbackGroup[], client: ReturnType<typeof n8nHttpClient>): RegistrationStep {
	return {
		name,
		exists: async () => await callbacksPointHere(client, resource(), groups),
		register: async () => await registerCallbacks(client, resource(), groups),
		// Every kind of callback is looked at, in case the events chosen changed since activation.
		unregister: async (state) => await unregisterCallbacks(client, resource(), allGroups, state as unknown as TwilioCallbackState),
	};
}

export async function twilioRegistrationSteps(context: IHookFunctions): Promise<RegistrationStep[]> {
	const registration = context.getNodeParameter('webhookRegistration', 'manual') as Registration;
	if (registration === 'manual') return [];
	const node = context.getNode();
	const config = twilioApiConfig(await context.getCredentials(TWILIO_CREDENTIAL));
	const client = n8nHttpClient(context, TWILIO_CREDENTIAL);
	const url = registeredUrl(context);
	const events = new Set(context.getNodeParameter('events', ['message', 'status', 'optout', 'call']) as string[]);
	const incoming = events.has('message') || events.has('optout');

	if (registration === 'phoneNumber') {
		const written = (context.getNodeParameter('phoneNumber', '') as string).trim();
		const phone = normalizePhone(written);
		if (!phone.ok) {
			throw new NodeOperationError(node, `Phone Number: ${phone.reason}`, { description: 'Write one of your Twilio numbers with + and the country code, e.g. +14155550100.' });
		}
		const groups = numberCallbackGroups(url, { incoming, callStatus: events.has('call') });
		if (groups.length === 0) return [];
		return [callbackStep('phone number webhooks', () => incomingNumber(client, config, phone.value, url), groups, numberCallbackGroups(url, { incoming: true, callStatus: true }), client)];
	}

	const serviceSid = (context.getNodeParameter('messagingServiceSid', '') as string).trim();
	if (!/^MG[0-9a-f]{32}$/i.test(serviceSid)) {
		throw new NodeOperationError(node, `"${serviceSid}" is not a Messaging Service SID`, { description: 'It starts with MG followed by 32 letters and digits: copy it from Messaging > Services in the Twilio Console.' });
	}
	const groups = serviceCallbackGroups(url, { incoming, messageStatus: events.has('status') });
	if (groups.length === 0) return [];
	return [callbackStep('Messaging Service webhooks', () => messagingService(client, config, serviceSid, url), groups, serviceCallbackGroups(url, { incoming: true, messageStatus: true }), client)];
}
