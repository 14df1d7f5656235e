import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';
import type { HubSpotErrorBody } from './hubspot-errors';

export const HUBSPOT_API_URL = 'https://api.hubapi.com';

/** Where and how to call HubSpot; the credential (Bearer token) is applied by the HttpClient. */
export interface HubSpotApiConfig {
	http: HttpClient;
	/** Default https://api.hubapi.com; a gateway's address, or a test server's. */
	baseUrl?: string;
	retry?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
}

/**
 * HubSpot answers 429 for its ten-secondly (and per-second search) limits: worth waiting for,
 * as the 502/503/504 of its edge are. The daily limit is not: it lasts until midnight.
 */
function isRetryable(response: HttpResponse): boolean {
	if (response.status === 429) return (response.body as HubSpotErrorBody | undefined)?.policyName !== 'DAILY';
	return response.status === 502 || response.status === 503 || response.status === 504;
}

/** Ten-secondly windows: waits up to 10 s, four times, unless Retry-After says otherwise. */
export const HUBSPOT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 1000, maxDelayMs: 10_000, isRetryable };

/** HubSpot's rolling window, when its answer does not give X-HubSpot-RateLimit-Interval-Milliseconds. */
const TEN_SECONDS = 10_000;

/**
 * A 429 of the ten-secondly rolling window frees up only as the window rolls on, and HubSpot does
 * not always say when: without Retry-After, wait the window's length (its interval header, else
 * 10 s) rather than a short backoff that would be refused again.
 */
export function withWindowWait(http: HttpClient): HttpClient {
	return {
		async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			const response = await http.request<T>(request);
			const policy = (response.body as HubSpotErrorBody | undefined)?.policyName;
			if (response.status !== 429 || response.headers['retry-after'] || policy === 'DAILY') return response;
			const interval = Number(response.headers['x-hubspot-ratelimit-interval-milliseconds']);
			const waitMs = interval > 0 ? interval : policy === 'TEN_SECONDLY_ROLLING' ? TEN_SECONDS : undefined;
			if (waitMs === undefined) return response;
			return { ...response, headers: { ...response.headers, 'retry-after': String(waitMs / 1000) } };
		},
	};
}

/** HubSpot's REST API at one base URL, every call retried by the policy. */
export class HubSpotApi {
	private readonly baseUrl: string;
	private readonly http: HttpClient;

	constructor(private readonly config: HubSpotApiConfig) {
		this.baseUrl = (config.baseUrl?.trim() || HUBSPOT_API_URL).replace(/\/+$/, '');
		this.http = withWindowWait(config.http);
	}

	async send<T>(method: HttpRequest['method'], path: string, options: { json?: unknown; query?: HttpRequest['query'] } = {}): Promise<HttpResponse<T>> {
		const request: HttpRequest = { method, url: `${this.baseUrl}${path}`, headers: { accept: 'application/json' }, ...options };
		return await sendWithRetry<T>(this.http, request, { ...HUBSPOT_RETRY_POLICY, ...this.config.retry, isRetryable }, this.config.sleep);
	}
}

export const isSuccess = (response: HttpResponse) => response.status >= 200 && response.status < 300;
