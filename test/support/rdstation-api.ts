/**
 * Local stand-ins of RD Station's two APIs, keeping state as RD Station does, for the adapters'
 * tests. RD Station CRM (API v1 under /api/v1, the token as the `token` query parameter):
 * contacts listed by exact `email` or `phone` (phones are matched as stored, the way people
 * typed them), read, created and updated; deals read by id; activities on deals; contact custom
 * fields. RD Station Marketing (Bearer token): see rdstation-marketing-api.ts. Bodies follow
 * test/fixtures/crm/rdstation-*; fields the adapters must not send are recorded as violations.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http/http-client';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

export type RdRecord = Record<string, unknown>;

/** RD Station's documented shapes, copied from the shared CRM fixtures (fake data): test/fixtures/crm/rdstation-*. */
export function rdFixture<T = RdRecord>(name: string): T {
	return JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/crm', name), 'utf8')) as T;
}

export interface FakeRdStationCrm {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	contacts: Map<string, RdRecord>;
	deals: Map<string, RdRecord>;
	activities: RdRecord[];
	customFields: RdRecord[];
	/** Lists answer every record, as an API that ignores a filter would (its matching is not documented). */
	filtersIgnored: boolean;
	/** The next answers, before any check (rate limits, outages, refusals). */
	failNext(status: number, body: unknown, options?: { headers?: Record<string, string>; path?: string }): void;
	close(): Promise<void>;
}

/** Answers as the stand-ins do with a queued failure: status, body and headers such as Retry-After. */
export interface QueuedFailure {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	/** Only for a request to this path; others pass. */
	path?: string;
}

const CONTACT_FIELDS = ['name', 'title', 'emails', 'phones', 'facebook', 'linkedin', 'skype', 'organization_id', 'contact_custom_fields', 'birthday', 'legal_bases'];
const ACTIVITY_FIELDS = ['deal_id', 'user_id', 'text'];

export const objectId = (): string => randomBytes(12).toString('hex');

/** A deal in API v1's shape: `win` null while open, true won, false lost; `closed_at` once closed. */
export function rdCrmDeal(id: string, contactId: string, overrides: RdRecord = {}): RdRecord {
	return {
		_id: id, id, name: 'Segunda via do boleto', amount_total: 0, win: null, closed_at: null, hold: null, rating: 1,
		user: { _id: '65f1b000e4b0a1001c2d0001', id: '65f1b000e4b0a1001c2d0001', name: 'Ana Vendas', email: 'ana@example.com' },
		deal_stage: { _id: '65f1a000e4b0a1001c2d0101', id: '65f1a000e4b0a1001c2d0101', name: 'Sem contato' },
		contacts: [{ id: contactId, name: 'Maria Silva' }],
		created_at: '2025-05-01T10:00:00.000-03:00', updated_at: '2025-05-01T10:00:00.000-03:00', ...overrides,
	};
}

