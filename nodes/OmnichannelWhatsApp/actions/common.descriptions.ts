import type { INodeProperties } from 'n8n-workflow';

/** Parameters several WhatsApp operations share; each operation shows its own copy. */

export const recipient: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +5511987654321',
		description:
			'The customer\'s phone number in any format (with + and country code, or set a Default Country), or their WhatsApp user ID (such as US.13491208655302741918) for customers known only by username',
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'string',
		default: '',
		placeholder: 'e.g. BR',
		description: 'Two-letter country code for phone numbers written without + and country code, e.g. BR, MX, US',
	},
];

export function messageText(): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'What the customer reads. Up to 4096 characters for a text message, 1024 above buttons or a list. *bold*, _italic_ and ~strikethrough~ work.',
	};
}

/** Every option of the node, in the order the editor lists them; each operation offers some. */
const OPTIONS = {
	footer: { displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'Small grey text under the message (up to 60 characters)' },
	header: { displayName: 'Header', name: 'header', type: 'string', default: '', description: 'Bold text above the message (up to 60 characters)' },
	includeRaw: {
		displayName: 'Include Raw Response',
		name: 'includeRaw',
		type: 'boolean',
		default: false,
		description: 'Whether to add what was sent to WhatsApp and what it answered, in a "raw" field',
	},
	previewUrl: { displayName: 'Link Preview', name: 'previewUrl', type: 'boolean', default: false, description: 'Whether to show a preview of the first link in the text' },
	replyTo: {
		displayName: 'Reply To Message ID',
		name: 'replyTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.externalId }}',
		description: 'The ID (wamid…) of a customer message to quote, so the answer appears as a reply to it',
	},
	phoneNumberId: {
		displayName: 'Sender Phone Number ID',
		name: 'phoneNumberId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'Send from another number of the same account. Leave empty to use the Phone Number ID of the credential.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 106540000000001',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Phone Number ID is digits only, e.g. 106540000000001' } }],
			},
		],
	},
	showTyping: {
		displayName: 'Show Typing Indicator',
		name: 'showTyping',
		type: 'boolean',
		default: false,
		description: 'Whether to also show the customer "typing…" until your next message (at most 25 seconds)',
	},
} satisfies Record<string, INodeProperties>;

export type WhatsAppOption = keyof typeof OPTIONS;

/** The Options collection of one operation, with the options it offers. */
export function options(offered: WhatsAppOption[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: (Object.keys(OPTIONS) as WhatsAppOption[]).filter((name) => offered.includes(name)).map((name) => OPTIONS[name]),
	};
}
