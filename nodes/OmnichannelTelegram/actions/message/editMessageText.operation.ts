import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import type { TelegramConnection } from '../../../../core/channels/telegram/definition';
import { editTelegramMessageText } from '../../../../core/channels/telegram/outbound';
import { forOperation } from '../../../shared/for-operation';
import { chatId, keyboard, messageId, messageText, options, parseMode } from '../common.descriptions';
import { messageNumber, sendOptions, withRaw } from './item-parameters';

export const description = forOperation('editMessageText', [chatId, messageId, messageText, parseMode, ...keyboard, options(false)]);

export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TelegramConnection) {
	const { chatId, parseMode, keyboard } = sendOptions(this, itemIndex, {});
	const messageId = messageNumber(this, this.getNodeParameter('messageId', itemIndex, ''), 'Message ID', itemIndex);
	if (messageId === undefined) throw new NodeOperationError(this.getNode(), 'The Message ID is empty', { itemIndex, description: 'Give the number of the message the bot sent, or its externalId.' });
	const text = this.getNodeParameter('text', itemIndex, '') as string;
	return withRaw(this, itemIndex, await editTelegramMessageText(http, config, { chatId, parseMode, keyboard, messageId, text }));
}
