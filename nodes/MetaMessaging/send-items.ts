import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { CanonicalEvent } from '../../core/model';
import type { HttpClient } from '../../core/http/http-client';
import type { QuickReplyOption } from '../../core/channels/meta/message-content';
import type { MessagingWindow } from '../../core/channels/meta/send-api';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { sendEachItem } from '../shared/send-items';
import { META_PAGE_CREDENTIAL, readMetaPageCredential, type MetaPageCredential } from './credential';

/** What one item asks for, read from the node's parameters. */
export interface SendRequest {
	operation: 'sendText' | 'sendMedia' | 'sendQuickReplies';
	recipient: string;
	window: MessagingWindow;
	text: string;
	mediaType: string;
	url: string;
	options: QuickReplyOption[];
	includeRaw: boolean;
	notificationType?: string;
	reusable: boolean;
}

export type ChannelSender = (client: HttpClient, credential: MetaPageCredential, request: SendRequest) => Promise<CanonicalEvent>;

function readRequest(context: IExecuteFunctions, itemIndex: number): SendRequest {
	const operation = context.getNodeParameter('operation', itemIndex) as SendRequest['operation'];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const withText = operation === 'sendText' || operation === 'sendQuickReplies';
	const quickReplies =
		operation === 'sendQuickReplies' ? ((context.getNodeParameter('quickReplies', itemIndex, {}) as IDataObject).option as IDataObject[] | undefined) ?? [] : [];
	return {
		operation,
		recipient: String(context.getNodeParameter('recipient', itemIndex) ?? ''),
		window: context.getNodeParameter('messagingType', itemIndex, 'RESPONSE') as MessagingWindow,
		text: withText ? String(context.getNodeParameter('text', itemIndex) ?? '') : '',
		mediaType: operation === 'sendMedia' ? String(context.getNodeParameter('mediaType', itemIndex)) : '',
		url: operation === 'sendMedia' ? String(context.getNodeParameter('mediaUrl', itemIndex) ?? '') : '',
		options: quickReplies.map((option) => ({ title: String(option.title ?? ''), payload: String(option.payload ?? '') })),
		includeRaw: options.includeRaw === true,
		notificationType: typeof options.notificationType === 'string' ? options.notificationType : undefined,
		reusable: options.reusable === true,
	};
}

/** The item loop of the Messenger and Instagram action nodes: one message per item, its outbound event as output. */
export async function sendMetaItems(context: IExecuteFunctions, send: ChannelSender): Promise<INodeExecutionData[][]> {
	const credential = readMetaPageCredential(await context.getCredentials(META_PAGE_CREDENTIAL));
	const client = n8nHttpClient(context, META_PAGE_CREDENTIAL);
	return sendEachItem(context, async (itemIndex) => await send(client, credential, readRequest(context, itemIndex)));
}