export async function startFakeRdStationCrm(token: string): Promise<FakeRdStationCrm> {
	const contacts = new Map<string, RdRecord>();
	const deals = new Map<string, RdRecord>();
	const activities: RdRecord[] = [];
	const customFields: RdRecord[] = [];
	const violations: string[] = [];
	const failures: QueuedFailure[] = [];
	const notFound = (response: Parameters<typeof sendJson>[0]) => sendJson(response, 404, { errors: 'Not Found' });

	const bodyOf = (request: RecordedRequest, key: string, fields: string[]): RdRecord | undefined => {
		const body = (request.json as RdRecord | undefined)?.[key] as RdRecord | undefined;
		if (!body || typeof body !== 'object') {
			violations.push(`${request.method} ${request.path}: the body is not {${key}: {…}}`);
			return undefined;
		}
		for (const field of Object.keys(body)) if (!fields.includes(field)) violations.push(`${request.method} ${request.path}: ${field} is not a ${key} field`);
		return body;
	};

	const state = { filtersIgnored: false };
	const server: LocalServer = await startLocalServer((request, response) => {
		if (request.query.get('token') !== token) return sendJson(response, 401, { errors: 'Token inválido' });
		const index = failures.findIndex((queued) => !queued.path || queued.path === request.path);
		const failure = index >= 0 ? failures.splice(index, 1)[0] : undefined;
		if (failure) {
			for (const [name, value] of Object.entries(failure.headers ?? {})) response.setHeader(name, value);
			return sendJson(response, failure.status, failure.body);
		}
		const path = request.path.replace(/^\/api\/v1/, '');
		if (path === '/token/check' && request.method === 'GET') return sendJson(response, 200, { name: 'Ana Vendas' });
		if (path === '/contacts' && request.method === 'GET') {
			const email = state.filtersIgnored ? undefined : request.query.get('email')?.toLowerCase();
			const phone = state.filtersIgnored ? undefined : request.query.get('phone');
			const list = [...contacts.values()].filter((contact) => {
				if (email && !(contact.emails as RdRecord[] | undefined)?.some((item) => String(item.email).toLowerCase() === email)) return false;
				if (phone && !(contact.phones as RdRecord[] | undefined)?.some((item) => item.phone === phone)) return false;
				return true;
			});
			return sendJson(response, 200, { total: list.length, has_more: false, contacts: list });
		}
		if (path === '/contacts' && request.method === 'POST') {
			const body = bodyOf(request, 'contact', CONTACT_FIELDS);
			if (!body) return sendJson(response, 400, { errors: 'contact is missing' });
			if (typeof body.name !== 'string' || body.name.trim().length < 2) return sendJson(response, 422, { errors: { name: ['não pode ficar em branco'] } });
			const id = objectId();
			const contact = { _id: id, id, ...body, deal_ids: [], created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
			contacts.set(id, contact);
			return sendJson(response, 200, contact);
		}
		const contactPath = /^\/contacts\/([^/]+)$/.exec(path);
		if (contactPath) {
			const contact = contacts.get(decodeURIComponent(contactPath[1]));
			if (!contact) return notFound(response);
			if (request.method === 'GET') return sendJson(response, 200, contact);
			if (request.method === 'PUT') {
				const body = bodyOf(request, 'contact', CONTACT_FIELDS);
				if (!body) return sendJson(response, 400, { errors: 'contact is missing' });
				const unknown = ((body.contact_custom_fields ?? []) as RdRecord[]).find((field) => !customFields.some((known) => known.id === field.custom_field_id));
				if (unknown) return sendJson(response, 422, { errors: { contact_custom_fields: [`custom field ${String(unknown.custom_field_id)} does not exist`] } });
				Object.assign(contact, body, { updated_at: new Date().toISOString() });
				return sendJson(response, 200, contact);
			}
		}
		const dealPath = /^\/deals\/([^/]+)$/.exec(path);
		if (dealPath && request.method === 'GET') {
			const deal = deals.get(decodeURIComponent(dealPath[1]));
			return deal ? sendJson(response, 200, deal) : notFound(response);
		}
		if (path === '/deals' && request.method === 'GET') {
			const contactId = state.filtersIgnored ? undefined : request.query.get('contact_id');
			const list = [...deals.values()].filter((deal) => !contactId || (deal.contacts as RdRecord[]).some((contact) => contact.id === contactId));
			return sendJson(response, 200, { total: list.length, has_more: false, deals: list });
		}
		if (path === '/activities' && request.method === 'POST') {
			const body = bodyOf(request, 'activity', ACTIVITY_FIELDS);
			if (!body) return sendJson(response, 400, { errors: 'activity is missing' });
			if (!deals.has(String(body.deal_id))) return sendJson(response, 422, { errors: { deal_id: ['não encontrada'] } });
			const id = objectId();
			const activity = { _id: id, id, ...body, date: new Date().toISOString(), created_at: new Date().toISOString() };
			activities.push(activity);
			return sendJson(response, 200, activity);
		}
		if (path === '/custom_fields' && request.method === 'GET') {
			const wanted = request.query.get('for');
			return sendJson(response, 200, { total: customFields.length, custom_fields: customFields.filter((field) => !wanted || field.for === wanted) });
		}
		violations.push(`${request.method} ${request.path} is not an RD Station CRM endpoint the adapter should call`);
		notFound(response);
	});
	return {
		url: server.url,
		requests: server.requests,
		violations,
		contacts,
		deals,
		activities,
		customFields,
		get filtersIgnored() {
			return state.filtersIgnored;
		},
		set filtersIgnored(value: boolean) {
			state.filtersIgnored = value;
		},
		failNext: (status, body, options = {}) => failures.push({ status, body, ...options }),
		close: () => server.close(),
	};
}

/**
 * An HttpClient that signs requests as a credential does inside n8n: the CRM token as the
 * `token` query parameter, or Marketing's Bearer header. Core code never sees the secret.
 */
export function signedClient(client: HttpClient, sign: { token?: string; bearer?: string }): HttpClient {
	return {
		request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			return client.request<T>({
				...request,
				query: sign.token ? { ...request.query, token: sign.token } : request.query,
				headers: sign.bearer ? { ...request.headers, authorization: `Bearer ${sign.bearer}` } : request.headers,
			});
		},
	};
}
export * from './rdstation-marketing-api';
