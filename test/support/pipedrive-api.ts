/**
 * A local stand-in of Pipedrive's REST API for the persons the CRM adapter reads and writes,
 * keeping state as Pipedrive does: v2 persons (get, exact search by e-mail or phone, create,
 * update, delete), v1 notes, v2 activities and v1 person fields. Authenticated by the
 * api_token query parameter (n8n's Pipedrive API credential) or an OAuth2 Bearer token.
 * Bodies follow the fixtures in test/fixtures/crm/pipedrive; refusals have Pipedrive's
 * `{success: false, error, error_info}` shape; what the API would not accept is recorded in
 * `violations`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

export const PIPEDRIVE_FIXTURES = path.resolve(__dirname, '../fixtures/crm/pipedrive');
export const pipedriveFixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(path.join(PIPEDRIVE_FIXTURES, name), 'utf8')) as T;

export interface StoredValue {
	value: string;
	primary: boolean;
	label: string;
}

export interface StoredPerson {
	id: number;
	name: string;
	emails: StoredValue[];
	phones: StoredValue[];
	is_deleted: boolean;
	custom_fields: Record<string, unknown>;
	[key: string]: unknown;
}

export interface StoredField {
	key: string;
	name: string;
	field_type: string;
	edit_flag: boolean;
	bulk_edit_allowed: boolean;
	active_flag: boolean;
}

export interface FakePipedriveApi {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	persons: Map<number, StoredPerson>;
	notes: Array<Record<string, unknown>>;
	activities: Array<Record<string, unknown>>;
	fields: StoredField[];
	/** The most person fields one page answers (Pipedrive's limit is 500). */
	fieldsPageSize: number;
	addPerson(person: Partial<StoredPerson> & { name: string }): StoredPerson;
	/** The next request is answered with this instead (a rate limit, an outage). */
	failNext(status: number, body: unknown, headers?: Record<string, string>): void;
	close(): Promise<void>;
}

const PERSON_KEYS = new Set(['name', 'owner_id', 'org_id', 'add_time', 'update_time', 'emails', 'phones', 'visible_to', 'label_ids', 'marketing_status', 'custom_fields']);
const ACTIVITY_KEYS = new Set(Object.keys(pipedriveFixture('create-activity.request.json')).concat(['owner_id', 'deal_id', 'lead_id', 'org_id', 'project_id', 'duration', 'busy', 'location', 'attendees', 'public_description', 'priority']));
const NOTE_KEYS = new Set(['content', 'person_id', 'deal_id', 'org_id', 'lead_id', 'project_id', 'user_id', 'add_time', 'pinned_to_person_flag', 'pinned_to_deal_flag', 'pinned_to_organization_flag', 'pinned_to_lead_flag', 'pinned_to_project_flag']);
const EMAIL_LABELS = ['work', 'home', 'other'];
const PHONE_LABELS = ['work', 'home', 'mobile', 'other'];
const ACTIVITY_TYPES = ['call', 'meeting', 'task', 'deadline', 'email', 'lunch'];
const INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

/** Pipedrive's standard person fields as GET /v1/personFields lists them, and one custom field. */
export const CUSTOMER_SINCE_KEY = 'd4a9e0f0c1b2a3948576e5f4a3b2c1d0e9f8a7b6';
const STANDARD_FIELDS: StoredField[] = [
	{ key: 'name', name: 'Name', field_type: 'varchar', edit_flag: false, bulk_edit_allowed: true, active_flag: true },
	{ key: 'email', name: 'Email', field_type: 'varchar', edit_flag: false, bulk_edit_allowed: true, active_flag: true },
	{ key: 'phone', name: 'Phone', field_type: 'phone', edit_flag: false, bulk_edit_allowed: true, active_flag: true },
	{ key: 'org_id', name: 'Organization', field_type: 'org', edit_flag: false, bulk_edit_allowed: true, active_flag: true },
	{ key: 'open_deals_count', name: 'Open deals', field_type: 'int', edit_flag: false, bulk_edit_allowed: false, active_flag: true },
	{ key: 'add_time', name: 'Person created', field_type: 'date', edit_flag: false, bulk_edit_allowed: false, active_flag: true },
	{ key: CUSTOMER_SINCE_KEY, name: 'Customer since', field_type: 'date', edit_flag: true, bulk_edit_allowed: true, active_flag: true },
];

