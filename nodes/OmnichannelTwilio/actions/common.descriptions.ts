import type { INodeProperties } from 'n8n-workflow';

const SEND_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Content Template SID',
		name: 'contentSid',
		type: 'string',
		default: '',
		placeholder: 'HXxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'An approved template from the Twilio Content Template Builder; needed on WhatsApp when the customer has not written in the last 24 hours',
	},
	{
		displayName: 'Content Variables',
		name: 'contentVariables',
		type: 'json',
		default: '',
		placeholder: '{"1":"Ana","2":"12 June"}',
		description: "The template's placeholders and their values, as JSON",
	},
];

const INCLUDE_RAW: INodeProperties = {
	displayName: 'Include Raw Response',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: 'Whether to add Twilio\'s answer (status, price, segments…) to the output, under "raw"',
};

const STATUS_CALLBACK: INodeProperties = {
	displayName: 'Status Callback URL',
	name: 'statusCallback',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
	description:
		"Where Twilio reports whether the message was delivered. Paste the Production URL of an Omnichannel Twilio Trigger to receive the statuses as events. Empty: the Messaging Service's or number's own setting applies.",
};

/** The Options collection of one operation; sending has templates and a status callback too. */
export function options(send: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: send ? [...SEND_OPTIONS, INCLUDE_RAW, STATUS_CALLBACK] : [INCLUDE_RAW],
	};
}
