import type { INodeProperties } from 'n8n-workflow';

export const telegramTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Activating the workflow points the bot at this node: Telegram then sends its updates here, to a public HTTPS address (set WEBHOOK_URL when n8n runs behind a proxy). A bot has one webhook, so use it in one active workflow.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Updates',
		name: 'updates',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'Button Presses', value: 'callback_query', description: 'A customer pressed an inline button of a bot message' },
			{ name: 'Edited Messages', value: 'edited_message', description: 'A customer changed a message they had sent' },
			{ name: 'Messages', value: 'message', description: 'Text, photos, documents, voice notes, locations and contacts' },
		],
		default: ['message', 'edited_message', 'callback_query'],
		description: 'Which updates start the workflow',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Answer Button Presses',
				name: 'answerCallbacks',
				type: 'boolean',
				default: true,
				description:
					'Whether to answer each button press at once so the button stops spinning. Turn off to answer later with the Omnichannel Telegram node (within 15 seconds).',
			},
			{
				displayName: 'Button Answer Text',
				name: 'callbackAnswerText',
				type: 'string',
				default: '',
				placeholder: 'e.g. Thanks, one moment…',
				description: 'A short notice shown to the person who pressed a button; empty shows nothing',
			},
			{
				displayName: 'Include Raw Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: "Whether to add Telegram's update, as received, to each item in `raw`",
			},
		],
	},
];
