import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import type { RdStationProduct } from './contact-id';
import { rdStationError, rdStationUnreachable } from './errors';

/** How one RD Station API is called: the HttpClient applies the credential (CRM token, Marketing Bearer). */
export interface RdStationCaller {
	client: HttpClient;
	product: RdStationProduct;
	retry?: RetryPolicy;
}

/**
 * Sends with retries on 429 and 5xx (Retry-After honoured), and turns any other answer than 2xx
 * or one of `expected` (404 where "not found" is an answer) into a CrmError that says what failed.
 */
export async function callRdStation<T>(caller: RdStationCaller, request: HttpRequest, action: string, expected: number[] = []): Promise<HttpResponse<T>> {
	let response: HttpResponse<T>;
	try {
		response = await sendWithRetry<T>(caller.client, { ...request, headers: { accept: 'application/json', ...request.headers } }, caller.retry ?? DEFAULT_RETRY_POLICY);
	} catch (error) {
		throw rdStationUnreachable(caller.product, error, action);
	}
	if ((response.status >= 200 && response.status < 300) || expected.includes(response.status)) return response;
	throw rdStationError(caller.product, response, action);
}

/** The Base URL without a trailing slash, or the product's real host. */
export function rdStationBaseUrl(baseUrl: string | undefined, fallback: string): string {
	return (baseUrl?.trim() || fallback).replace(/\/+$/, '');
}

export const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export const asString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined);
