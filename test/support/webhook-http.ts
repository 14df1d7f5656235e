/**
 * Real HTTP plumbing for webhook tests.
 *
 * n8n hands webhook nodes an Express request/response. This package has no
 * Express dependency, so incoming requests go through a real `http.Server` and
 * the request/response objects get the small Express surface n8n nodes use.
 * Body handling follows n8n's webhook body parser: `rawBody` is always the
 * (decompressed) Buffer, and `body` is parsed for JSON, XML, urlencoded and
 * text/plain requests (`{}` otherwise).
 */
import { parseIncomingMessage } from '@n8n/backend-network';
import { jsonParse, sanitizeXmlName } from 'n8n-workflow';
import {
	createServer,
	request as httpRequest,
	STATUS_CODES,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type OutgoingHttpHeaders,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString, type ParsedUrlQuery } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

// xml2js ships without types; it is the XML parser n8n itself uses (a dependency
// of n8n-workflow), so only the one method needed here is typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Parser: XmlParser } = require('xml2js') as {
	Parser: new (options: object) => { parseStringPromise(text: string): Promise<unknown> };
};

/**
 * The Express-like request handed to `this.getRequestObject()`. `rawBody`,
 * `contentType`, `encoding` and `readRawBody` come from n8n-workflow's
 * augmentation of `http.IncomingMessage`.
 */
export interface WebhookHttpRequest extends IncomingMessage {
	body: unknown;
	query: ParsedUrlQuery;
	params: Record<string, string>;
	path: string;
	get(name: string): string | undefined;
	header(name: string): string | undefined;
}

/** The Express-like response handed to `this.getResponseObject()`. */
export interface WebhookHttpResponse extends ServerResponse {
	status(code: number): this;
	sendStatus(code: number): this;
	send(body?: unknown): this;
	json(body: unknown): this;
	set(field: string | Record<string, string | string[]>, value?: string | string[]): this;
	header(field: string | Record<string, string | string[]>, value?: string | string[]): this;
	type(contentType: string): this;
	redirect(statusOrUrl: number | string, url?: string): this;
}

export interface OutgoingTestRequest {
	method: string;
	/** Path plus query string, e.g. `/webhook/abc?x=1`. */
	url: string;
	headers: Record<string, string | string[]>;
	rawBody: Buffer;
}

export interface ReceivedResponse {
	statusCode: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

const xmlParser = new XmlParser({
	async: true,
	normalize: true,
	normalizeTags: true,
	explicitArray: false,
	tagNameProcessors: [sanitizeXmlName],
	attrNameProcessors: [sanitizeXmlName],
});

async function readBody(req: IncomingMessage): Promise<Buffer> {
	let stream: Readable = req;
	const contentEncoding = req.headers['content-encoding'];
	if (contentEncoding === 'gzip') stream = req.pipe(createGunzip());
	else if (contentEncoding === 'deflate') stream = req.pipe(createInflate());
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	}
	return Buffer.concat(chunks);
}

async function parseBody(req: WebhookHttpRequest): Promise<unknown> {
	const { rawBody, contentType } = req;
	const encoding = req.encoding ?? 'utf-8';
	if (!rawBody?.length || contentType === undefined) return {};
	if (contentType.startsWith('multipart/')) return {};
	const text = rawBody.toString(encoding);
	if (contentType === 'application/json') return jsonParse(text);
	if (contentType.endsWith('/xml') || contentType.endsWith('+xml')) {
		return await xmlParser.parseStringPromise(text);
	}
	if (contentType === 'application/x-www-form-urlencoded') {
		return parseQueryString(text, undefined, undefined, { maxKeys: 1000 });
	}
	if (contentType === 'text/plain') return text;
	return {};
}

const READ_CONTENT_TYPES = /^(application\/json|text\/plain|application\/x-www-form-urlencoded|multipart\/)|[/+]xml/;

