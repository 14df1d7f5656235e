/**
 * A local stand-in of HubSpot's CRM v3 API for contacts, keeping state as HubSpot does: search
 * (filter groups ORed, at most 5 groups, 6 filters each, 18 in all; EQ, IN, CONTAINS_TOKEN),
 * get and update by id, batch upsert by e-mail and batch update (at most 100 inputs, 207 with the
 * inputs it refused), create, communications and notes with their contact association,
 * GDPR delete, and the contact property definitions. Bearer tokens; errors in HubSpot's shape
 * (status, message, correlationId, category). hs_searchable_calculated_phone_number is
 * computed as HubSpot keeps it: the number's digits without country code. Optionally HubSpot's
 * ten-secondly rolling rate limit (off unless asked for).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { HubSpotRateLimit, type HubSpotRateLimitOptions } from './hubspot-rate-limit';
import { sendJson, startLocalServer, type RecordedRequest } from './local-server';

export interface HubSpotRecord {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
}

export interface HubSpotEngagement {
	objectType: 'communications' | 'notes';
	id: string;
	properties: Record<string, string>;
	associations: Array<{ to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> }>;
}

interface PropertyDefinition {
	name: string;
	label: string;
	type: string;
	fieldType: string;
	calculated: boolean;
	hidden: boolean;
	modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
	options: Array<{ label: string; value: string }>;
}

const definition = (name: string, label: string, extra: Partial<PropertyDefinition> = {}): PropertyDefinition => ({
	name,
	label,
	type: 'string',
	fieldType: 'text',
	calculated: false,
	hidden: false,
	modificationMetadata: { archivable: true, readOnlyDefinition: true, readOnlyValue: false },
	options: [],
	...extra,
});

const readOnly = { modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: true } };

export const CONTACT_PROPERTY_DEFINITIONS: PropertyDefinition[] = [
	definition('email', 'Email'),
	definition('firstname', 'First Name'),
	definition('lastname', 'Last Name'),
	definition('phone', 'Phone Number', { fieldType: 'phonenumber' }),
	definition('mobilephone', 'Mobile Phone Number', { fieldType: 'phonenumber' }),
	definition('city', 'City'),
	definition('company', 'Company Name'),
	definition('lifecyclestage', 'Lifecycle Stage', {
		type: 'enumeration',
		fieldType: 'radio',
		options: ['subscriber', 'lead', 'marketingqualifiedlead', 'customer'].map((value) => ({ label: value, value })),
	}),
	definition('hs_additional_emails', 'Additional email addresses', { fieldType: 'textarea', ...readOnly }),
	definition('hs_whatsapp_phone_number', 'WhatsApp Phone Number', { fieldType: 'phonenumber' }),
	definition('hs_searchable_calculated_phone_number', 'Phone Number (searchable)', { calculated: true, ...readOnly }),
	definition('hs_object_id', 'Record ID', { type: 'number', fieldType: 'number', ...readOnly }),
	definition('createdate', 'Create Date', { type: 'datetime', fieldType: 'date', ...readOnly }),
	definition('lastmodifieddate', 'Last Modified Date', { type: 'datetime', fieldType: 'date', ...readOnly }),
	definition('hs_internal_marker', 'Internal marker', { hidden: true }),
];

const DEFINITIONS = new Map(CONTACT_PROPERTY_DEFINITIONS.map((property) => [property.name, property]));

interface Failure {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	/** Only requests to this path fail (default: the next request, whatever it is). */
	path?: string;
}

export interface FakeHubSpotApi {
	url: string;
	requests: RecordedRequest[];
	/** Calls the node should never make, or makes in a shape HubSpot refuses. */
	violations: string[];
	contacts: Map<string, HubSpotRecord>;
	engagements: HubSpotEngagement[];
	/** Adds a contact as someone typed it in HubSpot; returns its record id. */
	addContact(properties: Record<string, string>): string;
	failNext(failure: Failure): void;
	/** How many requests the rate limit answered 429 (0 without one). */
	rateLimited(): number;
	/** The requests to one path, in order. */
	calls(path: string): RecordedRequest[];
	reset(): void;
	close(): Promise<void>;
}

/** HubSpot keeps the number's national digits (without country code) for search. */
export function searchablePhone(value: string | null | undefined): string | undefined {
	if (!value?.trim()) return undefined;
	const parsed = value.trim().startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
	return parsed ? parsed.nationalNumber : value.replace(/\D/g, '') || undefined;
}

