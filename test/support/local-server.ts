/**
 * A throwaway HTTP server on 127.0.0.1 for tests that need a real remote API.
 * Every request is recorded (method, path, query, headers, raw and JSON body).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Parsed JSON body, or undefined when the body is empty or not JSON. */
	json: unknown;
}

export type LocalHandler = (
	request: RecordedRequest,
	response: ServerResponse,
) => void | Promise<void>;

export interface LocalServer {
	/** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/** Sends `body` as JSON with the given status. */
export function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
	response.statusCode = statusCode;
	response.setHeader('content-type', 'application/json');
	response.end(JSON.stringify(body));
}

/** Starts the server on 127.0.0.1, on `port` (by default any free one). */
export async function startLocalServer(handler: LocalHandler, port = 0): Promise<LocalServer> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let json: unknown;
			try {
				json = rawBody.length > 0 ? (JSON.parse(rawBody.toString('utf8')) as unknown) : undefined;
			} catch {
				json = undefined;
			}
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				rawBody,
				json,
			};
			requests.push(recorded);
			// A throwing handler answers 500 instead of leaving the client hanging.
			new Promise<void>((resolve) => resolve(handler(recorded, res))).catch((error: unknown) => {
				if (!res.writableEnded) sendJson(res, 500, { error: String(error) });
			});
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			);
		},
	};
}
