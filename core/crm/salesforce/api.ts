import type { HttpRequest, HttpResponse } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from '../../http/retry';
import { dataUrl, type SalesforceConfig } from './config';
import { isRetryableSalesforceAnswer, salesforceError } from './errors';

export interface SalesforceCall {
	method: HttpRequest['method'];
	/** Under /services/data/<version>, e.g. /sobjects/Contact/describe. */
	path: string;
	query?: Record<string, string>;
	json?: unknown;
	/** What the call is about, for its error message: "the contact", "the task". */
	subject: string;
	/** Statuses the caller reads itself instead of failing (404 of a contact already gone). */
	accept?: number[];
}

/**
 * One REST call, sent again after a pause when Salesforce is busy or rate limiting; any other
 * refusal becomes a CrmError that says what to fix.
 */
export async function callSalesforce<T>(config: SalesforceConfig, call: SalesforceCall): Promise<HttpResponse<T>> {
	const response = await sendWithRetry<T>(
		config.http,
		{ method: call.method, url: dataUrl(config, call.path), query: call.query, json: call.json, headers: { accept: 'application/json' } },
		{ ...(config.retry ?? DEFAULT_RETRY_POLICY), isRetryable: config.retry?.isRetryable ?? isRetryableSalesforceAnswer },
		config.sleep,
	);
	if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) return response;
	throw salesforceError(response.status, response.body, call.subject, response.headers);
}