/** An answer of the stand-in: what HubSpot would send back. */
export interface HubSpotAnswer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const hubspotError = (status: number, category: string, message: string, extra: object = {}): HubSpotAnswer => ({
	status,
	body: { status: 'error', message, correlationId: '8b2f3a10-7b2e-4c55-9f7a-1f0b0a1e9c11', category, ...extra },
});

type Filter = { propertyName: string; operator: string; value?: string; values?: string[] };

function matches(record: HubSpotRecord, filter: Filter): boolean {
	const stored = filter.propertyName === 'hs_searchable_calculated_phone_number' ? searchablePhone(record.properties.phone) ?? searchablePhone(record.properties.mobilephone) : record.properties[filter.propertyName];
	const storedAll = filter.propertyName === 'hs_searchable_calculated_phone_number' ? [searchablePhone(record.properties.phone), searchablePhone(record.properties.mobilephone)] : [stored];
	if (filter.operator === 'EQ') return storedAll.some((value) => value != null && value.toLowerCase() === String(filter.value).toLowerCase());
	if (filter.operator === 'IN') return storedAll.some((value) => value != null && (filter.values ?? []).some((wanted) => wanted.toLowerCase() === value.toLowerCase()));
	if (filter.operator === 'CONTAINS_TOKEN') return (stored ?? '').toLowerCase().split(/[;\s]+/).includes(String(filter.value).toLowerCase());
	return false;
}

/** Why HubSpot would refuse these property values, as its "Property values were not valid" list. */
function invalidProperties(properties: Record<string, unknown>): Array<{ isValid: false; message: string; error: string; name: string }> {
	const problems: Array<{ isValid: false; message: string; error: string; name: string }> = [];
	for (const [name, value] of Object.entries(properties)) {
		const property = DEFINITIONS.get(name);
		if (!property) problems.push({ isValid: false, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name });
		else if (property.modificationMetadata.readOnlyValue) problems.push({ isValid: false, message: `${name} is a read only property; its value cannot be set.`, error: 'READ_ONLY_VALUE', name });
		else if (property.type === 'enumeration' && !property.options.some((option) => option.value === value)) {
			problems.push({ isValid: false, message: `${String(value)} was not one of the allowed options: [${property.options.map((option) => option.value).join(', ')}]`, error: 'INVALID_OPTION', name });
		} else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
			problems.push({ isValid: false, message: `${name} must be a string`, error: 'INVALID_TYPE', name });
		}
	}
	return problems;
}

const validationMessage = (problems: object[]) => `Property values were not valid: ${JSON.stringify(problems)}`;

export interface HubSpotStandInOptions {
	/** HubSpot's ten-secondly rolling limit; without it every request is answered. */
	rateLimit?: HubSpotRateLimitOptions;
}

