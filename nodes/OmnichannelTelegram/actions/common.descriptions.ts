import type { INodeProperties } from 'n8n-workflow';

/** The parameters of the Telegram operations; each operation shows its own copy of those it takes. */

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
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 44',
		description: 'The message to change: its number, or an event\'s externalId such as "5550001234:44". Only messages the bot sent can be edited.',
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
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text shown under the file, up to 1024 characters',
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
	},
];

export const file = (noun: string): INodeProperties[] => [
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
	},
	{
		displayName: `${noun} URL`,
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/file.jpg',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { source: ['fileId'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the binary field of the input item that holds the file',
		displayOptions: { show: { source: ['binary'] } },
	},
];

export const keyboard: INodeProperties[] = [
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
	},
	{
		displayName: 'Inline Keyboard',
		name: 'inlineKeyboard',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: { show: { keyboardType: ['buttons'] } },
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
		displayOptions: { show: { keyboardType: ['json'] } },
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
	},
	{
		displayName: 'Notice Text',
		name: 'answerText',
		type: 'string',
		default: '',
		description: 'A short notice shown to the person who pressed (up to 200 characters); empty shows nothing',
	},
	{
		displayName: 'Show as Alert',
		name: 'showAlert',
		type: 'boolean',
		default: false,
		description: 'Whether to show the notice as a pop-up the person must close, instead of a brief note at the top of the chat',
	},
];

/** The Options collection of one operation; the sends also offer replying and sending silently. */
export function options(send: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: ([
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
			},
			{
				displayName: 'Send Silently',
				name: 'disableNotification',
				type: 'boolean',
				default: false,
				description: 'Whether to deliver without a sound or vibration',
			},
		] satisfies INodeProperties[]).filter((option) => send || option.name === 'includeRaw'),
	};
}

export const [chatId, messageId] = chat;
export const [messageText, caption, parseMode] = text;
export const [callbackQueryId, answerText, showAlert] = callback;
