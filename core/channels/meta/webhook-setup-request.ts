import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { graphErrorOf } from './graph-error';
import { isRetryableGraphResponse } from './send-errors';

/**
 * The Graph API calls that set up webhooks (app subscriptions, a Page's or a WhatsApp
 * Business Account's subscribed apps), and Meta's refusals of them in plain words.
 */

/** What a refusal should point at: which credential holds the token, and what it must be allowed to do. */
export interface SetupHints {
	/** e.g. "the Page access token in the Omnichannel Meta Page credential". */
	token: string;
	/** e.g. "pages_manage_metadata". */
	permission: string;
}

/** Setting up happens on activation, while someone waits: a few quick tries, not the senders' patience. */
const SETUP_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000, isRetryable: isRetryableGraphResponse };

/** Meta could not call the URL back (code 2200), or the verify token was not answered. */
const CALLBACK_FAILED = /callback verification|verify token|challenge|could not (reach|connect)/i;

function webhookSetupError(response: HttpResponse, action: string, hints: SetupHints): ProviderError {
	const error = graphErrorOf(response.body);
	const said = error?.userMessage || error?.message || (typeof response.body === 'string' && response.body.trim() ? response.body.trim().slice(0, 300) : `HTTP ${response.status}`);
	const { code } = error ?? {};
	let hint: string | undefined;
	if (code === 2200 || CALLBACK_FAILED.test(said)) {
		hint =
			"Meta could not call this node's Production URL back. n8n must be reachable from the internet over HTTPS at that address (set WEBHOOK_URL when n8n runs behind a proxy), and answer Meta's check with the credential's Verify Token.";
	} else if (code === 190 || response.status === 401) {
		hint = `Meta refused ${hints.token}: it has expired, was revoked, or belongs to another app. Paste a valid one into the credential.`;
	} else if (code === 10 || code === 3 || (code !== undefined && code >= 200 && code < 300) || response.status === 403) {
		hint = `${hints.token[0].toUpperCase()}${hints.token.slice(1)} is not allowed to do this: it needs the ${hints.permission} permission (and the app must be allowed to manage this asset).`;
	} else if (code === 4 || code === 17 || code === 32 || code === 613 || response.status === 429) {
		hint = 'Meta is limiting how many requests this app makes. Activate the workflow again in a few minutes.';
	} else if (code === 100 || code === 803) {
		hint = 'Meta did not accept an ID or a field: check the App ID, Page ID, Instagram Account ID or WhatsApp Business Account ID in the credential.';
	} else if (response.status >= 500) {
		hint = 'Meta had a temporary problem. Activate the workflow again in a few minutes; if it keeps failing, check https://metastatus.com.';
	}
	return new ProviderError('meta', `Meta refused to ${action}: ${said}`, { status: response.status, code, hint, body: response.body });
}

/** Sends one setup request and returns Meta's answer; a refusal (or `{ error }` in a 200) is a ProviderError. */
export async function webhookSetupRequest<T>(client: HttpClient, request: HttpRequest, action: string, hints: SetupHints): Promise<T> {
	let response: HttpResponse<T>;
	try {
		response = await sendWithRetry<T>(client, request, SETUP_RETRY);
	} catch (error) {
		throw new ProviderError('meta', `Could not reach the Graph API to ${action}: ${(error as Error).message}`, {
			hint: 'Check the Base URL in the credential (normally https://graph.facebook.com) and that this n8n server can reach the internet.',
		});
	}
	if (response.status < 200 || response.status >= 300 || graphErrorOf(response.body)) throw webhookSetupError(response, action, hints);
	return response.body;
}
