import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { isRecord } from '../shared/json-body';
import { isBlockedByCustomer } from './blocked';
import { telegramErrorHint } from './error-hints';

const TELEGRAM_DEFAULT_BASE_URL = 'https://api.telegram.org';

/** Which bot to act as. The token travels in the URL path (`/bot<token>/<method>`), so it is never logged or shown. */
export interface TelegramBotConfig {
	/** The bot token from @BotFather, "<bot id>:<secret>". */
	token: string;
	/** https://api.telegram.org, or a self-hosted Bot API server. */
	baseUrl?: string;
	retry?: RetryPolicy;
}

/** What the Bot API answers: `{ ok: true, result }` or `{ ok: false, error_code, description, parameters }`. */
export interface TelegramApiAnswer<T = unknown> {
	ok: boolean;
	result?: T;
	error_code?: number;
	description?: string;
	parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A request body: JSON, or multipart/form-data when a file is uploaded. */
export type TelegramPayload = { json: Record<string, unknown> } | { multipart: { body: Buffer; contentType: string } };

/** The bot's numeric id: the part of the token before the colon (public, unlike the rest). */
export function telegramBotId(token: string): string {
	return token.split(':')[0] ?? '';
}

function methodUrl(config: TelegramBotConfig, method: string): string {
	const base = (config.baseUrl?.trim() || TELEGRAM_DEFAULT_BASE_URL).replace(/\/+$/, '');
	return `${base}/bot${config.token.trim()}/${method}`;
}

/** Replaces the token wherever it appears (URLs quoted in network errors). */
function redactTelegramToken(text: string, token: string): string {
	const secret = token.trim();
	return secret ? text.split(secret).join('<bot token>') : text;
}

/**
 * Telegram's 429 says how long to wait in `parameters.retry_after`, and usually in
 * Retry-After too; when only the body has it, it is copied into the header that
 * sendWithRetry reads.
 */
function honouringBodyRetryAfter(client: HttpClient): HttpClient {
	return {
		async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			const response = await client.request<T>(request);
			if (response.status !== 429 || response.headers['retry-after']) return response;
			const body = response.body as unknown;
			const seconds = isRecord(body) && isRecord(body.parameters) ? body.parameters.retry_after : undefined;
			if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return response;
			return { ...response, headers: { ...response.headers, 'retry-after': String(seconds) } };
		},
	};
}

function asAnswer(body: unknown): TelegramApiAnswer | undefined {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			return undefined;
		}
	}
	return isRecord(body) && typeof body.ok === 'boolean' ? (body as unknown as TelegramApiAnswer) : undefined;
}

/** A refusal from the Bot API, with Telegram's error code, its description and a hint in plain words. */
function telegramProviderError(status: number, body: unknown): ProviderError {
	const answer = asAnswer(body);
	const code = answer?.error_code ?? status;
	const description = answer?.description ?? (status >= 200 && status < 300 ? 'an answer that is not the Bot API’s' : `HTTP ${status}`);
	// A block is no fault of the flow: said first, in words, so the failed item explains itself.
	const message = isBlockedByCustomer(code, description)
		? `The customer blocked this bot, so Telegram did not deliver the message: ${description}`
		: `Telegram refused the request: ${description}`;
	return new ProviderError('telegram', message, {
		status,
		code,
		hint: telegramErrorHint(code, description, answer?.parameters),
		body: answer ?? { description },
	});
}

/**
 * Calls one Bot API method and returns its `result`. Rate limits (429) and server errors
 * (5xx) are retried with backoff, waiting as long as Telegram asks; any other refusal is a
 * ProviderError. The bot token never appears in what this throws.
 */
export async function callTelegramBotApi<T>(
	client: HttpClient,
	config: TelegramBotConfig,
	method: string,
	payload: TelegramPayload,
): Promise<{ result: T; answer: TelegramApiAnswer<T> }> {
	if (!config.token?.trim()) {
		throw new ProviderError('telegram', 'The Telegram bot token is empty', {
			hint: 'Paste the token that @BotFather gave you into the Omnichannel Telegram credential.',
		});
	}
	const request: HttpRequest =
		'json' in payload
			? { method: 'POST', url: methodUrl(config, method), json: payload.json }
			: { method: 'POST', url: methodUrl(config, method), headers: { 'content-type': payload.multipart.contentType }, body: payload.multipart.body };
	let response: HttpResponse;
	try {
		response = await sendWithRetry(honouringBodyRetryAfter(client), request, config.retry ?? DEFAULT_RETRY_POLICY);
	} catch (error) {
		throw new ProviderError('telegram', `Could not reach the Telegram Bot API: ${redactTelegramToken((error as Error).message ?? String(error), config.token)}`, {
			hint: 'Check the Base URL in the Omnichannel Telegram credential (normally https://api.telegram.org) and that this n8n server can reach the internet.',
		});
	}
	const answer = asAnswer(response.body) as TelegramApiAnswer<T> | undefined;
	if (response.status < 200 || response.status >= 300 || !answer?.ok || answer.result === undefined) {
		throw telegramProviderError(response.status, response.body);
	}
	return { result: answer.result, answer };
}
