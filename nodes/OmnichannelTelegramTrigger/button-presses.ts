import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { answerTelegramCallbackQuery } from '../../core/channels/telegram/outbound';
import { n8nHttpClient } from '../shared/n8n-http-client';
import { TELEGRAM_CREDENTIAL, telegramBotConfig } from '../OmnichannelTelegram/bot-config';

/** Which kind of update an event came from: a button press, an edit, or a new message. */
export function updateTypeOf(event: IDataObject): 'message' | 'edited_message' | 'callback_query' {
	if (event.type === 'action') return 'callback_query';
	return String(event.externalId ?? '').includes(':edited:') ? 'edited_message' : 'message';
}

/**
 * Answers the button presses among the events at once, so the buttons stop spinning while
 * the workflow runs. It does not wait: the webhook is already answered, and a failure is
 * only logged (without the bot token).
 */
export function answerButtonPresses(context: IWebhookFunctions, events: INodeExecutionData[], text: string | undefined): void {
	const ids = events.filter((item) => item.json.type === 'action').map((item) => String(item.json.externalId));
	if (ids.length === 0) return;
	const node = context.getNode().name;
	void (async () => {
		const config = { ...(await telegramBotConfig(context)), retry: { retries: 1, baseDelayMs: 200, maxDelayMs: 2000 } };
		const client = n8nHttpClient(context, TELEGRAM_CREDENTIAL);
		await Promise.all(
			ids.map(async (callbackQueryId) => {
				try {
					await answerTelegramCallbackQuery(client, config, { callbackQueryId, text });
				} catch (error) {
					context.logger.warn(`${node}: could not answer a Telegram button press: ${(error as Error).message}`);
				}
			}),
		);
	})().catch((error: unknown) => context.logger.warn(`${node}: could not answer Telegram button presses: ${(error as Error).message}`));
}
