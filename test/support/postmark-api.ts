/**
 * A local stand-in of Postmark's server API: `GET /server` and `PUT /server` (JSON) with the
 * server's token in X-Postmark-Server-Token and `Accept: application/json`, answering the
 * server object as Postmark does, and its errors as `{ ErrorCode, Message }`.
 */
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

const EDITABLE = new Set([
	'Name', 'Color', 'RawEmailEnabled', 'SmtpApiActivated', 'InboundHookUrl', 'BounceHookUrl', 'OpenHookUrl', 'DeliveryHookUrl', 'ClickHookUrl',
	'PostFirstOpenOnly', 'InboundDomain', 'InboundSpamThreshold', 'TrackOpens', 'TrackLinks', 'IncludeBounceContentInHook', 'EnableSmtpApiErrorHooks',
]);

export interface FakePostmarkApi {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	server: Record<string, unknown>;
	reset(): void;
	close(): Promise<void>;
}

function freshServer(): Record<string, unknown> {
	return {
		ID: 1, Name: 'Acme Support', ApiTokens: ['server-token-for-tests'], Color: 'blue', SmtpApiActivated: true, RawEmailEnabled: false,
		DeliveryType: 'Live', ServerLink: 'https://account.postmarkapp.com/servers/1/streams', InboundAddress: 'a1b2c3d4e5f60718293a4b5c6d7e8f90@inbound.postmarkapp.com',
		InboundHookUrl: '', BounceHookUrl: '', OpenHookUrl: '', DeliveryHookUrl: '', PostFirstOpenOnly: false, InboundDomain: '',
		InboundHash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', InboundSpamThreshold: 0, TrackOpens: false, TrackLinks: 'None', IncludeBounceContentInHook: true,
		ClickHookUrl: '', EnableSmtpApiErrorHooks: false,
	};
}

export async function startFakePostmarkApi(serverToken: string): Promise<FakePostmarkApi> {
	const api = { violations: [] as string[], server: freshServer() };
	const httpServer: LocalServer = await startLocalServer((request, response) => {
		if (request.headers['x-postmark-server-token'] !== serverToken) {
			return sendJson(response, 401, { ErrorCode: 10, Message: 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.' });
		}
		if (!String(request.headers.accept).includes('application/json')) api.violations.push(`${request.method} ${request.path}: Accept must be application/json`);
		if (request.path !== '/server') {
			api.violations.push(`${request.method} ${request.path} is not an endpoint the trigger should call`);
			return sendJson(response, 404, { ErrorCode: 404, Message: 'Not found' });
		}
		if (request.method === 'GET') return sendJson(response, 200, api.server);
		if (request.method === 'PUT') {
			if (!String(request.headers['content-type']).startsWith('application/json')) api.violations.push(`PUT /server: Content-Type must be application/json`);
			const body = (request.json ?? {}) as Record<string, unknown>;
			for (const key of Object.keys(body)) if (!EDITABLE.has(key)) api.violations.push(`PUT /server: ${key} cannot be edited`);
			if (typeof body.InboundHookUrl === 'string' && body.InboundHookUrl !== '' && !/^https?:\/\//.test(body.InboundHookUrl)) {
				return sendJson(response, 422, { ErrorCode: 603, Message: "The 'InboundHookUrl' is not a valid URL." });
			}
			Object.assign(api.server, body);
			return sendJson(response, 200, api.server);
		}
		api.violations.push(`${request.method} /server is not allowed`);
		sendJson(response, 405, { ErrorCode: 405, Message: 'Method not allowed' });
	});
	return {
		url: httpServer.url,
		requests: httpServer.requests,
		get violations() {
			return api.violations;
		},
		get server() {
			return api.server;
		},
		reset: () => {
			httpServer.requests.splice(0);
			api.violations.splice(0);
			api.server = freshServer();
		},
		close: () => httpServer.close(),
	};
}
