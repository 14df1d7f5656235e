import type { HttpClient } from '../../http/http-client';

/** An HttpClient that sends a Salesforce session token itself, for a session this package signed in to (JWT). */
export function sessionHttpClient(http: HttpClient, accessToken: string): HttpClient {
	return {
		request: (request) => http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${accessToken}` } }),
	};
}
