import type { HttpClient, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { isRecord } from '../shared/json-body';

/**
 * An Evolution API v2 instance's webhook: `POST /webhook/set/{instance}` with
 * `{ webhook: { enabled, url, byEvents, base64, events, headers } }` and
 * `GET /webhook/find/{instance}` (the stored webhook, or null). An instance has one webhook;
 * Evolution has no call to delete it, so "removing" turns it off.
 */

/** The events the trigger reads. */
export const EVOLUTION_WEBHOOK_EVENTS = ['MESSAGES_UPSERT', 'MESSAGES_UPDATE', 'CONNECTION_UPDATE'];

export interface EvolutionWebhookTarget {
	baseUrl: string;
	instance: string;
	/** Headers Evolution must send with every webhook: `jwt_key` (Evolution then signs a Bearer JWT with it) or a custom secret header. */
	headers: Record<string, string>;
}

export interface EvolutionWebhook {
	enabled: boolean;
	url: string;
	events: string[];
	byEvents: boolean;
	headers: Record<string, string>;
}

const SETUP_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000 };

function endpoint(target: EvolutionWebhookTarget, action: 'set' | 'find'): string {
	return `${target.baseUrl.trim().replace(/\/+$/, '')}/webhook/${action}/${encodeURIComponent(target.instance.trim())}`;
}

function messagesOf(body: unknown): string {
	const inner = isRecord(body) ? (isRecord(body.response) ? body.response.message : body.message) : body;
	const list = Array.isArray(inner) ? inner.flat() : inner === undefined || inner === null ? [] : [inner];
	return list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('; ');
}

function evolutionSetupError(response: HttpResponse, target: EvolutionWebhookTarget, action: string): ProviderError {
	const detail = messagesOf(response.body) || `HTTP ${response.status}`;
	const { status } = response;
	let hint: string;
	if (status === 401 || status === 403) hint = `Check the API Key in the Evolution API credential: it must be the server's global API key or the token of instance "${target.instance}".`;
	else if (status === 404 && /instance does not exist/i.test(detail)) hint = `Check the Instance Name in the credential: it must match the name in the Evolution manager exactly, capitals included.`;
	else if (status === 404) hint = 'Check the Base URL in the Evolution API credential: it must point at an Evolution API v2 server, without a path.';
	else if (status >= 500) hint = "The Evolution server had a problem. Activate the workflow again in a moment; if it goes on, check the Evolution server's logs.";
	else hint = "Evolution did not accept the webhook: check that this node's Production URL is an http(s) address Evolution can reach (set WEBHOOK_URL when n8n runs behind a proxy).";
	return new ProviderError('Evolution API', `Evolution API could not ${action}: ${detail}`, { status, hint, body: response.body });
}

async function call<T>(client: HttpClient, target: EvolutionWebhookTarget, request: Parameters<HttpClient['request']>[0], action: string): Promise<T> {
	let response: HttpResponse<T>;
	try {
		response = await sendWithRetry<T>(client, request, SETUP_RETRY);
	} catch (error) {
		throw new ProviderError('Evolution API', `Could not reach the Evolution API server to ${action}: ${(error as Error).message}`, {
			hint: 'Check the Base URL in the Evolution API credential and that this n8n server can reach it.',
		});
	}
	if (response.status < 200 || response.status >= 300) throw evolutionSetupError(response, target, action);
	return response.body;
}

/** The instance's webhook, or undefined when it has none. */
async function findEvolutionWebhook(client: HttpClient, target: EvolutionWebhookTarget): Promise<EvolutionWebhook | undefined> {
	const body = await call<unknown>(client, target, { method: 'GET', url: endpoint(target, 'find') }, "read the instance's webhook");
	if (!isRecord(body) || typeof body.url !== 'string') return undefined;
	const headers = isRecord(body.headers) ? Object.fromEntries(Object.entries(body.headers).map(([name, value]) => [name, String(value)])) : {};
	return {
		enabled: body.enabled !== false,
		url: body.url,
		events: Array.isArray(body.events) ? body.events.map(String) : [],
		byEvents: body.webhookByEvents === true,
		headers,
	};
}

/** Whether the instance sends the trigger's events to `url`, with the headers its proof needs. */
export async function evolutionWebhookPointsAt(client: HttpClient, target: EvolutionWebhookTarget, url: string): Promise<boolean> {
	const webhook = await findEvolutionWebhook(client, target);
	return (
		!!webhook &&
		webhook.enabled &&
		webhook.url === url &&
		// byEvents would append /messages-upsert and the like to the URL.
		!webhook.byEvents &&
		EVOLUTION_WEBHOOK_EVENTS.every((event) => webhook.events.includes(event)) &&
		Object.entries(target.headers).every(([name, value]) => webhook.headers[name] === value)
	);
}

/** Points the instance's webhook at `url`; it replaces whatever webhook the instance had. */
export async function registerEvolutionWebhook(client: HttpClient, target: EvolutionWebhookTarget, url: string): Promise<{ url: string }> {
	await call(
		client,
		target,
		{
			method: 'POST',
			url: endpoint(target, 'set'),
			json: {
				webhook: {
					enabled: true,
					url,
					byEvents: false,
					base64: false,
					events: EVOLUTION_WEBHOOK_EVENTS,
					...(Object.keys(target.headers).length > 0 ? { headers: target.headers } : {}),
				},
			},
		},
		"set the instance's webhook",
	);
	return { url };
}

/** Turns the webhook off, while it still points at `url`. */
export async function unregisterEvolutionWebhook(client: HttpClient, target: EvolutionWebhookTarget, url: string): Promise<void> {
	const webhook = await findEvolutionWebhook(client, target);
	if (!webhook?.enabled || webhook.url !== url) return;
	await call(client, target, { method: 'POST', url: endpoint(target, 'set'), json: { webhook: { enabled: false, url, events: [] } } }, "turn the instance's webhook off");
}
