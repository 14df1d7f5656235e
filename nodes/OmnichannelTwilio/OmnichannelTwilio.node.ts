import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { TWILIO_CREDENTIAL } from './credential';
import { listSearch } from './methods';

/** Sends SMS, MMS and WhatsApp messages through Twilio; every output item is the canonical outbound event. */
export class OmnichannelTwilio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Twilio',
		name: 'omnichannelTwilio',
		icon: 'file:twilio.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "get" ? "Get Message" : {"sms": "Send SMS / MMS", "whatsapp": "Send WhatsApp"}[$parameter["channel"]] || "Send Message" }}',
		description: 'Send SMS, MMS and WhatsApp messages with Twilio, and look up their delivery status',
		defaults: { name: 'Omnichannel Twilio' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: TWILIO_CREDENTIAL, required: true }],
		properties: message.description,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
