import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import { graphUrl } from '../meta/graph-url';
import { isRetryableWhatsAppResponse, whatsappProviderError } from './error-codes';

/** Where and as whom a WhatsApp Cloud API request is sent. */
export interface WhatsAppCloudConfig {
	/** Default https://graph.facebook.com; a gateway or a test server otherwise. */
	baseUrl?: string;
	/** Graph API version, e.g. "v26.0". */
	apiVersion?: string;
	/** The business phone number that sends (its id, not the number itself). */
	phoneNumberId: string;
	/** Sent as a Bearer token when given; inside n8n the credential signs requests instead. */
	accessToken?: string;
	/** How rate limits and failures are retried; WhatsApp's rate-limit codes always count as retryable. */
	retry?: Partial<RetryPolicy>;
	/** Replaces the pause between retries (tests). */
	sleep?: (ms: number) => Promise<void>;
}

/** The URL of a Graph API path under the credential's base and version, e.g. `.../v26.0/<waba id>/phone_numbers`. */
export function whatsAppGraphUrl(config: Pick<WhatsAppCloudConfig, 'baseUrl' | 'apiVersion'>, path: string): string {
	return graphUrl({ baseUrl: config.baseUrl, version: config.apiVersion }, path);
}

/** The URL of an edge of the sending phone number, e.g. `.../v26.0/<id>/messages`. */
export function phoneNumberUrl(config: WhatsAppCloudConfig, edge: 'messages' | 'media'): string {
	const id = config.phoneNumberId.trim();
	if (!id) throw new Error('No Phone Number ID: set it in the WhatsApp Cloud API credential (WhatsApp Manager > Phone numbers) or in the node');
	if (!/^\d+$/.test(id)) {
		throw new Error(`"${id}" is not a Phone Number ID: use the numeric ID shown in the Meta App Dashboard > WhatsApp > API Setup, not the phone number itself`);
	}
	return whatsAppGraphUrl(config, `${id}/${edge}`);
}

/**
 * Sends one request to the Graph API, again after a pause when Meta is rate limiting or
 * failing, and returns Meta's answer, or throws a ProviderError explaining the refusal.
 */
export async function graphRequest<T>(client: HttpClient, config: WhatsAppCloudConfig, request: HttpRequest, action: string): Promise<HttpResponse<T>> {
	const headers = { ...request.headers };
	if (config.accessToken) headers.authorization = `Bearer ${config.accessToken}`;
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...config.retry, isRetryable: isRetryableWhatsAppResponse };
	const response = await sendWithRetry<T>(client, { ...request, headers }, policy, config.sleep);
	if (response.status >= 200 && response.status < 300 && !isErrorBody(response.body)) return response;
	throw whatsappProviderError(response, action);
}

function isErrorBody(body: unknown): boolean {
	return typeof body === 'object' && body !== null && 'error' in body;
}
