import { createHash } from 'node:crypto';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { isRecord } from '../shared/json-body';

/**
 * A Postmark server's inbound webhook URL (`InboundHookUrl`): read with `GET /server` and set
 * with `PUT /server`, authenticated by the server's API token in X-Postmark-Server-Token
 * (which the credential adds). A server has one inbound URL. It may carry the Basic-auth
 * user and password and the URL secret the trigger checks, so it is never stored nor
 * shown: what is remembered is its SHA-256.
 */

const POSTMARK_API_BASE_URL = 'https://api.postmarkapp.com';

const SETUP_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000 };
const ACCEPT_JSON = { accept: 'application/json' };

/** What identifies a registered URL without holding its secrets. */
function inboundHookFingerprint(url: string): string {
	return createHash('sha256').update(url).digest('hex');
}

/** The trigger's URL as Postmark must call it: with the credential's user and password, and the URL secret. */
export function inboundHookUrl(webhookUrl: string, protection: { user?: string; password?: string; urlSecret?: string }): string {
	const url = new URL(webhookUrl);
	if (protection.user && protection.password) {
		url.username = encodeURIComponent(protection.user);
		url.password = encodeURIComponent(protection.password);
	}
	if (protection.urlSecret) url.searchParams.set('secret', protection.urlSecret);
	return url.toString();
}

function postmarkSetupError(response: HttpResponse, action: string): ProviderError {
	const body = isRecord(response.body) ? response.body : undefined;
	const said = typeof body?.Message === 'string' ? body.Message : `HTTP ${response.status}`;
	const code = typeof body?.ErrorCode === 'number' ? body.ErrorCode : undefined;
	let hint: string | undefined;
	if (response.status === 401 || code === 10) {
		hint = "Postmark refused the Server API Token. Copy it from Postmark (Servers → your server → API Tokens) into the credential; an account token won't do.";
	} else if (response.status === 422) hint = "Postmark did not accept the URL: this node's Production URL must be a public http(s) address (set WEBHOOK_URL when n8n runs behind a proxy).";
	else if (response.status >= 500) hint = 'Postmark had a temporary problem. Activate the workflow again in a few minutes.';
	return new ProviderError('postmark', `Postmark could not ${action}: ${said}`, { status: response.status, code, hint, body: response.body });
}

async function call(client: HttpClient, request: HttpRequest, action: string): Promise<Record<string, unknown>> {
	let response: HttpResponse;
	try {
		response = await sendWithRetry(client, request, SETUP_RETRY);
	} catch (error) {
		throw new ProviderError('postmark', `Could not reach Postmark to ${action}: ${(error as Error).message}`, {
			hint: 'Check the Base URL in the Postmark credential (normally https://api.postmarkapp.com) and that this n8n server can reach the internet.',
		});
	}
	if (response.status < 200 || response.status >= 300 || !isRecord(response.body)) throw postmarkSetupError(response, action);
	return response.body;
}

function serverUrl(baseUrl: string): string {
	return `${(baseUrl.trim() || POSTMARK_API_BASE_URL).replace(/\/+$/, '')}/server`;
}

/** The server's inbound webhook URL ('' when none). */
export async function currentInboundHookUrl(client: HttpClient, baseUrl: string): Promise<string> {
	const server = await call(client, { method: 'GET', url: serverUrl(baseUrl), headers: ACCEPT_JSON }, "read the server's inbound webhook");
	return typeof server.InboundHookUrl === 'string' ? server.InboundHookUrl : '';
}

/** Sets the server's inbound webhook URL; it replaces the one the server had. */
export async function setInboundHookUrl(client: HttpClient, baseUrl: string, url: string): Promise<{ fingerprint: string }> {
	await call(client, { method: 'PUT', url: serverUrl(baseUrl), headers: ACCEPT_JSON, json: { InboundHookUrl: url } }, "set the server's inbound webhook");
	return { fingerprint: inboundHookFingerprint(url) };
}

/** Clears the inbound webhook URL, only while it is still the one registered. */
export async function clearInboundHookUrl(client: HttpClient, baseUrl: string, fingerprint: string): Promise<void> {
	if (inboundHookFingerprint(await currentInboundHookUrl(client, baseUrl)) !== fingerprint) return;
	await call(client, { method: 'PUT', url: serverUrl(baseUrl), headers: ACCEPT_JSON, json: { InboundHookUrl: '' } }, "clear the server's inbound webhook");
}
