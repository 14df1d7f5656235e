import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { HttpClient } from '../../core/http/http-client';
import { inlineKeyboardFromJson, type TelegramInlineKeyboard } from '../../core/channels/telegram/keyboard';
import {
	answerTelegramCallbackQuery,
	editTelegramMessageText,
	sendTelegramDocument,
	sendTelegramMessage,
	sendTelegramPhoto,
	type TelegramBotConfig,
	type TelegramFileInput,
	type TelegramParseMode,
	type TelegramSendOptions,
	type TelegramSendResult,
} from '../../core/channels/telegram/outbound';

interface ButtonRow {
	buttons?: { button?: Array<{ text?: string; onPress?: string; callbackData?: string; url?: string }> };
}

/** A message number, from "44" or from an event key such as "5550001234:44". */
function messageNumber(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): number | undefined {
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

function sendOptions(context: IExecuteFunctions, itemIndex: number, options: IDataObject): TelegramSendOptions {
	const parseMode = context.getNodeParameter('parseMode', itemIndex, 'none') as string;
	return {
		chatId: String(context.getNodeParameter('chatId', itemIndex, '') ?? ''),
		parseMode: parseMode === 'none' ? undefined : (parseMode as TelegramParseMode),
		keyboard: keyboardOf(context, itemIndex),
		replyToMessageId: messageNumber(context, options.replyToMessageId, 'Reply To Message ID', itemIndex),
		disableNotification: options.disableNotification === true,
	};
}

async function fileOf(context: IExecuteFunctions, itemIndex: number): Promise<TelegramFileInput> {
	const source = context.getNodeParameter('source', itemIndex) as string;
	if (source === 'url') return { url: String(context.getNodeParameter('fileUrl', itemIndex, '')) };
	if (source === 'fileId') return { fileId: String(context.getNodeParameter('fileId', itemIndex, '')) };
	const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
	return { upload: { data, fileName: binary.fileName || `file${extension}`, mimeType: binary.mimeType } };
}

/** Carries out the node's operation for one item with the bot of the credential. */
export async function runTelegramOperation(context: IExecuteFunctions, itemIndex: number, client: HttpClient, config: TelegramBotConfig): Promise<TelegramSendResult> {
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	switch (operation) {
		case 'sendMessage':
			return await sendTelegramMessage(client, config, { ...sendOptions(context, itemIndex, options), text: context.getNodeParameter('text', itemIndex, '') as string });
		case 'sendPhoto':
			return await sendTelegramPhoto(client, config, {
				...sendOptions(context, itemIndex, options),
				photo: await fileOf(context, itemIndex),
				caption: (context.getNodeParameter('caption', itemIndex, '') as string) || undefined,
			});
		case 'sendDocument':
			return await sendTelegramDocument(client, config, {
				...sendOptions(context, itemIndex, options),
				document: await fileOf(context, itemIndex),
				caption: (context.getNodeParameter('caption', itemIndex, '') as string) || undefined,
			});
		case 'editMessageText': {
			const { chatId, parseMode, keyboard } = sendOptions(context, itemIndex, {});
			const messageId = messageNumber(context, context.getNodeParameter('messageId', itemIndex, ''), 'Message ID', itemIndex);
			if (messageId === undefined) throw new NodeOperationError(context.getNode(), 'The Message ID is empty', { itemIndex, description: 'Give the number of the message the bot sent, or its externalId.' });
			return await editTelegramMessageText(client, config, { chatId, parseMode, keyboard, messageId, text: context.getNodeParameter('text', itemIndex, '') as string });
		}
		case 'answerCallbackQuery':
			return await answerTelegramCallbackQuery(client, config, {
				callbackQueryId: String(context.getNodeParameter('callbackQueryId', itemIndex, '') ?? ''),
				text: (context.getNodeParameter('answerText', itemIndex, '') as string) || undefined,
				showAlert: context.getNodeParameter('showAlert', itemIndex, false) as boolean,
			});
		default:
			throw new NodeOperationError(context.getNode(), `Unknown operation "${operation}"`, { itemIndex });
	}
}
