/**
 * A local stand-in of a Salesforce org's REST API (v62.0) as the CRM adapter uses it: Contacts
 * and Leads kept in memory, SOQL by e-mail and SOSL over phone fields read strictly, sObject
 * create / update / upsert by External ID / delete, Tasks, the Contact describe, composite
 * requests, and the OAuth 2.0 JWT bearer token endpoint verifying the RS256 signature with
 * the public key it is given. Errors have Salesforce's shape: a list of {message, errorCode, fields}.
 */
import { verify, type KeyObject } from 'node:crypto';
import { sendJson, startLocalServer, type RecordedRequest } from './local-server';
import { parseEmailQuery, parsePhoneSearch } from './salesforce-queries';

export type SalesforceRow = Record<string, unknown> & { Id: string };

export interface FakeSalesforceApi {
	url: string;
	requests: RecordedRequest[];
	/** Anything the adapter sent that Salesforce would not take as it was sent. */
	violations: string[];
	contacts: Map<string, SalesforceRow>;
	leads: Map<string, SalesforceRow>;
	tasks: SalesforceRow[];
	/** Adds a Contact or Lead with a fresh id; returns the id. */
	add(object: 'Contact' | 'Lead', fields: Record<string, unknown>): string;
	/** The next request (not a composite subrequest) answers this instead, with these headers (Sforce-Limit-Info, …). */
	failNext(status: number, body: unknown, headers?: Record<string, string>): void;
	/** Accepts JWT sign-ins of this Connected App and user, signed by the key of this public key. */
	trustJwt(app: { clientId: string; username: string; publicKey: KeyObject }): void;
	close(): Promise<void>;
}

interface Answer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

