import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { getTwilioMessage, sendTwilioMessage } from '../../core/channels/twilio/outbound';
import { TWILIO_CREDENTIAL, twilioApiConfig } from './credential';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { sendEachItem } from '../shared/send-items';
import { omnichannelTwilioProperties } from './properties';


/** Media URLs as typed (commas or new lines) or as a list from an expression. */
function mediaUrlList(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(/[\n,]/);
	return entries.map((entry) => String(entry ?? '').trim()).filter(Boolean);
}

/** Content Variables may be typed as JSON text or produced by an expression as an object. */
function jsonText(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

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
		properties: omnichannelTwilioProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credential = await this.getCredentials(TWILIO_CREDENTIAL);
		const config = twilioApiConfig(credential);
		const client = n8nHttpClient(this, TWILIO_CREDENTIAL);
		const operation = this.getNodeParameter('operation', 0) as string;

		return await sendEachItem(this, async (itemIndex) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const includeRaw = options.includeRaw === true;
			if (operation === 'get') {
				return await getTwilioMessage(client, config, this.getNodeParameter('messageSid', itemIndex) as string, includeRaw);
			}
			const viaService = this.getNodeParameter('sendFrom', itemIndex) === 'messagingService';
			return await sendTwilioMessage(client, config, {
				to: this.getNodeParameter('to', itemIndex) as string,
				defaultCountry: this.getNodeParameter('defaultCountry', itemIndex, '') as string,
				whatsapp: this.getNodeParameter('channel', itemIndex) === 'whatsapp',
				...(viaService
					? { messagingServiceSid: this.getNodeParameter('messagingServiceSid', itemIndex) as string }
					: { from: this.getNodeParameter('from', itemIndex) as string }),
				body: String(this.getNodeParameter('body', itemIndex, '') ?? ''),
				mediaUrls: mediaUrlList(this.getNodeParameter('mediaUrls', itemIndex, '')),
				statusCallback: (options.statusCallback as string | undefined) ?? '',
				contentSid: (options.contentSid as string | undefined) ?? '',
				contentVariables: jsonText(options.contentVariables),
				includeRaw,
			});
		});
	}
}
