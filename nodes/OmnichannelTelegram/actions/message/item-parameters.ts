import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { CanonicalEvent } from '../../../../core/model';
import { inlineKeyboardFromJson, type TelegramInlineKeyboard } from '../../../../core/channels/telegram/keyboard';
import type { TelegramFileInput, TelegramParseMode, TelegramSendOptions, TelegramSendResult } from '../../../../core/channels/telegram/outbound';

/** Reading one item's parameters, the same way for every Telegram operation. */

interface ButtonRow {
	buttons?: { button?: Array<{ text?: string; onPress?: string; callbackData?: string; url?: string }> };
}

const optionsOf = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('options', itemIndex, {}) as IDataObject;

/** The event, with Telegram's answer as `raw` when the item asks for it. */
export function withRaw(context: IExecuteFunctions, itemIndex: number, { event, response }: TelegramSendResult): CanonicalEvent {
	return optionsOf(context, itemIndex).includeRaw === true ? { ...event, raw: response } : event;
}

/** A message number, from "44" or from an event key such as "5550001234:44". */
export function messageNumber(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): number | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	const match = /^(?:-?\d+:)?(\d+)$/.exec(text);
	if (!match) {
		throw new NodeOperationError(context.getNode(), `${field} "${text}" is not a message number`, {
			itemIndex,
			description: 'Use the number of the message, or the externalId of a Telegram event such as "5550001234:44".',
		});
	}
	return Number(match[1]);
}

function keyboardOf(context: IExecuteFunctions, itemIndex: number): TelegramInlineKeyboard | undefined {
	const type = context.getNodeParameter('keyboardType', itemIndex, 'none') as string;
	if (type === 'json') return inlineKeyboardFromJson(context.getNodeParameter('keyboardJson', itemIndex, '[]'));
	if (type !== 'buttons') return undefined;
	const rows = context.getNodeParameter('inlineKeyboard.rows', itemIndex, []) as ButtonRow[];
	return rows.map((row) =>
		(row.buttons?.button ?? []).map((button) =>
			button.onPress === 'url' ? { text: String(button.text ?? ''), url: String(button.url ?? '') } : { text: String(button.text ?? ''), callbackData: String(button.callbackData ?? '') },
		),
	);
}

/** Where the message goes and how it looks; replying and sending silently only where the operation offers them. */
export function sendOptions(context: IExecuteFunctions, itemIndex: number, options: IDataObject = optionsOf(context, itemIndex)): TelegramSendOptions {
	const parseMode = context.getNodeParameter('parseMode', itemIndex, 'none') as string;
	return {
		chatId: String(context.getNodeParameter('chatId', itemIndex, '') ?? ''),
		parseMode: parseMode === 'none' ? undefined : (parseMode as TelegramParseMode),
		keyboard: keyboardOf(context, itemIndex),
		replyToMessageId: messageNumber(context, options.replyToMessageId, 'Reply To Message ID', itemIndex),
		disableNotification: options.disableNotification === true,
	};
}

/** The photo or document: a URL, a Telegram file id, or the item's file to upload. */
export async function fileOf(context: IExecuteFunctions, itemIndex: number): Promise<TelegramFileInput> {
	const source = context.getNodeParameter('source', itemIndex) as string;
	if (source === 'url') return { url: String(context.getNodeParameter('fileUrl', itemIndex, '')) };
	if (source === 'fileId') return { fileId: String(context.getNodeParameter('fileId', itemIndex, '')) };
	const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
	return { upload: { data, fileName: binary.fileName || `file${extension}`, mimeType: binary.mimeType } };
}

export const captionOf = (context: IExecuteFunctions, itemIndex: number) => (context.getNodeParameter('caption', itemIndex, '') as string) || undefined;