const DATA = '/services/data/v62.0';
const FIELDS: Record<'Contact' | 'Lead', string[]> = {
	Contact: ['Id', 'Name', 'FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'Title', 'Description', 'Omnichannel_Id__c', 'LastModifiedDate'],
	Lead: ['Id', 'Name', 'FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'Company', 'IsConverted', 'ConvertedContactId', 'LastModifiedDate'],
};
const READ_ONLY = new Set(['Id', 'Name', 'IsConverted', 'ConvertedContactId', 'LastModifiedDate']);
const fail = (status: number, errorCode: string, message: string, fields?: string[]): Answer => ({ status, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] });
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

export async function startFakeSalesforceApi(token = 'session-token'): Promise<FakeSalesforceApi> {
	const tables = { Contact: new Map<string, SalesforceRow>(), Lead: new Map<string, SalesforceRow>() };
	const deleted = new Set<string>();
	const tasks: SalesforceRow[] = [];
	const violations: string[] = [];
	const failures: Answer[] = [];
	const apps: Array<{ clientId: string; username: string; publicKey: KeyObject }> = [];
	let sequence = 0;
	let url = '';

	const newId = (prefix: string) => `${prefix}Dn${String(++sequence).padStart(10, '0')}AAA`;
	const withName = (row: SalesforceRow): SalesforceRow => ({ ...row, Name: [row.FirstName, row.LastName].filter(Boolean).join(' ') });
	const shown = (object: 'Contact' | 'Lead', row: SalesforceRow, fields: string[]): Record<string, unknown> => ({
		attributes: { type: object, url: `${DATA}/sobjects/${object}/${row.Id}` },
		...Object.fromEntries(fields.map((field) => [field, row[field] ?? null])),
	});
	const unknownField = (object: 'Contact' | 'Lead', fields: string[]) => fields.find((field) => !FIELDS[object].includes(field));

	/** Checks a body to write; the error answer when Salesforce would refuse it. */
	const refusal = (object: 'Contact' | 'Lead', body: unknown, creating: boolean): Answer | undefined => {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'JSON_PARSER_ERROR', 'The body must be a JSON object');
		const names = Object.keys(body);
		const unknown = unknownField(object, names);
		if (unknown) return fail(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${object}`);
		const readOnly = names.find((name) => READ_ONLY.has(name));
		if (readOnly) return fail(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly}.`, [readOnly]);
		const lastName = (body as Record<string, unknown>).LastName;
		if ((creating && lastName === undefined) || lastName === '' || lastName === null) return fail(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName']);
		return undefined;
	};
	const create = (object: 'Contact' | 'Lead', body: Record<string, unknown>): SalesforceRow => {
		const row = withName({ ...body, Id: newId(object === 'Contact' ? '003' : '00Q'), LastModifiedDate: new Date().toISOString() });
		tables[object].set(row.Id, row);
		return row;
	};
	const update = (object: 'Contact' | 'Lead', row: SalesforceRow, body: Record<string, unknown>) => tables[object].set(row.Id, withName({ ...row, ...body }));

	const emailQuery = (soql: string): Answer => {
		let query;
		try {
			query = parseEmailQuery(soql);
		} catch (error) {
			violations.push(`MALFORMED_QUERY: ${(error as Error).message}`);
			return fail(400, 'MALFORMED_QUERY', (error as Error).message);
		}
		const unknown = unknownField(query.object, query.fields);
		if (unknown) return fail(400, 'INVALID_FIELD', `\nSELECT ${query.fields.join(', ')} FROM ${query.object}\nERROR at Row:1:Column:8\nNo such column '${unknown}' on entity '${query.object}'.`);
		const wanted = query.emails.map((email) => email.toLowerCase());
		const records = [...tables[query.object].values()]
			.filter((row) => wanted.includes(String(row.Email ?? '').toLowerCase()) && !(query.openLeadsOnly && row.IsConverted === true))
			.slice(0, query.limit)
			.map((row) => shown(query.object, row, query.fields));
		return { status: 200, body: { totalSize: records.length, done: true, records } };
	};

	/** Salesforce indexes phone fields by their digits, whatever the punctuation. */
	const phoneSearch = (sosl: string): Answer => {
		let search;
		try {
			search = parsePhoneSearch(sosl);
		} catch (error) {
			violations.push(`MALFORMED_SEARCH: ${(error as Error).message}`);
			return fail(400, 'MALFORMED_SEARCH', (error as Error).message);
		}
		const terms = new Set(search.terms.map(digits));
		const searchRecords = search.returning.flatMap(({ object, fields, openLeadsOnly }) => {
			if (object !== 'Contact' && object !== 'Lead') return [];
			return [...tables[object].values()]
				.filter((row) => !(openLeadsOnly && row.IsConverted === true))
				.filter((row) => Object.entries(row).some(([field, value]) => /Phone$/.test(field) && terms.has(digits(value))))
				.map((row) => shown(object, row, fields));
		});
		return { status: 200, body: { searchRecords } };
	};

	const sobject = (method: string, path: string, query: URLSearchParams, body: unknown): Answer => {
		const parts = path.split('/').map(decodeURIComponent);
		const object = parts[0];
		if (object === 'Task' && method === 'POST' && parts.length === 1) {
			const task = body as Record<string, unknown>;
			const who = String(task.WhoId ?? '');
			if (!tables.Contact.has(who) && !tables.Lead.has(who)) return fail(400, 'INVALID_CROSS_REFERENCE_KEY', 'Name ID: id value of incorrect type', ['WhoId']);
			const row = { ...task, Id: newId('00T') };
			tasks.push(row);
			return { status: 201, body: { id: row.Id, success: true, errors: [] } };
		}
		if (object !== 'Contact' && object !== 'Lead') return fail(404, 'NOT_FOUND', `The requested resource does not exist`);
		const table = tables[object];
		if (parts.length === 2 && parts[1] === 'describe' && method === 'GET') {
			const fields = FIELDS[object].map((name) => ({ name, label: name.replace(/__c$/, '').replace(/_/g, ' '), type: /Phone$/.test(name) ? 'phone' : name === 'Email' ? 'email' : name === 'Id' ? 'id' : 'string', updateable: !READ_ONLY.has(name) }));
			return { status: 200, body: { name: object, fields } };
		}
		if (parts.length === 1 && method === 'POST') {
			const refused = refusal(object, body, true);
			if (refused) return refused;
			return { status: 201, body: { id: create(object, body as Record<string, unknown>).Id, success: true, errors: [] } };
		}
		if (parts.length === 2) {
			const row = table.get(parts[1]);
			if (!row) return deleted.has(parts[1]) ? fail(404, 'ENTITY_IS_DELETED', 'entity is deleted') : fail(404, 'NOT_FOUND', 'The requested resource does not exist');
			if (method === 'GET') {
				const fields = query.get('fields')?.split(',') ?? FIELDS[object];
				const unknown = unknownField(object, fields);
				return unknown ? fail(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${object}'.`) : { status: 200, body: shown(object, row, fields) };
			}
			if (method === 'PATCH') {
				const refused = refusal(object, body, false);
				if (refused) return refused;
				update(object, row, body as Record<string, unknown>);
				return { status: 204 };
			}
			if (method === 'DELETE') {
				table.delete(row.Id);
				deleted.add(row.Id);
				return { status: 204 };
			}
		}
		if (parts.length === 3 && method === 'PATCH') {
			const [, field, value] = parts;
			if (!FIELDS[object].includes(field)) return fail(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
			if (body && typeof body === 'object' && field in body) violations.push(`upsert body repeats the External ID field ${field}`);
			const matches = [...table.values()].filter((row) => row[field] === value);
			if (matches.length > 1) return { status: 300, body: matches.map((row) => `${DATA}/sobjects/${object}/${row.Id}`) };
			const refused = refusal(object, body, matches.length === 0);
			if (refused) return refused;
			if (matches.length === 0) return { status: 201, body: { id: create(object, { ...(body as object), [field]: value }).Id, success: true, errors: [], created: true } };
			update(object, matches[0], body as Record<string, unknown>);
			return { status: 200, body: { id: matches[0].Id, success: true, errors: [], created: false } };
		}
		return fail(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed.`);
	};

	const data = (method: string, path: string, query: URLSearchParams, body: unknown): Answer => {
		if (path === '/query' && method === 'GET') return emailQuery(query.get('q') ?? '');
		if (path === '/search' && method === 'GET') return phoneSearch(query.get('q') ?? '');
		if (path.startsWith('/sobjects/')) return sobject(method, path.slice('/sobjects/'.length), query, body);
		return fail(404, 'NOT_FOUND', 'The requested resource does not exist');
	};

	const composite = (body: unknown): Answer => {
		const { allOrNone, compositeRequest } = (body ?? {}) as { allOrNone?: boolean; compositeRequest?: Array<{ method: string; url: string; referenceId: string; body?: unknown }> };
		if (!Array.isArray(compositeRequest)) return fail(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
		if (compositeRequest.length > 25) {
			violations.push(`composite with ${compositeRequest.length} subrequests`);
			return fail(400, 'LIMIT_EXCEEDED', 'Composite requests can contain at most 25 subrequests');
		}
		if (allOrNone !== false) violations.push('composite without allOrNone false');
		const compositeResponse = compositeRequest.map((sub) => {
			if (!/^[A-Za-z]\w*$/.test(sub.referenceId)) violations.push(`referenceId ${sub.referenceId} is not alphanumeric`);
			const target = new URL(sub.url, 'http://composite');
			if (!target.pathname.startsWith(`${DATA}/`)) return { body: fail(400, 'NOT_FOUND', `bad url ${sub.url}`).body, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId };
			const answer = data(sub.method, target.pathname.slice(DATA.length), target.searchParams, sub.body);
			return { body: answer.body ?? null, httpHeaders: {}, httpStatusCode: answer.status, referenceId: sub.referenceId };
		});
		return { status: 200, body: { compositeResponse } };
	};

	const jwtToken = (request: RecordedRequest): Answer => {
		const form = new URLSearchParams(request.rawBody.toString('utf8'));
		const refuse = (description: string): Answer => ({ status: 400, body: { error: 'invalid_grant', error_description: description } });
		if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
		const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
		if (!header || !claims || !signature) return refuse('invalid assertion');
		const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
		const { iss, sub, aud, exp } = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, string | number>;
		const app = apps.find((candidate) => candidate.clientId === iss);
		if (alg !== 'RS256' || !app) return { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
		if (!verify('sha256', Buffer.from(`${header}.${claims}`), app.publicKey, Buffer.from(signature, 'base64url'))) return refuse('invalid assertion');
		if (aud !== url) return refuse('audience is invalid');
		if (typeof exp !== 'number' || exp * 1000 < Date.now()) return refuse('expired authorization code');
		if (sub !== app.username) return refuse('user hasn\'t approved this consumer');
		return { status: 200, body: { access_token: token, scope: 'api', instance_url: url, id: `${url}/id/00DDn00000000001/005Dn0000000001`, token_type: 'Bearer' } };
	};

	const server = await startLocalServer((request, response) => {
		if (request.path === '/services/oauth2/token' && request.method === 'POST') {
			const answer = jwtToken(request);
			return sendJson(response, answer.status, answer.body);
		}
		if (request.headers.authorization !== `Bearer ${token}`) return sendJson(response, 401, fail(401, 'INVALID_SESSION_ID', 'Session expired or invalid').body);
		const failure = failures.shift();
		const answer: Answer = failure ?? (request.path === `${DATA}/composite` && request.method === 'POST' ? composite(request.json) : request.path.startsWith(DATA) ? data(request.method, request.path.slice(DATA.length), request.query, request.json) : fail(404, 'NOT_FOUND', 'The requested resource does not exist'));
		for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
		if (answer.body === undefined) {
			response.statusCode = answer.status;
			response.end();
			return;
		}
		sendJson(response, answer.status, answer.body);
	});
	url = server.url;

	return {
		url: server.url,
		requests: server.requests,
		violations,
		contacts: tables.Contact,
		leads: tables.Lead,
		tasks,
		add: (object, fields) => create(object, fields).Id,
		failNext: (status, body, headers) => failures.push({ status, body, headers }),
		trustJwt: (app) => apps.push(app),
		close: () => server.close(),
	};
}
