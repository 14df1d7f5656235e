import axios from 'axios';
import { formBody } from '../../core/http/form-body';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http/http-client';

/** A plain HttpClient for unit tests of the core's senders; credentials go in the request headers. Inside n8n the nodes use n8n's own. */
export class AxiosHttpClient implements HttpClient {
	async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
		const form = request.form && formBody(request.form);
		const response = await axios.request({
			method: request.method,
			url: request.url,
			headers: { ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...request.headers },
			params: request.query,
			data: request.json ?? form?.toString() ?? request.body,
			timeout: request.timeoutMs ?? 30_000,
			validateStatus: () => true,
		});
		const headers = Object.fromEntries(Object.entries(response.headers).map(([key, value]) => [key.toLowerCase(), String(value)]));
		return { status: response.status, headers, body: response.data as T };
	}
}
