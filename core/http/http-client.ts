/** One HTTP call to a provider API. Exactly one of json, form or body, or none. */
export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers?: Record<string, string>;
	query?: Record<string, string | number | boolean | undefined>;
	json?: unknown;
	form?: Record<string, string | string[]>;
	body?: Buffer | string;
	timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON when the provider answered JSON, else the text. */
	body: T;
}

/**
 * The only way core code talks HTTP. Inside n8n it is backed by the node's helpers (the
 * credential's authentication, proxies, OAuth refresh); outside n8n (CLI, tests) by axios.
 * It resolves for every HTTP status and rejects only when no answer came.
 */
export interface HttpClient {
	request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}
