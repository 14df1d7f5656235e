/**
 * The Telegram Bot API: `POST /bot<token>/<method>`, each call checked against its
 * documented parameters (the checks of ../telegram-bot-api.ts) and answered `{ok, result}`.
 * It keeps each bot's webhook as setWebhook left it (URL and secret token), as Telegram
 * does: getWebhookInfo reports it, and whoever plays Telegram's deliveries reads the secret.
 */
import type { RecordedRequest } from '../local-server';
import { botApiFixture, parseCall, violationsOf } from '../telegram-bot-api';
import { sequenceNumber, type Handled, type Route } from './types';

export interface TelegramWebhook {
	url: string;
	secretToken?: string;
	allowedUpdates?: string[];
}

const BOT = { id: 5550009999, is_bot: true, first_name: 'Acme Support', username: 'acme_support_bot' };
const ok = (result: unknown): Handled['answer'] => ({ status: 200, body: { ok: true, result } });

/** The sent message as the Bot API returns it. */
function sentMessage(params: Record<string, unknown>, seq: number, extra: Record<string, unknown>) {
	const chatId = params.chat_id;
	const chat = typeof chatId === 'number' ? { id: chatId, type: 'private' } : { id: -1000000000000 - seq, title: String(chatId), username: String(chatId).replace(/^@/, ''), type: 'channel' };
	return { message_id: sequenceNumber(seq), from: BOT, chat, date: Math.floor(Date.now() / 1000), ...extra };
}

/**
 * The Bot API route; `webhooks` holds each bot token's webhook, `onChange` hears of every
 * change to them; `tokens` lists the bots it knows (any when omitted).
 */
export function telegramRoute(webhooks: Map<string, TelegramWebhook>, tokens?: string[], onChange?: () => void): Route {
	return (request: RecordedRequest, seq: number) => {
		const path = /^\/bot([^/]+)\/(\w+)$/.exec(request.path);
		if (!path) return undefined;
		const token = decodeURIComponent(path[1]);
		if (tokens && !tokens.includes(token)) return { api: 'telegram', answer: { status: 401, body: botApiFixture('error-unauthorized') } };
		if (path[2] === 'getMe') return { api: 'telegram', answer: ok(BOT) };
		const call = parseCall(request);
		if (typeof call === 'string') return { api: 'telegram', answer: { status: 404, body: { ok: false, error_code: 404, description: `Not Found: ${call}` } } };
		const problems = violationsOf(call);
		const handled = (answer: Handled['answer'], send?: Handled['send']): Handled => ({ api: 'telegram', body: call.params, answer, send });
		if (problems.length > 0) return handled({ status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${problems.join('; ')}` } });
		const params = call.params;
		switch (call.method) {
			case 'setWebhook':
				webhooks.set(token, { url: String(params.url), secretToken: params.secret_token as string | undefined, allowedUpdates: params.allowed_updates as string[] | undefined });
				onChange?.();
				return handled({ status: 200, body: botApiFixture('set-webhook-ok') });
			case 'deleteWebhook':
				webhooks.delete(token);
				onChange?.();
				return handled({ status: 200, body: botApiFixture('delete-webhook-ok') });
			case 'getWebhookInfo': {
				const webhook = webhooks.get(token);
				const info = { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0, ...(webhook?.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}) };
				return handled(ok(info));
			}
			case 'answerCallbackQuery':
				return handled(ok(true));
			case 'sendMessage':
			case 'editMessageText':
				return handled(ok(sentMessage(params, seq, { text: params.text })), { to: String(params.chat_id), text: String(params.text) });
			case 'sendPhoto':
			case 'sendDocument': {
				const fixture = botApiFixture(call.method === 'sendPhoto' ? 'send-photo-ok' : 'send-document-ok').result as Record<string, unknown>;
				const media = call.method === 'sendPhoto' ? { photo: fixture.photo } : { document: fixture.document };
				const caption = typeof params.caption === 'string' ? params.caption : undefined;
				return handled(ok(sentMessage(params, seq, { ...media, ...(caption ? { caption } : {}) })), { to: String(params.chat_id), text: caption ?? `[${call.method.slice(4).toLowerCase()}]` });
			}
			default:
				return handled({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } });
		}
	};
}
