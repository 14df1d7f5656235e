import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[], extra: Record<string, string[]> = {}) => ({ show: { resource: ['message'], operation, ...extra } });

const SENDS = ['sendText', 'sendMedia', 'sendTemplate', 'sendButtons', 'sendList'];
const INTERACTIVE = ['sendButtons', 'sendList'];

const resourceAndOperation: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Message', value: 'message' }],
		default: 'message',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Mark as Read', value: 'markAsRead', action: 'Mark a message as read', description: 'Show the customer blue ticks on their message, and optionally "typing…"' },
			{ name: 'Send List', value: 'sendList', action: 'Send a list of choices', description: 'A message with a button that opens a list of up to 10 choices, grouped in sections' },
			{ name: 'Send Media', value: 'sendMedia', action: 'Send a media file', description: 'Send an image, audio, video, document or sticker, from a link or from the input item' },
			{ name: 'Send Reply Buttons', value: 'sendButtons', action: 'Send a message with reply buttons', description: 'A message with up to 3 buttons the customer taps to answer' },
			{ name: 'Send Template', value: 'sendTemplate', action: 'Send an approved template', description: 'Send an approved message template; the only kind allowed more than 24 hours after the customer last wrote' },
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send a text message within 24 hours of the customer\'s last message' },
		],
		default: 'sendText',
	},
];

const recipient: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +5511987654321',
		description:
			'The customer\'s phone number in any format (with + and country code, or set a Default Country), or their WhatsApp user ID (such as US.13491208655302741918) for customers known only by username',
		displayOptions: show(SENDS),
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'string',
		default: '',
		placeholder: 'e.g. BR',
		description: 'Two-letter country code for phone numbers written without + and country code, e.g. BR, MX, US',
		displayOptions: show(SENDS),
	},
];

const text: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'What the customer reads. Up to 4096 characters for a text message, 1024 above buttons or a list. *bold*, _italic_ and ~strikethrough~ work.',
		displayOptions: show(['sendText', ...INTERACTIVE]),
	},
];

const media: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio', description: 'AAC, AMR, MP3, MP4 audio or OGG (Opus); up to 16 MB' },
			{ name: 'Document', value: 'document', description: 'PDF, Office or text files; up to 100 MB' },
			{ name: 'Image', value: 'image', description: 'JPEG or PNG; up to 5 MB' },
			{ name: 'Sticker', value: 'sticker', description: 'WebP; up to 100 KB (500 KB animated)' },
			{ name: 'Video', value: 'video', description: 'MP4 or 3GP; up to 16 MB' },
		],
		default: 'image',
		displayOptions: show(['sendMedia']),
	},
	{
		displayName: 'Send From',
		name: 'mediaSource',
		type: 'options',
		options: [
			{ name: 'Link', value: 'url', description: 'A public https link WhatsApp downloads the file from' },
			{ name: 'File in the Input Item', value: 'binary', description: 'A file from a previous node (for example a download or a form upload), uploaded to WhatsApp first' },
		],
		default: 'url',
		displayOptions: show(['sendMedia']),
	},
	{
		displayName: 'Link',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/invoice.pdf',
		description: 'Must open without login; WhatsApp downloads it when sending',
		displayOptions: show(['sendMedia'], { mediaSource: ['url'] }),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input field that holds the file',
		displayOptions: show(['sendMedia'], { mediaSource: ['binary'] }),
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description: 'Text shown under the image, video or document (up to 1024 characters)',
		displayOptions: show(['sendMedia'], { mediaType: ['image', 'video', 'document'] }),
	},
	{
		displayName: 'File Name',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice-4821.pdf',
		description: 'The name the customer sees for the document. Leave empty to use the input file\'s name.',
		displayOptions: show(['sendMedia'], { mediaType: ['document'] }),
	},
];