/** Reads and parses the incoming request and adds the Express fields n8n nodes use. */
export async function toWebhookRequest(
	req: IncomingMessage,
	params: Record<string, string>,
): Promise<WebhookHttpRequest> {
	const request = req as WebhookHttpRequest;
	parseIncomingMessage(request);
	const url = new URL(req.url ?? '/', 'http://localhost');
	// As n8n does for a trigger after version 1: the body is read up front only for the content
	// types n8n parses itself (multipart too, here: see the Mailgun trigger); the trigger reads any
	// other with readRawBody().
	const body = await readBody(req);
	if (READ_CONTENT_TYPES.test(req.headers['content-type'] ?? '')) request.rawBody = body;
	request.readRawBody = async () => {
		request.rawBody ??= body;
	};
	request._body = true;
	request.query = parseQueryString(url.search.replace(/^\?/, ''));
	request.params = params;
	request.path = url.pathname;
	request.get = (name: string) => {
		const value = req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	request.header = request.get;
	request.body = await parseBody(request);
	return request;
}

/** Adds the Express response methods n8n nodes use to a plain ServerResponse. */
export function toWebhookResponse(res: ServerResponse): WebhookHttpResponse {
	const response = res as WebhookHttpResponse;
	const setHeaders = (
		field: string | Record<string, string | string[]>,
		value?: string | string[],
	): WebhookHttpResponse => {
		if (typeof field === 'string') {
			if (value !== undefined) response.setHeader(field, value);
		} else {
			for (const [name, headerValue] of Object.entries(field)) response.setHeader(name, headerValue);
		}
		return response;
	};
	response.status = (code: number) => {
		response.statusCode = code;
		return response;
	};
	response.set = setHeaders;
	response.header = setHeaders;
	response.type = (contentType: string) => {
		response.setHeader('content-type', contentType.includes('/') ? contentType : `application/${contentType}`);
		return response;
	};
	response.json = (body: unknown) => {
		if (!response.hasHeader('content-type')) {
			response.setHeader('content-type', 'application/json; charset=utf-8');
		}
		response.end(JSON.stringify(body));
		return response;
	};
	response.send = (body?: unknown) => {
		if (body === undefined || body === null) {
			response.end();
		} else if (Buffer.isBuffer(body)) {
			if (!response.hasHeader('content-type')) {
				response.setHeader('content-type', 'application/octet-stream');
			}
			response.end(body);
		} else if (typeof body === 'string') {
			if (!response.hasHeader('content-type')) {
				response.setHeader('content-type', 'text/html; charset=utf-8');
			}
			response.end(body);
		} else {
			response.json(body);
		}
		return response;
	};
	response.sendStatus = (code: number) => {
		response.statusCode = code;
		if (!response.hasHeader('content-type')) {
			response.setHeader('content-type', 'text/plain; charset=utf-8');
		}
		response.end(STATUS_CODES[code] ?? String(code));
		return response;
	};
	response.redirect = (statusOrUrl: number | string, url?: string) => {
		const [code, location] =
			typeof statusOrUrl === 'number' ? [statusOrUrl, url ?? '/'] : [302, statusOrUrl];
		response.statusCode = code;
		response.setHeader('location', location);
		response.end();
		return response;
	};
	return response;
}

/**
 * Starts a one-off HTTP server on 127.0.0.1, sends `request` to it, lets
 * `handler` answer it, and returns what the client received. The server is
 * closed before this resolves.
 */
export async function exchange(
	request: OutgoingTestRequest,
	handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<ReceivedResponse> {
	const server = createServer((req, res) => {
		handler(req, res).catch((error: unknown) => {
			if (!res.headersSent) {
				res.statusCode = 500;
				res.setHeader('content-type', 'application/json; charset=utf-8');
			}
			if (!res.writableEnded) {
				res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const headers: OutgoingHttpHeaders = { ...request.headers };
		if (request.rawBody.length > 0 || !['GET', 'HEAD'].includes(request.method)) {
			headers['content-length'] = request.rawBody.length;
		}
		return await new Promise<ReceivedResponse>((resolve, reject) => {
			const clientRequest = httpRequest(
				{ host: '127.0.0.1', port, method: request.method, path: request.url, headers, agent: false },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('error', reject);
					res.on('end', () =>
						resolve({
							statusCode: res.statusCode ?? 0,
							headers: res.headers,
							body: Buffer.concat(chunks),
						}),
					);
				},
			);
			clientRequest.on('error', reject);
			clientRequest.end(request.rawBody);
		});
	} finally {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
