import { ProviderError } from '../../channels/provider-error';
import { isRecord } from '../../channels/shared/json-body';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';

/**
 * A Pipedrive webhook (v2 payloads) about persons, delivered to the trigger with basic auth:
 * `POST /v1/webhooks` (subscription_url, event_action, event_object, http_auth_user,
 * http_auth_password, version "2.0"), `GET /v1/webhooks`, `DELETE /v1/webhooks/{id}`, with the
 * API token the credential adds (api_token in the query). Webhooks belong to the company.
 */

export const PIPEDRIVE_API_BASE_URL = 'https://api.pipedrive.com';

export interface PipedriveWebhookTarget {
	/** The API's base, https://api.pipedrive.com unless a proxy or a test server stands in. */
	baseUrl: string;
	/** The trigger's URL, where Pipedrive sends the webhooks. */
	url: string;
	/** The basic auth Pipedrive sends with each call (the trigger's Basic Auth credential). */
	user: string;
	password: string;
}

interface PipedriveWebhook {
	id: string;
	subscriptionUrl: string;
	eventObject: string;
	version: string;
}

const SETUP_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000 };

const webhooksUrl = (target: PipedriveWebhookTarget, id?: string) => `${target.baseUrl.trim().replace(/\/+$/, '')}/v1/webhooks${id ? `/${encodeURIComponent(id)}` : ''}`;

function readWebhook(value: unknown): PipedriveWebhook | undefined {
	if (!isRecord(value) || (typeof value.id !== 'number' && typeof value.id !== 'string')) return undefined;
	return { id: String(value.id), subscriptionUrl: String(value.subscription_url ?? ''), eventObject: String(value.event_object ?? ''), version: String(value.version ?? '1.0') };
}

function setupError(response: HttpResponse, action: string): ProviderError {
	const body = response.body;
	const said = isRecord(body) && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
	const { status } = response;
	let hint: string | undefined;
	if (status === 401 || status === 403) hint = "Pipedrive refused the API token. Copy it from Pipedrive (Personal preferences > API) into the Pipedrive credential; only an admin's token sees every person.";
	else if (status === 400) hint = "Check that this node's Production URL is a public https address, and that the Basic Auth credential has a user and a password.";
	else if (status === 429) hint = 'Pipedrive is limiting requests. Activate the workflow again in a minute.';
	else if (status >= 500) hint = 'Pipedrive had a temporary problem. Activate the workflow again in a few minutes.';
	// Pipedrive repeats the request's fields in some answers: never the webhook's password.
	return new ProviderError('pipedrive', `Pipedrive could not ${action}: ${said}`, { status, hint, body: isRecord(body) ? { success: body.success, error: body.error, error_info: body.error_info } : undefined });
}

async function call(client: HttpClient, request: HttpRequest, action: string, allowNotFound = false): Promise<HttpResponse> {
	let response: HttpResponse;
	try {
		response = await sendWithRetry(client, request, SETUP_RETRY);
	} catch (error) {
		throw new ProviderError('pipedrive', `Could not reach Pipedrive to ${action}: ${(error as Error).message}`, {
			hint: 'Check that this n8n server can reach api.pipedrive.com.',
		});
	}
	if ((response.status < 200 || response.status >= 300) && !(allowNotFound && response.status === 404)) throw setupError(response, action);
	return response;
}

async function listWebhooks(client: HttpClient, target: PipedriveWebhookTarget): Promise<PipedriveWebhook[]> {
	const response = await call(client, { method: 'GET', url: webhooksUrl(target) }, 'list the webhooks');
	const data = isRecord(response.body) && Array.isArray(response.body.data) ? response.body.data : [];
	return data.map(readWebhook).filter((webhook): webhook is PipedriveWebhook => webhook !== undefined);
}

const deliversHere = (webhook: PipedriveWebhook, target: PipedriveWebhookTarget) =>
	webhook.subscriptionUrl === target.url && (webhook.eventObject === 'person' || webhook.eventObject === '*') && webhook.version === '2.0';

/** Whether a webhook sends person events (v2) to the trigger: the one this node created when it says which, else any, set up by hand. */
export async function webhookDeliversHere(client: HttpClient, target: PipedriveWebhookTarget, webhookId?: string): Promise<boolean> {
	const webhooks = await listWebhooks(client, target);
	return webhooks.some((webhook) => deliversHere(webhook, target) && (webhookId === undefined || webhook.id === webhookId));
}

/** Creates the webhook: every action on persons, payloads of version 2.0, with the trigger's basic auth. */
export async function createPipedriveWebhook(client: HttpClient, target: PipedriveWebhookTarget): Promise<{ id: string; url: string }> {
	const response = await call(
		client,
		{
			method: 'POST',
			url: webhooksUrl(target),
			json: { subscription_url: target.url, event_action: '*', event_object: 'person', http_auth_user: target.user, http_auth_password: target.password, version: '2.0' },
		},
		'create the webhook',
	);
	const webhook = isRecord(response.body) ? readWebhook(response.body.data) : undefined;
	if (!webhook) throw new ProviderError('pipedrive', 'Pipedrive created the webhook but did not say its id', { status: response.status });
	return { id: webhook.id, url: target.url };
}

/** Deletes the webhook, only while it still sends to `url` (one changed since is someone else's). */
export async function deletePipedriveWebhook(client: HttpClient, target: PipedriveWebhookTarget, id: string, url: string): Promise<void> {
	const webhook = (await listWebhooks(client, target)).find((candidate) => candidate.id === id);
	if (webhook?.subscriptionUrl !== url) return;
	await call(client, { method: 'DELETE', url: webhooksUrl(target, id) }, 'delete the webhook', true);
}
