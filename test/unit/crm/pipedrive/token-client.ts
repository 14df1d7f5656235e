import type { HttpClient } from '../../../../core/http/http-client';
import { AxiosHttpClient } from '../../../support/axios-http-client';

/** Signs every request as n8n's Pipedrive API credential does: the api_token query parameter. */
export function apiTokenClient(apiToken: string): HttpClient {
	const client = new AxiosHttpClient();
	return { request: (request) => client.request({ ...request, query: { ...request.query, api_token: apiToken } }) };
}
