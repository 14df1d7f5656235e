import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { ReplyError, replyTarget } from '../../core/channels/reply-target';
import { canonicalEventSchema } from '../../core/model';
import { sendEachItem } from '../shared/send-items';
import { REPLY_SENDERS, ROUTE_CREDENTIALS } from './reply-senders';

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
	const items = context.getInputData();
	return await sendEachItem(context, async (itemIndex) => {
		const parsed = canonicalEventSchema.safeParse(items[itemIndex].json);
		if (!parsed.success) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} is not a channel event, so there is nothing to reply to`, {
				itemIndex,
				description: 'Connect the Reply node after an Omnichannel trigger (Customer Merge and routers keep the event on the item).',
			});
		}
		let target;
		try {
			target = replyTarget(parsed.data);
		} catch (error) {
			if (error instanceof ReplyError) throw new NodeOperationError(context.getNode(), error.message, { itemIndex });
			throw error;
		}
		const { credential, label, channel } = ROUTE_CREDENTIALS[target.route];
		const came = `Item ${itemIndex + 1} came from ${parsed.data.channel} (${parsed.data.provider})`;
		if (pickedChannels && !(context.getNodeParameter('channels', itemIndex, []) as string[]).includes(target.route)) {
			throw new NodeOperationError(context.getNode(), `${came}, which is not among the Channels to Answer On: add "${channel}" there and select its credential`, { itemIndex });
		}
		if (!context.getNode().credentials?.[credential]) {
			const where = pickedChannels ? 'under Channels to Answer On' : 'on the Reply node';
			throw new NodeOperationError(context.getNode(), `${came}: select its "${label}" credential ${where}`, { itemIndex });
		}
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return await REPLY_SENDERS[target.route](context, target, {
			text: context.getNodeParameter('text', itemIndex) as string,
			window: (options.window as MessagingWindow) ?? 'RESPONSE',
			subject: (options.subject as string) || undefined,
		});
	});
}
