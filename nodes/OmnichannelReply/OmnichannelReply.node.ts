import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { sendEachItem } from '../shared/send-items';
import { ReplySenders, ROUTE_CREDENTIALS } from './reply-senders';
import { replyToItem } from './reply-to-item';

const credentialNames = [...new Set(Object.values(ROUTE_CREDENTIALS).map((route) => route.credential))];

/** Answers each incoming event on the channel, account and thread it came from: one flow for every channel. */
export class OmnichannelReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omnichannel Reply',
		name: 'omnichannelReply',
		icon: 'file:omnichannelReply.svg',
		group: ['output'],
		version: 1,
		subtitle: 'on the channel it came from',
		description: 'Answer each customer message on the channel it came from: WhatsApp, Messenger, Instagram, Telegram, SMS or e-mail',
		defaults: { name: 'Reply' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: credentialNames.map((name) => ({ name, required: false })),
		properties: [
			{
				displayName: 'Select the credential of every channel this flow answers on; each message is answered with the one of its channel.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
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
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const senders = new ReplySenders(this);
		try {
			return await sendEachItem(this, async (itemIndex) => await replyToItem(this, senders, itemIndex));
		} finally {
			senders.close();
		}
	}
}
