/**
 * A local stand-in of Pipedrive's Webhooks API (v1 endpoints, which create webhooks of either
 * payload version): create (JSON), list and delete, authorized by the api_token query
 * parameter; answers in Pipedrive's envelope ({success, data} or {success: false, error}).
 */
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

export interface StoredWebhook {
	id: number;
	company_id: number;
	owner_id: number;
	user_id: number;
	event_action: string;
	event_object: string;
	subscription_url: string;
	is_active: number;
	add_time: string;
	remove_time: null;
	type: 'general';
	http_auth_user: string | null;
	http_auth_password: string | null;
	version: string;
}

export interface FakePipedriveApi {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	webhooks: Map<number, StoredWebhook>;
	reset(): void;
	close(): Promise<void>;
}

const ACTIONS: Record<string, string[]> = { '1.0': ['added', 'updated', 'merged', 'deleted', '*'], '2.0': ['create', 'change', 'delete', '*'] };
const OBJECTS = ['activity', 'deal', 'lead', 'note', 'organization', 'person', 'pipeline', 'product', 'stage', 'user', '*'];
const FIELDS = ['subscription_url', 'event_action', 'event_object', 'user_id', 'http_auth_user', 'http_auth_password', 'version'];

export async function startFakePipedriveApi(apiToken: string): Promise<FakePipedriveApi> {
	const webhooks = new Map<number, StoredWebhook>();
	const violations: string[] = [];
	let nextId = 101;
	const server: LocalServer = await startLocalServer((request, response) => {
		if (request.query.get('api_token') !== apiToken) {
			return sendJson(response, 401, { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' });
		}
		const one = /^\/v1\/webhooks\/(\d+)$/.exec(request.path);
		if (request.path === '/v1/webhooks' && request.method === 'GET') return sendJson(response, 200, { success: true, data: [...webhooks.values()] });
		if (request.path === '/v1/webhooks' && request.method === 'POST') {
			const body = (request.json ?? {}) as Record<string, unknown>;
			const version = String(body.version ?? '1.0');
			const problems = [
				!String(request.headers['content-type']).includes('application/json') && `expected JSON, got ${request.headers['content-type']}`,
				!/^https?:\/\//.test(String(body.subscription_url ?? '')) && 'subscription_url must be a full URL',
				!ACTIONS[version] && `version must be 1.0 or 2.0, got ${version}`,
				ACTIONS[version] && !ACTIONS[version].includes(String(body.event_action)) && `event_action ${String(body.event_action)} is not one of version ${version}`,
				!OBJECTS.includes(String(body.event_object)) && `event_object ${String(body.event_object)} is unknown`,
				...Object.keys(body).filter((key) => !FIELDS.includes(key)).map((key) => `unknown field ${key}`),
			].filter(Boolean) as string[];
			if (problems.length) {
				violations.push(...problems);
				return sendJson(response, 400, { success: false, error: problems.join('; '), error_info: 'Please check developers.pipedrive.com' });
			}
			const webhook: StoredWebhook = {
				id: nextId++,
				company_id: 12882925,
				owner_id: 13540546,
				user_id: 13540546,
				event_action: String(body.event_action),
				event_object: String(body.event_object),
				subscription_url: String(body.subscription_url),
				is_active: 1,
				add_time: new Date().toISOString(),
				remove_time: null,
				type: 'general',
				http_auth_user: (body.http_auth_user as string | undefined) ?? null,
				http_auth_password: (body.http_auth_password as string | undefined) ?? null,
				version,
			};
			webhooks.set(webhook.id, webhook);
			return sendJson(response, 201, { success: true, status: 'ok', data: webhook });
		}
		if (one && request.method === 'DELETE') {
			if (!webhooks.delete(Number(one[1]))) return sendJson(response, 404, { success: false, error: 'Webhook not found', error_info: 'Please check developers.pipedrive.com' });
			return sendJson(response, 200, { success: true, status: 'ok' });
		}
		violations.push(`unexpected ${request.method} ${request.path}`);
		return sendJson(response, 404, { success: false, error: 'Not found' });
	});
	return {
		url: server.url,
		requests: server.requests,
		violations,
		webhooks,
		reset: () => {
			webhooks.clear();
			violations.length = 0;
			server.requests.length = 0;
		},
		close: () => server.close(),
	};
}
