import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { TwilioConnection } from '../../../../core/channels/twilio/definition';
import { sendTwilioMessage } from '../../../../core/channels/twilio/outbound';
import { forOperation } from '../../../shared/for-operation';
import { options } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'SMS / MMS', value: 'sms', description: 'A text message; with Media URLs it becomes an MMS' },
			{ name: 'WhatsApp', value: 'whatsapp', description: 'WhatsApp through Twilio: both numbers get the whatsapp: prefix' },
		],
		default: 'sms',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +5511987654321',
		description: "The customer's phone number, in any format. Numbers without + and country code need the Default Country.",
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'string',
		default: '',
		placeholder: 'e.g. BR',
		description: 'Two-letter country code for numbers written without + and country code, e.g. BR, MX, US',
	},
	{
		displayName: 'Send From',
		name: 'sendFrom',
		type: 'options',
		options: [
			{ name: 'Phone Number', value: 'phoneNumber', description: 'One of your Twilio numbers, or an alphanumeric sender ID' },
			{ name: 'Messaging Service', value: 'messagingService', description: 'A Messaging Service picks the sender from its pool of numbers' },
		],
		default: 'phoneNumber',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'One of your Twilio numbers (enabled for WhatsApp when sending on WhatsApp)',
		displayOptions: { show: { sendFrom: ['phoneNumber'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By Number or Sender ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. +15550001234',
			},
		],
	},
	{
		displayName: 'Messaging Service SID',
		name: 'messagingServiceSid',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'Starts with MG; in the Twilio Console under Messaging > Services',
		displayOptions: { show: { sendFrom: ['messagingService'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMessagingServices', searchable: true },
			},
			{
				displayName: 'By SID',
				name: 'id',
				type: 'string',
				placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
				validation: [{ type: 'regex', properties: { regex: '^\\s*MG[0-9a-fA-F]{32}\\s*$', errorMessage: 'A Messaging Service SID is MG followed by 32 letters and digits' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://console.twilio.com/us1/service/sms/MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/sms-service-instance-configure',
				validation: [{ type: 'regex', properties: { regex: '.*/(MG[0-9a-fA-F]{32})(?:[/?#].*)?$', errorMessage: 'Not the address of a Messaging Service in the Twilio Console' } }],
				extractValue: { type: 'regex', regex: '/(MG[0-9a-fA-F]{32})(?:[/?#]|$)' },
			},
		],
	},
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'The text to send (up to 1,600 characters). May be empty when sending media or a template.',
	},
	{
		displayName: 'Media URLs',
		name: 'mediaUrls',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/receipt.jpg',
		description:
			'Public addresses of images, audio, video or PDFs to attach, separated by commas or new lines (up to 10; 1 on WhatsApp). An expression may also give a list.',
	},
];

export const description = forOperation('send', [...properties, options(true)]);

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

/** A list pick, a typed value, or (saved before the lists existed) plain text. */
const locator = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '');

export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TwilioConnection) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const viaService = this.getNodeParameter('sendFrom', itemIndex) === 'messagingService';
	return await sendTwilioMessage(http, config, {
		to: this.getNodeParameter('to', itemIndex) as string,
		defaultCountry: this.getNodeParameter('defaultCountry', itemIndex, '') as string,
		whatsapp: this.getNodeParameter('channel', itemIndex) === 'whatsapp',
		...(viaService ? { messagingServiceSid: locator(this, 'messagingServiceSid', itemIndex) } : { from: locator(this, 'from', itemIndex) }),
		body: String(this.getNodeParameter('body', itemIndex, '') ?? ''),
		mediaUrls: mediaUrlList(this.getNodeParameter('mediaUrls', itemIndex, '')),
		statusCallback: (options.statusCallback as string | undefined) ?? '',
		contentSid: (options.contentSid as string | undefined) ?? '',
		contentVariables: jsonText(options.contentVariables),
		includeRaw: options.includeRaw === true,
	});
}
