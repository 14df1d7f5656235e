import type { INodeProperties } from 'n8n-workflow';

/** Parameters every Evolution API operation shares; each operation shows its own copy. */

export const recipient: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +55 11 98765-4321',
		description:
			'The customer: a phone number in any format (with + and country code, or national with a default country below), or a WhatsApp JID such as 5511987654321@s.whatsapp.net',
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'string',
		default: '',
		placeholder: 'BR',
		description: 'Two-letter country code for numbers written without the country code, e.g. BR, MX, AR. Leave empty when numbers always start with the country code.',
	},
];

/** Every option of the node, in the order the editor lists them; each operation offers some. */
const OPTIONS = {
	disableLinkPreview: {
		displayName: 'Disable Link Preview',
		name: 'disableLinkPreview',
		type: 'boolean',
		default: false,
		description: 'Whether to send links without a preview card',
	},
	fileName: {
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'invoice-4821.pdf',
		description: "The name the customer sees for a document. Defaults to the input file's name.",
	},
	thumbnailUrl: {
		displayName: 'Image Above Text (URL)',
		name: 'thumbnailUrl',
		type: 'string',
		default: '',
		description: 'An image shown above the title',
	},
	includeRaw: {
		displayName: 'Include Raw Response',
		name: 'includeRaw',
		type: 'boolean',
		default: false,
		description: "Whether to add Evolution API's answer as it came, under raw",
	},
	instanceName: {
		displayName: 'Instance Name',
		name: 'instanceName',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'Send from this instance instead of the one in the credential (the API key must be allowed to use it)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchInstances', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. acme-sales',
			},
		],
	},
	mimeType: {
		displayName: 'MIME Type',
		name: 'mimeType',
		type: 'string',
		default: '',
		placeholder: 'application/pdf',
		description: "The file's type. Defaults to the input file's type; Evolution guesses it for URLs.",
	},
	replyToMessageId: {
		displayName: 'Reply To Message ID',
		name: 'replyToMessageId',
		type: 'string',
		default: '',
		placeholder: '={{ $json.externalId }}',
		description: 'The ID of a message in this chat to answer, shown as a quote (the externalId of an event from the Evolution API Trigger)',
	},
	delay: {
		displayName: 'Typing Delay (Ms)',
		name: 'delay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How long WhatsApp shows "typing…" before the message arrives, in milliseconds',
	},
} satisfies Record<string, INodeProperties>;

type EvolutionOption = keyof typeof OPTIONS;

/** The Options collection of one operation: the options every send has, and its own. */
export function options(own: EvolutionOption[]): INodeProperties {
	const offered = new Set<EvolutionOption>([...own, 'includeRaw', 'instanceName', 'replyToMessageId', 'delay']);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: (Object.keys(OPTIONS) as EvolutionOption[]).filter((name) => offered.has(name)).map((name) => OPTIONS[name]),
	};
}
