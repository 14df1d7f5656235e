import type { IExecuteFunctions } from 'n8n-workflow';
import type { TelegramConnection } from '../../../../core/channels/telegram/definition';
import { sendTelegramMessage } from '../../../../core/channels/telegram/outbound';
import { forOperation } from '../../../shared/for-operation';
import { chatId, keyboard, messageText, options, parseMode } from '../common.descriptions';
import { sendOptions, withRaw } from './item-parameters';

export const description = forOperation('sendMessage', [chatId, messageText, parseMode, ...keyboard, options(true)]);

export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TelegramConnection) {
	const text = this.getNodeParameter('text', itemIndex, '') as string;
	return withRaw(this, itemIndex, await sendTelegramMessage(http, config, { ...sendOptions(this, itemIndex), text }));
}
