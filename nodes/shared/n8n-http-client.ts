import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestMethods, IHttpRequestOptions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';
import { formBody } from '../../core/http/form-body';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http/http-client';

/** n8n leaves some JSON answers unparsed; parse those, and keep a body that only claims to be JSON as it came. */
function jsonIfLabelled<T>(body: T, contentType: string | undefined): T {
	if (!contentType?.includes('json') || (typeof body !== 'string' && !Buffer.isBuffer(body))) return body;
	try {
		return JSON.parse(body.toString()) as T;
	} catch {
		return body;
	}
}

type Context = IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/**
 * HttpClient backed by n8n: the credential's `authenticate` signs every request, and n8n's
 * proxy and TLS settings apply. HTTP errors come back as responses for the adapters to read.
 * Without a credential type nothing is added: for calls that carry another token themselves
 * (Meta's app token, which the credential's own Bearer header would replace).
 */
export function n8nHttpClient(context: Context, credentialType?: string): HttpClient {
	return {
		async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			const form = request.form !== undefined;
			const options: IHttpRequestOptions = {
				method: request.method as IHttpRequestMethods,
				url: request.url,
				headers: { ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...request.headers },
				qs: request.query as IDataObject | undefined,
				body: (request.json ?? (request.form ? formBody(request.form).toString() : request.body)) as IDataObject,
				json: request.json !== undefined,
				timeout: request.timeoutMs ?? 30_000,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			};
			const response = (
				credentialType === undefined
					? await context.helpers.httpRequest(options)
					: await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options)
			) as { statusCode: number; headers: Record<string, string>; body: T };
			const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]));
			return { status: response.statusCode, headers, body: jsonIfLabelled(response.body, headers['content-type']) };
		},
	};
}
