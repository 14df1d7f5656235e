import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The parameters of the Messenger and Instagram action nodes, in words for the person
 * building the flow, one list per operation. `channel` adapts the labels; Messenger adds
 * its own options.
 */
export interface SendChannelText {
	label: 'Messenger' | 'Instagram';
	idName: 'PSID' | 'IGSID';
	/** The node that gives the customer's id, e.g. "Omnichannel Messenger Trigger". */
	triggerName: string;
	mediaTypes: INodePropertyOptions[];
	maxText: string;
}

export type MetaOperation = 'sendText' | 'sendMedia' | 'sendQuickReplies';

export function operationProperty(channel: SendChannelText): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Send Media',
				value: 'sendMedia',
				action: `Send media on ${channel.label}`,
				description: 'Send an image, video or other file from a public URL',
			},
			{
				name: 'Send Quick Replies',
				value: 'sendQuickReplies',
				action: `Send quick replies on ${channel.label}`,
				description: 'Send a text with up to 13 buttons the customer can tap to answer',
			},
			{ name: 'Send Text', value: 'sendText', action: `Send a text on ${channel.label}`, description: 'Send a text message' },
		],
		default: 'sendText',
	};
}

function recipient(channel: SendChannelText): INodeProperties {
	const account = channel.label === 'Instagram' ? 'Instagram account' : 'Page';
	return {
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.from.identities[0].value }}',
		description: `The customer's ${channel.idName} as the ${channel.triggerName} gives it, or their ${channel.label} identity as Customer Merge stores it ("${account} ID:${channel.idName}")`,
	};
}

function messageText(channel: SendChannelText): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: `The message (at most ${channel.maxText})`,
	};
}

function media(channel: SendChannelText): INodeProperties[] {
	return [
		{
			displayName: 'Media Type',
			name: 'mediaType',
			type: 'options',
			options: channel.mediaTypes,
			default: 'image',
		},
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/catalog.jpg',
			description: `A public address that points straight at the file; ${channel.label} downloads it from there`,
		},
	];
}

const quickReplies: INodeProperties = {
	displayName: 'Quick Replies',
	name: 'quickReplies',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add quick reply',
	default: {},
	description: 'Up to 13 buttons shown under the text. Tapping one sends its title as the customer\'s answer, and the trigger receives its payload.',
	options: [
		{
			displayName: 'Option',
			name: 'option',
			values: [
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					placeholder: 'e.g. Track my order',
					description: 'What the button says (20 characters are shown)',
				},
				{
					displayName: 'Payload',
					name: 'payload',
					type: 'string',
					default: '',
					placeholder: 'e.g. TRACK_ORDER',
					description: 'What the trigger receives when the customer taps it; the title when empty',
				},
			],
		},
	],
};

function messageWindow(channel: SendChannelText): INodeProperties {
	return {
		displayName: 'Message Window',
		name: 'messagingType',
		type: 'options',
		options: [
			{
				name: 'Human Agent Reply (Within 7 Days)',
				value: 'HUMAN_AGENT',
				description: "A person replying within 7 days of the customer's last message (HUMAN_AGENT tag). Only for replies written by people, not automations.",
			},
			{
				name: 'Reply (Within 24 Hours)',
				value: 'RESPONSE',
				description: "A reply within 24 hours of the customer's last message",
			},
			{
				name: 'Update (Within 24 Hours)',
				value: 'UPDATE',
				description: "A message you start, not a reply, still within 24 hours of the customer's last message",
			},
		],
		default: 'RESPONSE',
		description: `${channel.label} only accepts messages within 24 hours of the customer's last message, or 7 days for a person replying`,
	};
}

/** The account a message is sent as, to pick from the ones the token may use. */
function sendingAccount(channel: SendChannelText): INodeProperties {
	const instagram = channel.label === 'Instagram';
	return {
		displayName: instagram ? 'Instagram Account' : 'Page',
		name: instagram ? 'igAccountId' : 'pageId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: instagram
			? 'Send as another Instagram account linked to a Page the access token manages. Leave empty to use the Instagram Account ID of the credential.'
			: 'Send as another Page the access token may message for. Leave empty to use the Page ID of the credential.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: instagram ? 'searchInstagramAccounts' : 'searchPages', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: instagram ? 'e.g. 17841400000000001' : 'e.g. 105000000000001',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `An ${instagram ? 'Instagram account' : 'Page'} ID is digits only` } }],
			},
		],
	};
}

function options(channel: SendChannelText, operation: MetaOperation): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Include Raw Response',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: `Whether to add ${channel.label}'s answer exactly as received, in a "raw" field`,
		},
	];
	if (channel.label === 'Instagram') options.push(sendingAccount(channel));
	if (channel.label === 'Messenger') {
		options.push(
			{
				displayName: 'Notification',
				name: 'notificationType',
				type: 'options',
				options: [
					{ name: 'No Notification', value: 'NO_PUSH' },
					{ name: 'Silent', value: 'SILENT_PUSH', description: 'A notification without sound or vibration' },
					{ name: 'Sound', value: 'REGULAR', description: 'A notification with sound or vibration' },
				],
				default: 'REGULAR',
				description: "How the customer's phone announces the message",
			},
			sendingAccount(channel),
		);
		if (operation === 'sendMedia') {
			options.push({
				displayName: 'Save Media for Reuse',
				name: 'reusable',
				type: 'boolean',
				default: false,
				description: 'Whether Messenger keeps the media so that the same file is sent faster next time',
			});
		}
	}
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options };
}

/** Each operation's parameters, in the order the editor shows them. */
export function operationProperties(channel: SendChannelText, operation: MetaOperation): INodeProperties[] {
	const content: Record<MetaOperation, INodeProperties[]> = {
		sendText: [messageText(channel)],
		sendMedia: media(channel),
		sendQuickReplies: [messageText(channel), quickReplies],
	};
	return [recipient(channel), ...content[operation], messageWindow(channel), options(channel, operation)];
}
