/**
 * A local stand-in of the Graph API's webhook setup edges, keeping state as Meta does:
 * - `/{app-id}/subscriptions` (GET, POST form, DELETE ?object=), with the app token
 *   "{app-id}|{app-secret}" as a Bearer header;
 * - `/{page-or-ig-id}/subscribed_apps` (GET, POST ?subscribed_fields=, DELETE), with a
 *   Page (or Instagram) token that belongs to one app and may manage that Page;
 * - `/{waba-id}/subscribed_apps` (GET, POST with an optional JSON override, DELETE), with
 *   a system user token of one app.
 * Every request is recorded; anything off the documented shape is a violation.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

export interface GraphCall {
	method: string;
	/** Path after the version, e.g. "1234/subscriptions". */
	edge: string;
	version: string;
	query: Record<string, string>;
	form: Record<string, string>;
	json: unknown;
	authorization: string | undefined;
}

interface AppSubscription {
	callback_url: string;
	fields: string[];
	active: boolean;
	verify_token: string;
}

interface TokenOwner {
	appId: string;
	/** The Pages, Instagram accounts and WABAs this token may manage. */
	assets: string[];
}

export interface FakeGraphApi {
	url: string;
	calls: GraphCall[];
	violations: string[];
	/** app id → object → subscription. */
	appSubscriptions: Map<string, Map<string, AppSubscription>>;
	/** page / instagram id → app id → fields. */
	nodeSubscriptions: Map<string, Map<string, string[]>>;
	/** waba id → app id → override callback (or ''). */
	wabaSubscriptions: Map<string, Map<string, string>>;
	addApp(appId: string, secret: string): void;
	addToken(token: string, owner: TokenOwner): void;
	/** Makes `wabaId` a WhatsApp Business Account (any other id is a Page or Instagram account). */
	addWaba(wabaId: string): void;
	/** Answers the next request whose "METHOD edge" matches with this, once. */
	failNext(match: RegExp, status: number, body: unknown): void;
	callsTo(match: RegExp): GraphCall[];
	reset(): void;
	close(): Promise<void>;
}

const OBJECTS = new Set(['whatsapp_business_account', 'page', 'instagram', 'user', 'permissions', 'application']);

function graphError(response: ServerResponse, status: number, code: number, message: string, type = 'OAuthException'): void {
	sendJson(response, status, { error: { message, type, code, fbtrace_id: 'AbCdEfGhIjK' } });
}

function formOf(request: RecordedRequest): Record<string, string> | string {
	const type = String(request.headers['content-type'] ?? '');
	if (request.rawBody.length === 0 || type.startsWith('application/json')) return {};
	if (!type.startsWith('application/x-www-form-urlencoded')) return `unexpected content type ${type}`;
	return Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
}

