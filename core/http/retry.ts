import type { HttpClient, HttpRequest, HttpResponse } from './http-client';

export interface RetryPolicy {
	/** Further attempts after the first. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Whether an answer means "try again later"; by default 429 and 5xx. */
	isRetryable?: (response: HttpResponse) => boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

const isTransient = (response: HttpResponse) => response.status === 429 || response.status >= 500;

/** How long the provider asked us to wait, from Retry-After in seconds or as an HTTP date. */
function retryAfterMs(response: HttpResponse, now = Date.now()): number | undefined {
	const value = response.headers['retry-after'];
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends, and sends again after a pause when the provider is rate limiting or failing
 * (exponential backoff with jitter, or exactly what Retry-After says). Returns the last
 * answer, successful or not.
 */
export async function sendWithRetry<T>(
	client: HttpClient,
	request: HttpRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<HttpResponse<T>> {
	const retryable = policy.isRetryable ?? isTransient;
	for (let attempt = 0; ; attempt++) {
		const response = await client.request<T>(request);
		if (attempt >= policy.retries || !retryable(response)) return response;
		const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2));
		await sleep(Math.min(policy.maxDelayMs, retryAfterMs(response) ?? backoff));
	}
}
