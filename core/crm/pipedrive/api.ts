import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import { pipedriveError, pipedriveUnreachable } from './errors';

export const PIPEDRIVE_API_BASE_URL = 'https://api.pipedrive.com';

export interface PipedriveConfig {
	/** Carries the credential: n8n adds the api_token query parameter or the OAuth2 Bearer token. */
	http: HttpClient;
	/** https://api.pipedrive.com by default; the company's API domain (OAuth2's api_domain), a gateway, a test server. */
	baseUrl?: string;
	/** The company's Pipedrive address ("acme", acme.pipedrive.com or its URL), to link each person in Pipedrive. */
	companyDomain?: string;
	retry?: RetryPolicy;
}

/** Pipedrive's envelope, v1 and v2: `{success, data, additional_data}`. */
export interface PipedriveEnvelope<T> {
	success?: boolean;
	data?: T;
	additional_data?: Record<string, unknown> | null;
}

export interface PipedriveCall {
	method: HttpRequest['method'];
	/** From the API root: /api/v2/persons, /v1/notes. */
	path: string;
	query?: HttpRequest['query'];
	json?: Record<string, unknown>;
	/** What is being done, for the error message: "update the person 1042". */
	action: string;
	/** Statuses the caller reads itself instead of failing (404 for a person already gone). */
	accept?: number[];
}

/**
 * Pipedrive tells when its rate-limit window resets in x-ratelimit-reset (seconds), often without
 * Retry-After, which is what the retry reads: give it the reset as Retry-After.
 */
function withRateLimitReset(http: HttpClient): HttpClient {
	return {
		async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			const response = await http.request<T>(request);
			const reset = response.headers['x-ratelimit-reset'];
			if (response.status !== 429 || response.headers['retry-after'] || !reset || !/^\d+(\.\d+)?$/.test(reset.trim())) return response;
			return { ...response, headers: { ...response.headers, 'retry-after': reset.trim() } };
		},
	};
}

/** Keys of a body as Pipedrive would name them in an error: top-level ones and custom field keys. */
function fieldsOf(json: Record<string, unknown> | undefined): string[] {
	if (!json) return [];
	const custom = json.custom_fields && typeof json.custom_fields === 'object' ? Object.keys(json.custom_fields) : [];
	return [...Object.keys(json), ...custom];
}

/**
 * Pipedrive's REST API, v1 and v2, as the adapter calls it: JSON in and out, rate limits waited
 * out, and every refusal a CrmError. A create (POST) is retried only when rate limited, never
 * after a server error, which may have created the record anyway.
 */
export class PipedriveApi {
	readonly baseUrl: string;
	private readonly http: HttpClient;
	private readonly retry: RetryPolicy;

	constructor(config: PipedriveConfig) {
		this.baseUrl = (config.baseUrl?.trim() || PIPEDRIVE_API_BASE_URL).replace(/\/+$/, '');
		this.http = withRateLimitReset(config.http);
		this.retry = config.retry ?? DEFAULT_RETRY_POLICY;
	}

	async send<T>(call: PipedriveCall): Promise<HttpResponse<PipedriveEnvelope<T>>> {
		const request: HttpRequest = {
			method: call.method,
			url: `${this.baseUrl}${call.path}`,
			headers: { accept: 'application/json' },
			query: call.query,
			json: call.json,
		};
		const isRetryable = (response: HttpResponse) => response.status === 429 || (response.status >= 500 && call.method !== 'POST');
		let response: HttpResponse<PipedriveEnvelope<T>>;
		try {
			response = await sendWithRetry<PipedriveEnvelope<T>>(this.http, request, { ...this.retry, isRetryable });
		} catch (error) {
			throw pipedriveUnreachable(error, call.action, this.baseUrl);
		}
		const ok = response.status >= 200 && response.status < 300 && (response.body as PipedriveEnvelope<T>)?.success !== false;
		if (ok || call.accept?.includes(response.status)) return response;
		throw pipedriveError(response, call.action, fieldsOf(call.json), this.retry.retries);
	}

	/** The `data` of a successful answer. */
	async data<T>(call: PipedriveCall): Promise<T> {
		const response = await this.send<T>(call);
		return response.body.data as T;
	}
}
