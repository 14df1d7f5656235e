import type { IExecuteFunctions } from 'n8n-workflow';
import type { TelegramConnection } from '../../../../core/channels/telegram/definition';
import { sendTelegramPhoto } from '../../../../core/channels/telegram/outbound';
import { forOperation } from '../../../shared/for-operation';
import { caption, chatId, file, keyboard, options, parseMode } from '../common.descriptions';
import { captionOf, fileOf, sendOptions, withRaw } from './item-parameters';

export const description = forOperation('sendPhoto', [chatId, caption, parseMode, ...file('Photo'), ...keyboard, options(true)]);

export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TelegramConnection) {
	const photo = await fileOf(this, itemIndex);
	return withRaw(this, itemIndex, await sendTelegramPhoto(http, config, { ...sendOptions(this, itemIndex), photo, caption: captionOf(this, itemIndex) }));
}