export async function startFakeGraphApi(): Promise<FakeGraphApi> {
	const apps = new Map<string, string>();
	const tokens = new Map<string, TokenOwner>();
	const wabas = new Set<string>();
	const failures: Array<{ match: RegExp; status: number; body: unknown }> = [];
	const api = {
		calls: [] as GraphCall[],
		violations: [] as string[],
		appSubscriptions: new Map<string, Map<string, AppSubscription>>(),
		nodeSubscriptions: new Map<string, Map<string, string[]>>(),
		wabaSubscriptions: new Map<string, Map<string, string>>(),
	};

	const server: LocalServer = await startLocalServer((request, response) => {
		const match = /^\/(v\d+\.\d+)\/(.+)$/.exec(request.path);
		if (!match) {
			api.violations.push(`${request.method} ${request.path}: no Graph API version in the path`);
			graphError(response, 400, 2500, 'Unknown path components');
			return;
		}
		const [, version, edge] = match;
		const form = formOf(request);
		if (typeof form === 'string') {
			api.violations.push(`${request.method} ${edge}: ${form}`);
			graphError(response, 400, 100, form);
			return;
		}
		const call: GraphCall = {
			method: request.method,
			edge,
			version,
			query: Object.fromEntries(request.query),
			form,
			json: request.json,
			authorization: request.headers.authorization,
		};
		api.calls.push(call);
		if (call.query.access_token !== undefined || form.access_token !== undefined) api.violations.push(`${call.method} ${edge}: the token belongs in the Authorization header`);
		const failure = failures.findIndex((item) => item.match.test(`${call.method} ${edge}`));
		if (failure >= 0) {
			const [{ status, body }] = failures.splice(failure, 1);
			sendJson(response, status, body);
			return;
		}
		const bearer = /^Bearer (.+)$/.exec(call.authorization ?? '')?.[1];

		const appEdge = /^(\d+)\/subscriptions$/.exec(edge);
		if (appEdge) {
			const appId = appEdge[1];
			if (bearer !== `${appId}|${apps.get(appId)}`) return graphError(response, 400, 190, 'Invalid OAuth access token signature.');
			const subscriptions = api.appSubscriptions.get(appId) ?? new Map<string, AppSubscription>();
			api.appSubscriptions.set(appId, subscriptions);
			if (call.method === 'GET') {
				return sendJson(response, 200, {
					data: [...subscriptions].map(([object, sub]) => ({ object, callback_url: sub.callback_url, active: sub.active, fields: sub.fields.map((name) => ({ name, version: version })) })),
				});
			}
			if (call.method === 'POST') {
				const { object, callback_url, fields, include_values, verify_token } = form;
				const problems = [
					!OBJECTS.has(object) && `object must be one of ${[...OBJECTS].join(', ')}`,
					!/^https?:\/\//.test(callback_url ?? '') && 'callback_url must be a URL',
					!fields && 'fields is required',
					!verify_token && 'verify_token is required when callback_url is set',
					include_values !== undefined && !['true', 'false'].includes(include_values) && 'include_values must be a boolean',
				].filter(Boolean) as string[];
				if (problems.length) {
					api.violations.push(...problems.map((problem) => `POST ${edge}: ${problem}`));
					return graphError(response, 400, 100, `(#100) ${problems.join('; ')}`);
				}
				const previous = subscriptions.get(object);
				const kept = previous && previous.callback_url === callback_url ? previous.fields : [];
				subscriptions.set(object, { callback_url, verify_token, active: true, fields: [...new Set([...kept, ...fields.split(',')])] });
				return sendJson(response, 200, { success: true });
			}
			if (call.method === 'DELETE') {
				if (!call.query.object) api.violations.push(`DELETE ${edge}: object is required`);
				subscriptions.delete(call.query.object);
				return sendJson(response, 200, { success: true });
			}
		}

		const subscribedApps = /^(\d+)\/subscribed_apps$/.exec(edge);
		if (subscribedApps) {
			const id = subscribedApps[1];
			const owner = bearer ? tokens.get(bearer) : undefined;
			if (!owner) return graphError(response, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
			if (!owner.assets.includes(id)) return graphError(response, 403, 200, '(#200) The user must be an administrator, editor, or moderator of the page in order to impersonate it.');
			if (wabas.has(id)) {
				const wabaApps = api.wabaSubscriptions.get(id) ?? new Map<string, string>();
				api.wabaSubscriptions.set(id, wabaApps);
				if (call.method === 'GET') {
					return sendJson(response, 200, {
						data: [...wabaApps].map(([appId, override]) => ({
							whatsapp_business_api_data: { id: appId, link: `https://www.facebook.com/games/?app_id=${appId}`, name: `App ${appId}` },
							...(override ? { override_callback_uri: override } : {}),
						})),
					});
				}
				if (call.method === 'POST') {
					const body = (call.json ?? {}) as Record<string, unknown>;
					if (request.rawBody.length > 0 && !String(request.headers['content-type']).startsWith('application/json')) api.violations.push(`POST ${edge}: expected a JSON body`);
					if (body.override_callback_uri !== undefined && !body.verify_token) api.violations.push(`POST ${edge}: verify_token is required with override_callback_uri`);
					wabaApps.set(owner.appId, typeof body.override_callback_uri === 'string' ? body.override_callback_uri : '');
					return sendJson(response, 200, { success: true });
				}
				if (call.method === 'DELETE') {
					wabaApps.delete(owner.appId);
					return sendJson(response, 200, { success: true });
				}
			}
			const nodeApps = api.nodeSubscriptions.get(id) ?? new Map<string, string[]>();
			api.nodeSubscriptions.set(id, nodeApps);
			if (call.method === 'GET') {
				return sendJson(response, 200, {
					data: [...nodeApps].map(([appId, fields]) => ({ category: 'Business', link: `https://example.test/app/${appId}`, name: `App ${appId}`, id: appId, subscribed_fields: fields })),
				});
			}
			if (call.method === 'POST') {
				const fields = call.query.subscribed_fields;
				if (!fields) {
					api.violations.push(`POST ${edge}: subscribed_fields is required`);
					return graphError(response, 400, 100, '(#100) The parameter subscribed_fields is required');
				}
				nodeApps.set(owner.appId, fields.split(','));
				return sendJson(response, 200, { success: true });
			}
			if (call.method === 'DELETE') {
				nodeApps.delete(owner.appId);
				return sendJson(response, 200, { success: true });
			}
		}

		api.violations.push(`${call.method} ${edge}: not an edge these triggers should call`);
		graphError(response, 400, 100, 'Unsupported request');
	});

	return {
		url: server.url,
		...api,
		addApp: (appId, secret) => apps.set(appId, secret),
		addToken: (token, owner) => tokens.set(token, owner),
		addWaba: (wabaId) => wabas.add(wabaId),
		failNext: (match, status, body) => failures.push({ match, status, body }),
		callsTo: (match) => api.calls.filter((call) => match.test(`${call.method} ${call.edge}`)),
		reset: () => {
			api.calls.splice(0);
			api.violations.splice(0);
			api.appSubscriptions.clear();
			api.nodeSubscriptions.clear();
			api.wabaSubscriptions.clear();
			failures.splice(0);
			server.requests.splice(0);
		},
		close: () => server.close(),
	};
}
