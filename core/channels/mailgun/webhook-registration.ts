import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { isRecord } from '../shared/json-body';

/**
 * A Mailgun inbound route that forwards matching e-mails to the trigger (Routes API v3):
 * `POST /v3/routes` (priority, description, expression, action=forward("url"), action=stop()),
 * `GET /v3/routes/{id}`, `GET /v3/routes`, `DELETE /v3/routes/{id}`, with HTTP Basic auth
 * "api:<private API key>" that the credential adds. Routes belong to the account and its
 * region: https://api.mailgun.net (US) or https://api.eu.mailgun.net (EU).
 */

export const MAILGUN_API_BASE_URLS = { us: 'https://api.mailgun.net', eu: 'https://api.eu.mailgun.net' } as const;

export interface MailgunRoute {
	id: string;
	expression: string;
	actions: string[];
}

export interface MailgunRouteTarget {
	baseUrl: string;
	/** The route's filter, e.g. match_recipient("support@mg.acme.example"). */
	expression: string;
	/** Says in Mailgun's route list who made it. */
	description: string;
}

const SETUP_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000 };

/** A filter written as one (match_recipient(…), match_header(…), catch_all()) is kept; an address or pattern becomes match_recipient("…"). */
export function routeExpression(recipient: string): string {
	const value = recipient.trim();
	if (/^(match_recipient|match_header|catch_all)\s*\(/.test(value)) return value;
	return `match_recipient("${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}")`;
}

function forwardAction(url: string): string {
	return `forward("${url}")`;
}

function routesUrl(target: MailgunRouteTarget, id?: string): string {
	return `${target.baseUrl.trim().replace(/\/+$/, '')}/v3/routes${id ? `/${encodeURIComponent(id)}` : ''}`;
}

function readRoute(value: unknown): MailgunRoute | undefined {
	if (!isRecord(value) || typeof value.id !== 'string') return undefined;
	return { id: value.id, expression: String(value.expression ?? ''), actions: Array.isArray(value.actions) ? value.actions.map(String) : [] };
}

function mailgunSetupError(response: HttpResponse, action: string): ProviderError {
	const said = isRecord(response.body) && typeof response.body.message === 'string' ? response.body.message : typeof response.body === 'string' && response.body.trim() ? response.body.trim().slice(0, 300) : `HTTP ${response.status}`;
	const { status } = response;
	let hint: string | undefined;
	if (status === 401 || status === 403) {
		hint = "Mailgun refused the API key. Copy the private API key (Mailgun > Settings > API Security) into the credential, and check its Region: an EU account's key is refused by the US API, and the other way round.";
	} else if (status === 400) hint = 'Check the "Receive Emails To" address or filter of the trigger, and that its Production URL is a public http(s) address.';
	else if (status === 429) hint = 'Mailgun is limiting requests. Activate the workflow again in a minute.';
	else if (status >= 500) hint = 'Mailgun had a temporary problem. Activate the workflow again in a few minutes.';
	return new ProviderError('mailgun', `Mailgun could not ${action}: ${said}`, { status, hint, body: response.body });
}

async function call<T>(client: HttpClient, request: HttpRequest, action: string, allowNotFound = false): Promise<HttpResponse<T>> {
	let response: HttpResponse<T>;
	try {
		response = await sendWithRetry<T>(client, request, SETUP_RETRY);
	} catch (error) {
		throw new ProviderError('mailgun', `Could not reach Mailgun to ${action}: ${(error as Error).message}`, {
			hint: 'Check the Region (or Base URL) in the Mailgun credential and that this n8n server can reach the internet.',
		});
	}
	if ((response.status < 200 || response.status >= 300) && !(allowNotFound && response.status === 404)) throw mailgunSetupError(response, action);
	return response;
}

/** The route, or undefined when Mailgun no longer has it. */
async function getRoute(client: HttpClient, target: MailgunRouteTarget, id: string): Promise<MailgunRoute | undefined> {
	const response = await call<unknown>(client, { method: 'GET', url: routesUrl(target, id) }, 'read the route', true);
	return response.status === 404 || !isRecord(response.body) ? undefined : readRoute(response.body.route);
}

/** The account's routes (the first thousand: Mailgun's largest page). */
async function listRoutes(client: HttpClient, target: MailgunRouteTarget): Promise<MailgunRoute[]> {
	const response = await call<unknown>(client, { method: 'GET', url: routesUrl(target), query: { skip: 0, limit: 1000 } }, 'list the routes');
	const items = isRecord(response.body) && Array.isArray(response.body.items) ? response.body.items : [];
	return items.map(readRoute).filter((route): route is MailgunRoute => route !== undefined);
}

const forwardsHere = (route: MailgunRoute | undefined, target: MailgunRouteTarget, url: string) => !!route && route.expression === target.expression && route.actions.includes(forwardAction(url));

/** Whether a route forwards the target's e-mails to `url`: the one this node created (one cheap read), else any, set up by hand. */
export async function routeForwardsHere(client: HttpClient, target: MailgunRouteTarget, url: string, routeId?: string): Promise<boolean> {
	if (routeId) return forwardsHere(await getRoute(client, target, routeId), target, url);
	return (await listRoutes(client, target)).some((route) => forwardsHere(route, target, url));
}

/** Creates the route: forward to `url`, then stop, so that no lower-priority route handles the same e-mail too. */
export async function createRoute(client: HttpClient, target: MailgunRouteTarget, url: string): Promise<{ id: string; url: string }> {
	const response = await call<unknown>(
		client,
		{ method: 'POST', url: routesUrl(target), form: { priority: '0', description: target.description, expression: target.expression, action: [forwardAction(url), 'stop()'] } },
		'create the route',
	);
	const route = isRecord(response.body) ? readRoute(response.body.route) : undefined;
	if (!route) throw new ProviderError('mailgun', 'Mailgun created the route but did not say its id', { status: response.status, body: response.body });
	return { id: route.id, url };
}

/** Deletes the route, only while it still forwards to `url`. */
export async function deleteRoute(client: HttpClient, target: MailgunRouteTarget, id: string, url: string): Promise<void> {
	const route = await getRoute(client, target, id);
	if (!route?.actions.includes(forwardAction(url))) return;
	await call(client, { method: 'DELETE', url: routesUrl(target, id) }, 'delete the route', true);
}
