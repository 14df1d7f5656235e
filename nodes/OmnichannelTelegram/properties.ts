import type { INodeProperties } from 'n8n-workflow';

const SEND = ['sendMessage', 'sendPhoto', 'sendDocument'];
const MEDIA = ['sendPhoto', 'sendDocument'];
const WITH_TEXT = ['sendMessage', 'editMessageText'];
const WITH_CHAT = [...SEND, 'editMessageText'];
const WITH_KEYBOARD = [...SEND, 'editMessageText'];

const show = (operation: string[], extra: Record<string, string[]> = {}) => ({ show: { operation, ...extra } });

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Answer Button Press', value: 'answerCallbackQuery', action: 'Answer a button press', description: 'Stop the spinner on a pressed inline button, optionally with a notice' },
		{ name: 'Edit Message Text', value: 'editMessageText', action: 'Edit the text of a sent message', description: 'Replace the text (and buttons) of a message the bot sent' },
		{ name: 'Send Document', value: 'sendDocument', action: 'Send a document', description: 'Send any file: by URL, by Telegram file ID, or from the input item' },
		{ name: 'Send Message', value: 'sendMessage', action: 'Send a text message', description: 'Send text, with buttons if you like' },
		{ name: 'Send Photo', value: 'sendPhoto', action: 'Send a photo', description: 'Send a picture: by URL, by Telegram file ID, or from the input item' },
	],
	default: 'sendMessage',
};

const chat: INodeProperties[] = [
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		required: true,
		default: '={{ $json.from?.identities?.find(identity => identity.kind === "telegram")?.value }}',
		placeholder: 'e.g. 5550001234',
		description:
			'Who to send to: a user or chat ID, or @channelusername. By default the Telegram ID of the customer in the incoming item (from an Omnichannel Telegram Trigger). The customer must have written to the bot first.',
		displayOptions: show(WITH_CHAT),
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 44',
		description: 'The message to change: its number, or an event\'s externalId such as "5550001234:44". Only messages the bot sent can be edited.',
		displayOptions: show(['editMessageText']),
	},
];

const text: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		typeOptions: { rows: 4 },
		default: '',
		description: 'The message, up to 4096 characters',
		displayOptions: show(WITH_TEXT),
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text shown under the file, up to 1024 characters',
		displayOptions: show(MEDIA),
	},
	{
		displayName: 'Parse Mode',
		name: 'parseMode',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Send the text exactly as written' },
			{ name: 'MarkdownV2', value: 'MarkdownV2', description: '*bold*, _italic_, [link](https://example.com). Put a \\ before any of _ * [ ] ( ) ~ ` > # + - = | { } . ! that is not formatting.' },
			{ name: 'HTML', value: 'HTML', description: 'Tags such as &lt;b&gt;bold&lt;/b&gt;, &lt;i&gt;italic&lt;/i&gt; and links' },
		],
		default: 'none',
		description: 'How Telegram formats the text or caption',
		displayOptions: show(WITH_KEYBOARD),
	},
];

const file = (operations: string[], noun: string): INodeProperties[] => [
	{
		displayName: `${noun} Source`,
		name: 'source',
		type: 'options',
		options: [
			{ name: 'URL', value: 'url', description: 'A public address Telegram downloads from' },
			{ name: 'Telegram File ID', value: 'fileId', description: 'A file Telegram already has, e.g. an attachment\'s mediaId from the trigger' },
			{ name: 'Binary File From Input', value: 'binary', description: 'A file in the input item, uploaded to Telegram' },
		],
		default: 'url',
		displayOptions: show(operations),
	},
	{
		displayName: `${noun} URL`,
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/file.jpg',
		displayOptions: show(operations, { source: ['url'] }),
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(operations, { source: ['fileId'] }),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the binary field of the input item that holds the file',
		displayOptions: show(operations, { source: ['binary'] }),
	},
];

const keyboard: INodeProperties[] = [
	{
		displayName: 'Buttons',
		name: 'keyboardType',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Inline Buttons', value: 'buttons', description: 'Rows of buttons under the message' },
			{ name: 'Inline Buttons (JSON)', value: 'json', description: 'Telegram\'s inline_keyboard as JSON, handy for buttons built by an expression' },
		],
		default: 'none',
		displayOptions: show(WITH_KEYBOARD),
	},
	{
		displayName: 'Inline Keyboard',
		name: 'inlineKeyboard',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: show(WITH_KEYBOARD, { keyboardType: ['buttons'] }),
		options: [
			{
				displayName: 'Row',
				name: 'rows',
				values: [
					{
						displayName: 'Buttons',
						name: 'buttons',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, sortable: true },
						placeholder: 'Add Button',
						default: {},
						options: [
							{
								displayName: 'Button',
								name: 'button',
								values: [
									{ displayName: 'Label', name: 'text', type: 'string', default: '', description: 'What the button says' },
									{
										displayName: 'On Press',
										name: 'onPress',
										type: 'options',
										options: [
											{ name: 'Send Callback Data to the Bot', value: 'callback', description: 'The trigger receives a button press event with this data' },
											{ name: 'Open a URL', value: 'url' },
										],
										default: 'callback',
									},
									{
										displayName: 'Callback Data',
										name: 'callbackData',
										type: 'string',
										default: '',
										description: 'Up to 64 bytes; arrives as the action payload of the button press event',
										displayOptions: { show: { onPress: ['callback'] } },
									},
									{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com', displayOptions: { show: { onPress: ['url'] } } },
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Inline Keyboard (JSON)',
		name: 'keyboardJson',
		type: 'json',
		default: '[[{"text": "Yes", "callback_data": "yes"}, {"text": "No", "callback_data": "no"}]]',
		description: 'Rows of buttons in the Bot API shape: each button has a "text" and either "callback_data" or a link address',
		displayOptions: show(WITH_KEYBOARD, { keyboardType: ['json'] }),
	},
];

const callback: INodeProperties[] = [
	{
		displayName: 'Callback Query ID',
		name: 'callbackQueryId',
		type: 'string',
		required: true,
		default: '={{ $json.externalId }}',
		description: 'The externalId of the button press event from the Omnichannel Telegram Trigger',
		displayOptions: show(['answerCallbackQuery']),
	},
	{
		displayName: 'Notice Text',
		name: 'answerText',
		type: 'string',
		default: '',
		description: 'A short notice shown to the person who pressed (up to 200 characters); empty shows nothing',
		displayOptions: show(['answerCallbackQuery']),
	},
	{
		displayName: 'Show as Alert',
		name: 'showAlert',
		type: 'boolean',
		default: false,
		description: 'Whether to show the notice as a pop-up the person must close, instead of a brief note at the top of the chat',
		displayOptions: show(['answerCallbackQuery']),
	},
];

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Raw Response',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: "Whether to add Telegram's answer, as received, to the output in `raw`",
		},
		{
			displayName: 'Reply To Message ID',
			name: 'replyToMessageId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 42',
			description: 'Show the message as a reply to this one: its number, or an event\'s externalId such as "5550001234:42"',
			displayOptions: { show: { '/operation': SEND } },
		},
		{
			displayName: 'Send Silently',
			name: 'disableNotification',
			type: 'boolean',
			default: false,
			description: 'Whether to deliver without a sound or vibration',
			displayOptions: { show: { '/operation': SEND } },
		},
	],
};

export const telegramProperties: INodeProperties[] = [
	operation,
	...chat,
	...text,
	...file(['sendPhoto'], 'Photo'),
	...file(['sendDocument'], 'Document'),
	...keyboard,
	...callback,
	options,
];
