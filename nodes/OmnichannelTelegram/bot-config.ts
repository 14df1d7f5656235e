import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { TelegramBotConfig } from '../../core/channels/telegram/bot-api';

export const TELEGRAM_CREDENTIAL = 'omnichannelTelegramApi';

/** The bot of the node's Omnichannel Telegram credential; the token only ever goes into Bot API URLs. */
export async function telegramBotConfig(context: IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions): Promise<TelegramBotConfig> {
	const credential = await context.getCredentials<{ accessToken?: string; baseUrl?: string }>(TELEGRAM_CREDENTIAL);
	return { token: String(credential.accessToken ?? ''), baseUrl: String(credential.baseUrl ?? '') || undefined };
}
