import type { IExecuteFunctions } from 'n8n-workflow';
import type { TelegramConnection } from '../../../../core/channels/telegram/definition';
import { answerTelegramCallbackQuery } from '../../../../core/channels/telegram/outbound';
import { forOperation } from '../../../shared/for-operation';
import { answerText, callbackQueryId, options, showAlert } from '../common.descriptions';
import { withRaw } from './item-parameters';

export const description = forOperation('answerCallbackQuery', [callbackQueryId, answerText, showAlert, options(false)]);

/** Stops the spinner on the pressed button, with a notice or an alert if given. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { http, config }: TelegramConnection) {
	return withRaw(
		this,
		itemIndex,
		await answerTelegramCallbackQuery(http, config, {
			callbackQueryId: String(this.getNodeParameter('callbackQueryId', itemIndex, '') ?? ''),
			text: (this.getNodeParameter('answerText', itemIndex, '') as string) || undefined,
			showAlert: this.getNodeParameter('showAlert', itemIndex, false) as boolean,
		}),
	);
}
