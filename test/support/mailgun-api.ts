/**
 * A local stand-in of Mailgun's Routes API (v3), keeping its routes: create (form with
 * priority, description, expression and repeated action fields), list, fetch and delete.
 * HTTP Basic auth "api:<private API key>"; a wrong key gets Mailgun's plain "Forbidden".
 */
import { randomBytes } from 'node:crypto';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

export interface StoredRoute {
	id: string;
	priority: number;
	description: string;
	expression: string;
	actions: string[];
	created_at: string;
}

export interface FakeMailgunApi {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	routes: Map<string, StoredRoute>;
	/** The fields of each create, repeated ones in order. */
	creates: Array<Array<[string, string]>>;
	failNext(status: number, body: unknown): void;
	reset(): void;
	close(): Promise<void>;
}

const EXPRESSION = /^(match_recipient\(".*"\)|match_header\(".*", ".*"\)|catch_all\(\))$/;
const ACTION = /^(forward\("[^"]+"\)|stop\(\)|store\(.*\))$/;

export async function startFakeMailgunApi(apiKey: string): Promise<FakeMailgunApi> {
	const routes = new Map<string, StoredRoute>();
	const violations: string[] = [];
	const creates: Array<Array<[string, string]>> = [];
	const failures: Array<{ status: number; body: unknown }> = [];
	const server: LocalServer = await startLocalServer((request, response) => {
		if (request.headers.authorization !== `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`) {
			response.statusCode = 401;
			response.end('Forbidden');
			return;
		}
		const failure = failures.shift();
		if (failure) return sendJson(response, failure.status, failure.body);
		const one = /^\/v3\/routes\/([0-9a-f]{24})$/.exec(request.path);
		if (request.path === '/v3/routes' && request.method === 'GET') {
			const skip = Number(request.query.get('skip') ?? 0);
			const limit = Number(request.query.get('limit') ?? 100);
			if (limit > 1000) violations.push('limit may be at most 1000');
			const items = [...routes.values()].slice(skip, skip + limit);
			return sendJson(response, 200, { total_count: routes.size, items });
		}
		if (request.path === '/v3/routes' && request.method === 'POST') {
			if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) violations.push(`POST /v3/routes: expected a form, got ${request.headers['content-type']}`);
			const fields = [...new URLSearchParams(request.rawBody.toString('utf8'))];
			creates.push(fields);
			const value = (name: string) => fields.find(([key]) => key === name)?.[1];
			const actions = fields.filter(([key]) => key === 'action').map(([, action]) => action);
			const problems = [
				!EXPRESSION.test(value('expression') ?? '') && `expression is not a filter: ${value('expression')}`,
				actions.length === 0 && 'at least one action is required',
				...actions.filter((action) => !ACTION.test(action)).map((action) => `not an action: ${action}`),
				value('priority') !== undefined && !/^\d+$/.test(value('priority') ?? '') && 'priority must be an integer',
				...fields.filter(([key]) => !['priority', 'description', 'expression', 'action'].includes(key)).map(([key]) => `unknown field ${key}`),
			].filter(Boolean) as string[];
			if (problems.length) {
				violations.push(...problems);
				return sendJson(response, 400, { message: problems.join('; ') });
			}
			const route: StoredRoute = {
				id: randomBytes(12).toString('hex'),
				priority: Number(value('priority') ?? 0),
				description: value('description') ?? '',
				expression: value('expression') as string,
				actions,
				created_at: new Date().toUTCString(),
			};
			routes.set(route.id, route);
			return sendJson(response, 200, { message: 'Route has been created', route });
		}
		if (one && request.method === 'GET') {
			const route = routes.get(one[1]);
			return route ? sendJson(response, 200, { route }) : sendJson(response, 404, { message: 'Route not found' });
		}
		if (one && request.method === 'DELETE') {
			if (!routes.delete(one[1])) return sendJson(response, 404, { message: 'Route not found' });
			return sendJson(response, 200, { message: 'Route has been deleted', id: one[1] });
		}
		violations.push(`${request.method} ${request.path} is not an endpoint the trigger should call`);
		sendJson(response, 404, { message: 'Not Found' });
	});
	return {
		url: server.url,
		requests: server.requests,
		violations,
		routes,
		creates,
		failNext: (status, body) => failures.push({ status, body }),
		reset: () => {
			server.requests.splice(0);
			violations.splice(0);
			routes.clear();
			creates.splice(0);
			failures.splice(0);
		},
		close: () => server.close(),
	};
}