/** HubSpot's contacts API as state and a function answering one request, for a server of its own or a route of the provider stand-ins. */
export function hubSpotStandIn(tokens?: string[], options: HubSpotStandInOptions = {}) {
	const contacts = new Map<string, HubSpotRecord>();
	const rateLimit = options.rateLimit && new HubSpotRateLimit(options.rateLimit);
	/** Lower-case e-mail to record id: a batch of 100 upserts looks up 100 e-mails among many contacts. */
	const emailIndex = new Map<string, string>();
	const engagements: HubSpotEngagement[] = [];
	const violations: string[] = [];
	const failures: Failure[] = [];
	let nextId = 51234567890;
	const now = () => new Date().toISOString();

	const save = (id: string | undefined, properties: Record<string, unknown>): { record: HubSpotRecord; created: boolean } => {
		const existing = id ? contacts.get(id) : undefined;
		const values = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, String(value)]));
		if (existing) {
			Object.assign(existing.properties, values, { lastmodifieddate: now() });
			existing.updatedAt = now();
			if (existing.properties.email) emailIndex.set(existing.properties.email.toLowerCase(), existing.id);
			return { record: existing, created: false };
		}
		const newId = String(nextId++);
		const record: HubSpotRecord = { id: newId, properties: { ...values, hs_object_id: newId, createdate: now(), lastmodifieddate: now() }, createdAt: now(), updatedAt: now() };
		contacts.set(newId, record);
		if (record.properties.email) emailIndex.set(record.properties.email.toLowerCase(), newId);
		return { record, created: true };
	};
	const byEmail = (email: string) => {
		// Every write goes through save(), which keeps the index; a record since deleted or given another e-mail is not this one.
		const record = contacts.get(emailIndex.get(email.toLowerCase()) ?? '');
		return record?.properties.email?.toLowerCase() === email.toLowerCase() ? record : undefined;
	};
	const answer = (record: HubSpotRecord, extra: object = {}) => ({ id: record.id, properties: { ...record.properties }, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false, ...extra });

	/** A batch: at most 100 inputs, no id twice; the inputs with invalid values come back as errors, the rest are saved. */
	const batch = (request: RecordedRequest, kind: 'upsert' | 'update'): HubSpotAnswer => {
		const inputs = ((request.json as { inputs?: unknown[] })?.inputs ?? []) as Array<{ id: string; idProperty?: string; properties: Record<string, unknown> }>;
		if (inputs.length > 100) return hubspotError(400, 'VALIDATION_ERROR', `Batch input can include at most 100 inputs, got ${inputs.length}`);
		const ids = inputs.map((input) => input.id);
		if (new Set(ids).size !== ids.length) return hubspotError(400, 'VALIDATION_ERROR', 'Duplicate IDs found in batch input');
		const results: object[] = [];
		const errors: object[] = [];
		for (const input of inputs) {
			if (kind === 'upsert' && input.idProperty !== 'email') violations.push(`batch upsert by ${input.idProperty}: the node upserts by email`);
			const problems = invalidProperties(input.properties ?? {});
			if (problems.length) {
				errors.push({ status: 'error', category: 'VALIDATION_ERROR', message: validationMessage(problems), context: { ids: [input.id] }, errors: [] });
				continue;
			}
			if (kind === 'update') {
				if (!contacts.has(input.id)) {
					errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: `Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.`, context: { ids: [input.id] }, errors: [] });
					continue;
				}
				results.push(answer(save(input.id, input.properties).record));
				continue;
			}
			const { record, created } = save(byEmail(input.id)?.id, { email: input.id.toLowerCase(), ...input.properties });
			results.push(answer(record, { new: created }));
		}
		const body = { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), requestedAt: now(), startedAt: now(), completedAt: now() };
		return { status: errors.length ? 207 : 200, body };
	};

	const engagement = (request: RecordedRequest, objectType: HubSpotEngagement['objectType']): HubSpotAnswer => {
		const body = request.json as Omit<HubSpotEngagement, 'objectType' | 'id'>;
		const typeId = objectType === 'communications' ? 81 : 202;
		const required = objectType === 'communications' ? ['hs_communication_channel_type', 'hs_communication_body', 'hs_timestamp'] : ['hs_note_body', 'hs_timestamp'];
		for (const name of required) if (!body?.properties?.[name]) violations.push(`${objectType}: ${name} is missing`);
		for (const association of body?.associations ?? []) {
			if (!contacts.has(association.to.id)) return hubspotError(400, 'VALIDATION_ERROR', `No contact with ID ${association.to.id}`);
			if (association.types.some((type) => type.associationCategory !== 'HUBSPOT_DEFINED' || type.associationTypeId !== typeId)) violations.push(`${objectType}: association type must be HUBSPOT_DEFINED ${typeId}`);
		}
		const id = String(70112233445 + engagements.length);
		engagements.push({ objectType, id, properties: body.properties, associations: body.associations });
		return { status: 201, body: { id, properties: { ...body.properties, hs_object_id: id, hs_createdate: now() }, createdAt: now(), updatedAt: now(), archived: false } };
	};

	/** HubSpot's answer to one request. */
	const answerRequest = (request: RecordedRequest): HubSpotAnswer => {
		const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
		if (!token || (tokens && !tokens.includes(token))) return hubspotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');
		const limited = rateLimit?.admit();
		if (limited) return limited;
		const failure = failures.findIndex((candidate) => !candidate.path || candidate.path === request.path);
		if (failure >= 0) {
			const [{ status, body, headers }] = failures.splice(failure, 1);
			return { status, body, headers };
		}
		const path = request.path;
		if (path === '/crm/v3/objects/contacts/search' && request.method === 'POST') {
			const body = request.json as { filterGroups: Array<{ filters: Filter[] }>; properties?: string[]; limit?: number };
			const groups = body.filterGroups ?? [];
			const filterCount = groups.reduce((sum, group) => sum + group.filters.length, 0);
			if (groups.length > 5 || groups.some((group) => group.filters.length > 6) || filterCount > 18) {
				return hubspotError(400, 'VALIDATION_ERROR', 'Too many filters or filter groups: at most 5 groups of 6 filters, 18 filters in all');
			}
			const found = [...contacts.values()].filter((record) => groups.some((group) => group.filters.every((filter) => matches(record, filter))));
			const wanted = body.properties ?? ['email', 'firstname', 'lastname', 'createdate', 'lastmodifieddate', 'hs_object_id'];
			const results = found.slice(0, body.limit ?? 10).map((record) => ({ ...answer(record), properties: Object.fromEntries(wanted.map((name) => [name, record.properties[name] ?? null])) }));
			return { status: 200, body: { total: found.length, results } };
		}
		const byId = /^\/crm\/v3\/objects\/contacts\/(\d+)$/.exec(path);
		if (byId && request.method === 'GET') {
			const record = contacts.get(byId[1]);
			if (!record) return hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found');
			return { status: 200, body: answer(record) };
		}
		if (byId && request.method === 'PATCH') {
			if (!contacts.has(byId[1])) return hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found');
			const properties = (request.json as { properties?: Record<string, unknown> })?.properties ?? {};
			const problems = invalidProperties(properties);
			if (problems.length) return hubspotError(400, 'VALIDATION_ERROR', validationMessage(problems));
			return { status: 200, body: answer(save(byId[1], properties).record) };
		}
		if (path === '/crm/v3/objects/contacts/batch/upsert' && request.method === 'POST') return batch(request, 'upsert');
		if (path === '/crm/v3/objects/contacts/batch/update' && request.method === 'POST') return batch(request, 'update');
		if (path === '/crm/v3/objects/contacts' && request.method === 'POST') {
			const properties = (request.json as { properties?: Record<string, unknown> })?.properties ?? {};
			const problems = invalidProperties(properties);
			if (problems.length) return hubspotError(400, 'VALIDATION_ERROR', validationMessage(problems));
			return { status: 201, body: answer(save(undefined, properties).record) };
		}
		if (path === '/crm/v3/objects/communications' && request.method === 'POST') return engagement(request, 'communications');
		if (path === '/crm/v3/objects/notes' && request.method === 'POST') return engagement(request, 'notes');
		if (path === '/crm/v3/objects/contacts/gdpr-delete' && request.method === 'POST') {
			const { objectId, idProperty } = (request.json ?? {}) as { objectId?: string; idProperty?: string };
			const record = idProperty === 'email' ? byEmail(String(objectId)) : contacts.get(String(objectId));
			if (!record) return hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found');
			contacts.delete(record.id);
			return { status: 204, body: undefined };
		}
		if (path === '/crm/v3/properties/contacts' && request.method === 'GET') return { status: 200, body: { results: CONTACT_PROPERTY_DEFINITIONS } };
		violations.push(`${request.method} ${path} is not an endpoint the node should call`);
		return hubspotError(404, 'OBJECT_NOT_FOUND', `No route for ${request.method} ${path}`);
	};

	return {
		answer: answerRequest,
		violations,
		contacts,
		engagements,
		addContact: (properties: Record<string, string>) => save(undefined, properties).record.id,
		failNext: (failure: Failure) => failures.push(failure),
		rateLimited: () => rateLimit?.refused ?? 0,
		reset: () => {
			violations.splice(0);
			contacts.clear();
			emailIndex.clear();
			rateLimit?.reset();
			engagements.splice(0);
			failures.splice(0);
		},
	};
}

export async function startFakeHubSpotApi(tokens: string[], options: HubSpotStandInOptions = {}): Promise<FakeHubSpotApi> {
	const hubspot = hubSpotStandIn(tokens, options);
	const server = await startLocalServer((request, response) => {
		const { status, body, headers } = hubspot.answer(request);
		for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
		if (body === undefined) {
			response.statusCode = status;
			response.end();
		} else sendJson(response, status, body);
	});
	return {
		...hubspot,
		url: server.url,
		requests: server.requests,
		calls: (path) => server.requests.filter((request) => request.path === path),
		reset: () => {
			server.requests.splice(0);
			hubspot.reset();
		},
		close: () => server.close(),
	};
}
