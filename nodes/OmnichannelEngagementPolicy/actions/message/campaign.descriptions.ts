import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { CHANNEL_OPTIONS } from '../../../shared/channel-options';

/** The parameters of Decide: the message, its channels, caps, quiet hours and consent rules. */

export const LANGUAGE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'English', value: 'en' },
	{ name: 'Polish', value: 'pl' },
	{ name: 'Portuguese', value: 'pt' },
	{ name: 'Spanish', value: 'es' },
];

/** The channels a campaign can send on: a phone call and the web chat (where the customer must be present) can't carry one. */
const CAMPAIGN_CHANNEL_OPTIONS = CHANNEL_OPTIONS.filter((option) => option.value !== 'voice' && option.value !== 'webchat');

export const customerIdProperty: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	required: true,
	default: '={{ $json.customer.id }}',
	placeholder: 'e.g. 01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11',
	description: 'The customer to message. By default the one Customer Merge put on the item; the store supplies their identifiers, traits, consent and history.',
};

export const campaignProperties: INodeProperties[] = [
	{
		displayName: 'Each item is one customer, from Customer Merge (Get or List Customers) or with a customer ID: it leaves by Send Now, Later or Blocked',
		name: 'decideNotice',
		type: 'notice',
		default: '',
	},
	customerIdProperty,
	{
		displayName: 'Message Key',
		name: 'messageKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. black-friday-2026',
		description: 'Names this message: each customer gets it at most once per channel, it counts once under the caps whatever its fallbacks, and running the campaign again sends nothing twice',
	},
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		options: [
			{ name: 'Marketing', value: 'marketing', description: 'Promotions, newsletters: needs consent, counts under the caps, waits out quiet hours' },
			{ name: 'Transactional', value: 'transactional', description: 'Orders, deliveries, accounts: exempt from the caps; an opt-out of every message still blocks it' },
		],
		default: 'marketing',
	},
	{
		displayName: 'Message',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Language',
		default: { message: [{ language: 'en', text: '' }] },
		description: "The text in each language, with the customer's traits in placeholders: {{name}}, {{firstName|there}} (a default after the bar), {{city}}",
		options: [
			{
				displayName: 'Language',
				name: 'message',
				values: [
					{ displayName: 'Language', name: 'language', type: 'options', options: LANGUAGE_OPTIONS, default: 'en' },
					{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 4 }, default: '', placeholder: 'Hi {{firstName|there}}, our sale starts today' },
					{ displayName: 'E-Mail Subject', name: 'subject', type: 'string', default: '', description: 'The subject when the message goes by e-mail' },
				],
			},
		],
	},
	{
		displayName: 'Fallback Language',
		name: 'fallbackLanguage',
		type: 'options',
		options: LANGUAGE_OPTIONS,
		default: 'en',
		description: "The language of customers whose language trait matches none of the message's",
	},
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Channel',
		default: { channel: [{ channel: 'whatsapp' }, { channel: 'sms' }, { channel: 'email' }] },
		description: 'The channels to use, preferred (or cheapest) first: the channel the customer last wrote or read on goes first, then this order; a failed send falls back along it',
		options: [{ displayName: 'Channel', name: 'channel', values: [{ displayName: 'Channel', name: 'channel', type: 'options', options: CAMPAIGN_CHANNEL_OPTIONS, default: 'whatsapp' }] }],
	},
	{
		displayName: 'WhatsApp Sends Through',
		name: 'whatsappRoute',
		type: 'options',
		options: [
			{ name: 'WhatsApp Cloud API', value: 'whatsappCloud', description: 'Free text within 24 hours of the customer’s last message, a template after' },
			{ name: 'Evolution API (WhatsApp Web)', value: 'evolution', description: 'No window: free text at any time' },
		],
		default: 'whatsappCloud',
	},
	{
		displayName: 'WhatsApp Templates',
		name: 'whatsappTemplates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Template',
		default: {},
		description: "The approved template per language, sent when the 24-hour window is closed; without one for the customer's language (or the fallback language), another channel is chosen",
		options: [
			{
				displayName: 'Template',
				name: 'template',
				values: [
					{ displayName: 'Language', name: 'language', type: 'options', options: LANGUAGE_OPTIONS, default: 'pt' },
					{ displayName: 'Template Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. black_friday' },
					{ displayName: 'WhatsApp Language Code', name: 'code', type: 'string', default: '', placeholder: 'e.g. pt_BR', description: 'The language of the approved template version, as WhatsApp Manager shows it' },
				],
			},
		],
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'string',
		default: '',
		placeholder: '{{firstName|cliente}}, {{city}}',
		description: "What fills the template's {{1}}, {{2}}…, in order, separated by commas: placeholders of the customer's traits",
	},
	{
		displayName: 'Frequency Caps',
		name: 'caps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Cap',
		default: { cap: [{ messages: 1, hours: 24 }, { messages: 3, hours: 168 }] },
		description: 'At most so many marketing messages per period, across every channel and counting messages sent outside this node; transactional messages are exempt',
		options: [
			{
				displayName: 'Cap',
				name: 'cap',
				values: [
					{ displayName: 'Messages', name: 'messages', type: 'number', typeOptions: { minValue: 0 }, default: 1, description: 'How many marketing messages the period allows; 0 allows none' },
					{ displayName: 'Per (Hours)', name: 'hours', type: 'number', typeOptions: { minValue: 1 }, default: 24, description: 'The period: 24 for a day, 168 for a week' },
				],
			},
		],
	},
	{
		displayName: 'Quiet Hours',
		name: 'quietHours',
		type: 'string',
		default: '21:00-08:00',
		placeholder: '21:00-08:00',
		description: "When not to message, in the customer's own time zone (their timeZone trait, else their phone's country, else the default time zone); a message then leaves by Later with sendAt. Empty: no quiet hours.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Default Time Zone',
				name: 'defaultTimeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/Sao_Paulo',
				description: "The time zone of customers with neither a timeZone trait nor a phone number; empty: the workflow's time zone",
			},
			{
				displayName: 'Marketing Needs an Explicit Opt-In',
				name: 'marketingNeedsOptIn',
				type: 'boolean',
				default: false,
				description: 'Whether marketing goes only to channels where the customer opted in, for strict regimes; otherwise only an opt-out stops it',
			},
			{
				displayName: 'Opt-Out Counts On',
				name: 'optOutScope',
				type: 'options',
				options: [
					{ name: 'Every Channel', value: 'everywhere', description: 'An opt-out of marketing on SMS stops marketing on WhatsApp and e-mail too' },
					{ name: 'Its Own Channel Only', value: 'channel', description: 'An opt-out stops marketing on the channel it was made on' },
				],
				default: 'everywhere',
			},
			{
				displayName: 'Quiet Hours for Transactional Messages Too',
				name: 'quietHoursForTransactional',
				type: 'boolean',
				default: false,
				description: 'Whether transactional messages also wait out the quiet hours; by default they go at once',
			},
			{
				displayName: 'Use the Human Agent Tag',
				name: 'humanAgentTag',
				type: 'boolean',
				default: false,
				description: 'Whether Messenger and Instagram may carry the message with the HUMAN_AGENT tag up to 7 days after the customer wrote. Meta allows it only for a person answering the customer, never for marketing.',
			},
		],
	},
];
