import { randomBytes } from 'node:crypto';
import type { HttpClient } from '../../http/http-client';
import { callTelegramBotApi, type TelegramBotConfig } from './bot-api';

/** Update types the trigger can ask for (setWebhook's allowed_updates). */
const TELEGRAM_UPDATE_TYPES = ['message', 'edited_message', 'callback_query'] as const;
export type TelegramUpdateType = (typeof TELEGRAM_UPDATE_TYPES)[number];

/** A fresh secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and - (base64url of 32 random bytes). */
export function newTelegramSecretToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The URL Telegram currently delivers updates to, or '' when no webhook is set (getWebhookInfo). */
export async function telegramWebhookUrl(client: HttpClient, config: TelegramBotConfig): Promise<string> {
	const { result } = await callTelegramBotApi<{ url?: string }>(client, config, 'getWebhookInfo', { json: {} });
	return result.url ?? '';
}

/** Points the bot's updates at `url`; Telegram will send `secretToken` back in X-Telegram-Bot-Api-Secret-Token (setWebhook). */
export async function setTelegramWebhook(
	client: HttpClient,
	config: TelegramBotConfig,
	input: { url: string; secretToken: string; allowedUpdates: readonly TelegramUpdateType[] },
): Promise<void> {
	await callTelegramBotApi<boolean>(client, config, 'setWebhook', {
		json: { url: input.url, secret_token: input.secretToken, allowed_updates: input.allowedUpdates },
	});
}

/** Stops delivery to the webhook (deleteWebhook). */
export async function deleteTelegramWebhook(client: HttpClient, config: TelegramBotConfig): Promise<void> {
	await callTelegramBotApi<boolean>(client, config, 'deleteWebhook', { json: {} });
}
