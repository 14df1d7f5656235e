import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { QuickReplyOption } from '../../core/channels/meta/message-content';
import type { MessagingWindow, MetaSendInput } from '../../core/channels/meta/send-api';

/** Reading one item's parameters, the same way on the Messenger and Instagram nodes. */

export const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '');

export const optionsOf = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('options', itemIndex, {}) as IDataObject;

/** Whom to send to, in which window, and what to keep. */
export function sendInput(context: IExecuteFunctions, itemIndex: number): MetaSendInput {
	const options = optionsOf(context, itemIndex);
	return {
		recipient: text(context, 'recipient', itemIndex),
		window: context.getNodeParameter('messagingType', itemIndex, 'RESPONSE') as MessagingWindow,
		includeRaw: options.includeRaw === true,
		notificationType: typeof options.notificationType === 'string' ? options.notificationType : undefined,
	};
}

export function quickReplyOptions(context: IExecuteFunctions, itemIndex: number): QuickReplyOption[] {
	const options = ((context.getNodeParameter('quickReplies', itemIndex, {}) as IDataObject).option as IDataObject[] | undefined) ?? [];
	return options.map((option) => ({ title: String(option.title ?? ''), payload: String(option.payload ?? '') }));
}

/** The account picked under Options (from the list or typed), or '' for the credential's. */
export const accountOption = (context: IExecuteFunctions, itemIndex: number, name: 'pageId' | 'igAccountId') =>
	String(context.getNodeParameter(`options.${name}`, itemIndex, '', { extractValue: true }) ?? '').trim();
