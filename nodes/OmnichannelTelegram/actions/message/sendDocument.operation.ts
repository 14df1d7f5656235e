import type { IExecuteFunctions } from 'n8n-workflow';
import type { TelegramConnection } from '../../../../core/channels/telegram/definition';
import { sendTelegramDocument } from '../../../../core/channels/telegram/outbound';
import { forOperation } from '../../../shared/for-operation';
import { caption, chatId, file, keyboard, options, parseMode } from '../common.descriptions';
import { captionOf, fileOf, sendOptions, withRaw } from './item-parameters';

export const description = forOperation('sendDocument', [chatId, caption, parseMode, ...file('Document'), ...keyboard, options(true)]);

export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TelegramConnection) {
	const document = await fileOf(this, itemIndex);
	return withRaw(this, itemIndex, await sendTelegramDocument(http, config, { ...sendOptions(this, itemIndex), document, caption: captionOf(this, itemIndex) }));
}