const template: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_update',
		description: 'The name of an approved template, as in WhatsApp Manager > Message templates',
		displayOptions: show(['sendTemplate']),
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'e.g. pt_BR',
		description: 'The language of the template version to send, e.g. en_US, pt_BR, es',
		displayOptions: show(['sendTemplate']),
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Parameter',
		description: 'The values of the template\'s variables, in order: the first fills {{1}}, the second {{2}}…',
		displayOptions: show(['sendTemplate']),
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Value', name: 'text', type: 'string', default: '', placeholder: 'e.g. {{ $json.customerName }}' },
					{
						displayName: 'Variable Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Only for templates with named variables such as {{first_name}}: the variable\'s name. Leave empty for numbered variables.',
					},
				],
			},
		],
	},
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'None or Fixed', value: 'none', description: 'The template has no header, or a header without variables' },
			{ name: 'Text Variable', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'none',
		description: 'What fills the template\'s header, when it has a variable or media',
		displayOptions: show(['sendTemplate']),
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		displayOptions: show(['sendTemplate'], { headerType: ['text'] }),
	},
	{
		displayName: 'Header Media Link',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/banner.jpg',
		displayOptions: show(['sendTemplate'], { headerType: ['image', 'video', 'document'] }),
	},
	{
		displayName: 'Header File Name',
		name: 'headerFilename',
		type: 'string',
		default: '',
		placeholder: 'e.g. boleto.pdf',
		displayOptions: show(['sendTemplate'], { headerType: ['document'] }),
	},
	{
		displayName: 'Buttons',
		name: 'templateButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Button Value',
		description: 'Values for the template\'s buttons that need one: the payload you get back when a quick reply is tapped, the end of a dynamic link, or a coupon code',
		displayOptions: show(['sendTemplate']),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button Type',
						name: 'subType',
						type: 'options',
						options: [
							{ name: 'Quick Reply', value: 'quick_reply' },
							{ name: 'Link (Dynamic URL)', value: 'url' },
							{ name: 'Copy Code', value: 'copy_code' },
						],
						default: 'quick_reply',
					},
					{ displayName: 'Position', name: 'index', type: 'number', typeOptions: { minValue: 0, maxValue: 9 }, default: 0, description: 'The button\'s place in the template: 0 for the first, 1 for the second…' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The payload, the end of the link, or the code' },
				],
			},
		],
	},
];

const buttons: INodeProperties[] = [
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Button',
		description: 'Up to 3 buttons. A tap comes back through the WhatsApp Trigger as an action with the button\'s ID.',
		displayOptions: show(['sendButtons']),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'What the button says (up to 20 characters)' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'What your workflow gets back when it is tapped. Leave empty to use the title.' },
				],
			},
		],
	},
];

const list: INodeProperties[] = [
	{
		displayName: 'List Button Label',
		name: 'listButtonText',
		type: 'string',
		required: true,
		default: 'Options',
		description: 'The button that opens the list (up to 20 characters)',
		displayOptions: show(['sendList']),
	},
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Row',
		description: 'Up to 10 choices. Rows with the same section title are shown together. A choice comes back through the WhatsApp Trigger as an action with the row\'s ID.',
		displayOptions: show(['sendList']),
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Section', name: 'section', type: 'string', default: '', description: 'Section title (up to 24 characters); needed when the list has several sections' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Up to 24 characters' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown under the title (up to 72 characters)' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'What your workflow gets back when it is chosen. Leave empty to use the title.' },
				],
			},
		],
	},
];

const markAsRead: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.externalId }}',
		description: 'The ID (wamid…) of the customer\'s message; from the WhatsApp Trigger it is the externalId field',
		displayOptions: show(['markAsRead']),
	},
];

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: show([...SENDS, 'markAsRead']),
	options: [
		{
			displayName: 'Footer',
			name: 'footer',
			type: 'string',
			default: '',
			description: 'Small grey text under the message (up to 60 characters)',
			displayOptions: { show: { '/operation': INTERACTIVE } },
		},
		{
			displayName: 'Header',
			name: 'header',
			type: 'string',
			default: '',
			description: 'Bold text above the message (up to 60 characters)',
			displayOptions: { show: { '/operation': INTERACTIVE } },
		},
		{
			displayName: 'Include Raw Response',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to add what was sent to WhatsApp and what it answered, in a "raw" field',
		},
		{
			displayName: 'Link Preview',
			name: 'previewUrl',
			type: 'boolean',
			default: false,
			description: 'Whether to show a preview of the first link in the text',
			displayOptions: { show: { '/operation': ['sendText'] } },
		},
		{
			displayName: 'Reply To Message ID',
			name: 'replyTo',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.externalId }}',
			description: 'The ID (wamid…) of a customer message to quote, so the answer appears as a reply to it',
			displayOptions: { show: { '/operation': SENDS } },
		},
		{
			displayName: 'Sender Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 106540000000001',
			description: 'Send from another number of the same account. Leave empty to use the Phone Number ID of the credential.',
		},
		{
			displayName: 'Show Typing Indicator',
			name: 'showTyping',
			type: 'boolean',
			default: false,
			description: 'Whether to also show the customer "typing…" until your next message (at most 25 seconds)',
			displayOptions: { show: { '/operation': ['markAsRead'] } },
		},
	],
};

export const whatsappProperties: INodeProperties[] = [
	...resourceAndOperation,
	...recipient,
	...text,
	...media,
	...template,
	...buttons,
	...list,
	...markAsRead,
	options,
];
