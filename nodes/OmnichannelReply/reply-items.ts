import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sendEachItem } from '../shared/send-items';
import { ReplySenders } from './reply-senders';
import { replyToItem } from './reply-to-item';

/** The message and its options, the same in every version. */
export const replyContentProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{ $json.from.name }}, we got your message and will answer shortly.',
		description: 'What to answer. Items must be events from an Omnichannel trigger (Customer Merge keeps them so).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'E-Mail Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'Subject of e-mail replies; by default "Re: " and the customer\'s subject, which keeps the thread',
			},
			{
				displayName: 'Messenger and Instagram Window',
				name: 'window',
				type: 'options',
				options: [
					{ name: 'Within 24 Hours', value: 'RESPONSE', description: 'A reply within 24 hours of the customer\'s last message' },
					{ name: 'Human Agent (7 Days)', value: 'HUMAN_AGENT', description: 'A person answering within 7 days of the customer\'s last message' },
				],
				default: 'RESPONSE',
			},
		],
	},
];

/**
 * Answers every item on the channel, account and thread its event came from. With
 * `pickedChannels` (version 2), only the channels picked on the node are answered.
 */
export async function replyToEachItem(context: IExecuteFunctions, pickedChannels: boolean): Promise<INodeExecutionData[][]> {
	const senders = new ReplySenders(context);
	try {
		return await sendEachItem(context, async (itemIndex) => await replyToItem(context, senders, itemIndex, pickedChannels));
	} finally {
		senders.close();
	}
}