function fail(response: ServerResponse, status: number, error: string, errorInfo = INFO): void {
	sendJson(response, status, { success: false, error, error_info: errorInfo, data: null, additional_data: null });
}

export async function startFakePipedriveApi(apiToken: string): Promise<FakePipedriveApi> {
	const persons = new Map<number, StoredPerson>();
	const notes: Array<Record<string, unknown>> = [];
	const activities: Array<Record<string, unknown>> = [];
	const violations: string[] = [];
	const failures: Array<{ status: number; body: unknown; headers: Record<string, string> }> = [];
	const fields = STANDARD_FIELDS.map((field) => ({ ...field }));
	let nextId = 1042;
	const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

	const addPerson = (person: Partial<StoredPerson> & { name: string }): StoredPerson => {
		const stored: StoredPerson = { id: nextId++, emails: [], phones: [], is_deleted: false, custom_fields: {}, owner_id: 13540546, org_id: null, visible_to: 3, add_time: now(), update_time: now(), ...person };
		persons.set(stored.id, stored);
		return stored;
	};

	/** Why a person body would be refused, in Pipedrive's words; undefined when it would be taken. */
	const personRefusal = (body: Record<string, unknown>, creating: boolean): string | undefined => {
		for (const key of Object.keys(body)) if (!PERSON_KEYS.has(key)) return `Validation failed: ${key}: Unknown field`;
		if (creating && (typeof body.name !== 'string' || !body.name.trim())) return 'Validation failed: name: Name must be given';
		for (const [list, labels] of [['emails', EMAIL_LABELS], ['phones', PHONE_LABELS]] as const) {
			const values = body[list];
			if (values === undefined) continue;
			if (!Array.isArray(values)) return `Validation failed: ${list}: must be an array`;
			for (const entry of values as Array<Record<string, unknown>>) {
				if (typeof entry?.value !== 'string' || typeof entry.primary !== 'boolean') return `Validation failed: ${list}: each entry needs a value and primary`;
				if (entry.label !== undefined && !labels.includes(String(entry.label))) return `Validation failed: ${list}: unknown label '${String(entry.label)}'`;
			}
			if (values.length && values.filter((entry: Record<string, unknown>) => entry.primary).length !== 1) violations.push(`${list} should have exactly one primary value`);
		}
		const custom = (body.custom_fields ?? {}) as Record<string, unknown>;
		for (const key of Object.keys(custom)) {
			if (!fields.some((field) => field.key === key && field.edit_flag)) return `Validation failed: custom_fields: Unknown custom field key '${key}'`;
		}
		return undefined;
	};

	const apply = (person: StoredPerson, body: Record<string, unknown>) => {
		const { custom_fields: custom, ...rest } = body;
		Object.assign(person, rest, { update_time: now() });
		person.custom_fields = { ...person.custom_fields, ...((custom ?? {}) as Record<string, unknown>) };
	};

	const searchItem = (person: StoredPerson, score: number) => {
		const { item } = pipedriveFixture<{ data: { items: Array<{ item: Record<string, unknown> }> } }>('search-persons-by-email.response.json').data.items[0];
		return {
			result_score: score,
			item: { ...item, id: person.id, name: person.name, emails: person.emails.map((email) => email.value), phones: person.phones.map((phone) => phone.value), organization: null },
		};
	};

	const search = (request: RecordedRequest, response: ServerResponse) => {
		const term = request.query.get('term') ?? '';
		const field = request.query.get('fields');
		if (request.query.get('exact_match') !== 'true') violations.push(`search without exact_match: ${term}`);
		if (field !== 'email' && field !== 'phone') violations.push(`search in fields "${field}" instead of email or phone`);
		if (term.length < 1) return fail(response, 400, 'Validation failed: term: must be at least 1 character long with exact_match');
		const list = field === 'email' ? 'emails' : 'phones';
		const same = (value: string) => (field === 'email' ? value.toLowerCase() === term.toLowerCase() : value === term);
		const items = [...persons.values()].filter((person) => !person.is_deleted && person[list].some((entry) => same(entry.value))).map((person) => searchItem(person, 1.2361));
		sendJson(response, 200, { success: true, data: { items }, additional_data: { next_cursor: null } });
	};

	const server: LocalServer = await startLocalServer((request, response) => {
		const bearer = request.headers.authorization === `Bearer ${apiToken}`;
		if (request.query.get('api_token') !== apiToken && !bearer) return sendJson(response, 401, pipedriveFixture('error-fail.response.json'));
		const failure = failures.shift();
		if (failure) {
			for (const [name, value] of Object.entries(failure.headers)) response.setHeader(name, value);
			return sendJson(response, failure.status, failure.body);
		}
		const body = (request.json ?? {}) as Record<string, unknown>;
		if (request.method === 'GET' && request.path === '/api/v2/persons/search') return search(request, response);
		if (request.method === 'POST' && request.path === '/api/v2/persons') {
			const refusal = personRefusal(body, true);
			if (refusal) return fail(response, 400, refusal);
			const person = addPerson({ name: String(body.name) });
			apply(person, body);
			return sendJson(response, 200, { success: true, data: person, additional_data: null });
		}
		const personPath = /^\/api\/v2\/persons\/(\d+)$/.exec(request.path);
		if (personPath) {
			const person = persons.get(Number(personPath[1]));
			if (!person || person.is_deleted) return fail(response, 404, 'Person not found');
			if (request.method === 'GET') return sendJson(response, 200, { success: true, data: person, additional_data: null });
			if (request.method === 'DELETE') {
				person.is_deleted = true;
				return sendJson(response, 200, { success: true, data: { id: person.id }, additional_data: null });
			}
			if (request.method === 'PATCH') {
				const refusal = personRefusal(body, false);
				if (refusal) return fail(response, 400, refusal);
				apply(person, body);
				return sendJson(response, 200, { success: true, data: person, additional_data: null });
			}
		}
		if (request.method === 'POST' && request.path === '/v1/notes') {
			for (const key of Object.keys(body)) if (!NOTE_KEYS.has(key)) violations.push(`note: ${key} is not a note field`);
			if (typeof body.content !== 'string' || !body.content) return fail(response, 400, 'Note content is required');
			if (!persons.get(Number(body.person_id))) return fail(response, 400, 'Person not found');
			const template = pipedriveFixture<{ data: Record<string, unknown> }>('create-note.response.json').data;
			const note = { ...template, id: 5531 + notes.length, content: body.content, person_id: body.person_id, add_time: body.add_time ?? template.add_time };
			notes.push(note);
			return sendJson(response, 201, { success: true, data: note });
		}
		if (request.method === 'POST' && request.path === '/api/v2/activities') {
			for (const key of Object.keys(body)) if (!ACTIVITY_KEYS.has(key)) return fail(response, 400, `Validation failed: ${key}: Unknown field`);
			if (!ACTIVITY_TYPES.includes(String(body.type))) return fail(response, 400, `Validation failed: type: Activity type '${String(body.type)}' does not exist`);
			const template = pipedriveFixture<{ data: Record<string, unknown> }>('create-activity.response.json').data;
			const activity = { ...template, ...body, id: 8812 + activities.length };
			activities.push(activity);
			return sendJson(response, 201, { success: true, data: activity });
		}
		if (request.method === 'GET' && request.path === '/v1/personFields') {
			const start = Number(request.query.get('start') ?? 0);
			const limit = Math.min(Number(request.query.get('limit') ?? 100), api.fieldsPageSize);
			const page = fields.slice(start, start + limit);
			const more = start + limit < fields.length;
			return sendJson(response, 200, { success: true, data: page, additional_data: { pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) } } });
		}
		violations.push(`${request.method} ${request.path} is not an endpoint the adapter should call`);
		fail(response, 404, 'Unknown method .');
	});

	const api: FakePipedriveApi = {
		url: server.url,
		requests: server.requests,
		violations,
		persons,
		notes,
		activities,
		fields,
		fieldsPageSize: 500,
		addPerson,
		failNext: (status, body, headers = {}) => failures.push({ status, body, headers }),
		close: () => server.close(),
	};
	return api;
}
