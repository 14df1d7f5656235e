/**
 * A local stand-in of the RD Station Marketing API (https://api.rd.services, OAuth2 Bearer):
 * contacts read by uuid, `email:` or `phone:`, upserted with PATCH /platform/contacts/email:…
 * (the e-mail must not be in the body), deleted; the account's fields; conversion events.
 * Errors have the documented `{errors: …}` shapes (test/fixtures/crm/rdstation-marketing).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';
import type { QueuedFailure, RdRecord } from './rdstation-api';

export interface FakeRdStationMarketing {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	/** By uuid. */
	contacts: Map<string, RdRecord>;
	events: RdRecord[];
	failNext(status: number, body: unknown, options?: { headers?: Record<string, string>; path?: string }): void;
	close(): Promise<void>;
}

/** The standard fields of a contact (developers.rdstation.com, Contatos) and the account's custom fields. */
const STANDARD_FIELDS = ['name', 'email', 'job_title', 'bio', 'website', 'personal_phone', 'mobile_phone', 'city', 'state', 'country', 'twitter', 'facebook', 'linkedin', 'tags', 'extra_emails', 'legal_bases', 'birthdate'];
export const MARKETING_CUSTOM_FIELDS = ['cf_ultimo_atendimento'];

/** GET /platform/contacts/fields, in the documented shape. */
export const MARKETING_FIELDS = [
	{ uuid: 'fdeba6ec-f1cf-4b13-b2ea-e93d47c0d828', api_identifier: 'name', custom_field: false, data_type: 'STRING', name: { default: 'nome', 'pt-BR': 'Nome' }, label: { default: 'Nome completo', 'pt-BR': 'Nome completo' }, presentation_type: 'TEXT_INPUT', validation_rules: {} },
	{ uuid: '0e6c3e0f-4a1b-4d0e-9a43-2a3c4b5d6e7f', api_identifier: 'email', custom_field: false, data_type: 'STRING', name: { default: 'email', 'pt-BR': 'Email' }, label: { default: 'Email', 'pt-BR': 'Email' }, presentation_type: 'EMAIL_INPUT', validation_rules: {} },
	{ uuid: '7b1e2f3a-9c8d-4e5f-8a6b-1c2d3e4f5a6b', api_identifier: 'cf_ultimo_atendimento', custom_field: true, data_type: 'STRING', name: { default: 'Último atendimento', 'pt-BR': 'Último atendimento' }, label: { 'pt-BR': 'Último atendimento' }, presentation_type: 'TEXT_INPUT', validation_rules: {} },
];

const notFound = (response: ServerResponse) => sendJson(response, 404, { errors: { error_type: 'RESOURCE_NOT_FOUND', error_message: 'Lead not found.' } });
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

export async function startFakeRdStationMarketing(accessToken: string): Promise<FakeRdStationMarketing> {
	const contacts = new Map<string, RdRecord>();
	const events: RdRecord[] = [];
	const violations: string[] = [];
	const failures: QueuedFailure[] = [];

	const find = (key: string): RdRecord | undefined => {
		const [kind, ...rest] = key.split(':');
		const value = rest.join(':');
		if (kind === 'email') return [...contacts.values()].find((contact) => String(contact.email).toLowerCase() === value.toLowerCase());
		if (kind === 'phone') return [...contacts.values()].find((contact) => ['mobile_phone', 'personal_phone'].some((field) => contact[field] && digits(contact[field]) === digits(value)));
		return contacts.get(key);
	};
	const unknownFields = (body: RdRecord) => Object.keys(body).filter((field) => !STANDARD_FIELDS.includes(field) && !MARKETING_CUSTOM_FIELDS.includes(field));

	const server: LocalServer = await startLocalServer((request, response) => {
		if (request.headers.authorization !== `Bearer ${accessToken}`) return sendJson(response, 401, { errors: { error_type: 'UNAUTHORIZED', error_message: 'Invalid token.' } });
		const index = failures.findIndex((queued) => !queued.path || queued.path === request.path);
		const failure = index >= 0 ? failures.splice(index, 1)[0] : undefined;
		if (failure) {
			for (const [name, value] of Object.entries(failure.headers ?? {})) response.setHeader(name, value);
			return sendJson(response, failure.status, failure.body);
		}
		if (request.path === '/platform/contacts/fields' && request.method === 'GET') return sendJson(response, 200, { fields: MARKETING_FIELDS });
		const contactPath = /^\/platform\/contacts\/([^/]+)$/.exec(request.path);
		if (contactPath) {
			const key = decodeURIComponent(contactPath[1]);
			const contact = find(key);
			if (request.method === 'GET') return contact ? sendJson(response, 200, contact) : notFound(response);
			if (request.method === 'DELETE') {
				if (!contact) return notFound(response);
				contacts.delete(String(contact.uuid));
				response.statusCode = 204;
				response.end();
				return;
			}
			if (request.method === 'PATCH') {
				if (!key.startsWith('email:')) violations.push(`PATCH ${request.path}: the adapter upserts by e-mail`);
				const body = (request.json ?? {}) as RdRecord;
				if ('email' in body) {
					violations.push('PATCH by e-mail with "email" in the body');
					return sendJson(response, 400, { errors: { email: [{ error_type: 'CANNOT_BE_CHANGED', error_message: 'Email cannot be sent in the body when updating by email.' }] } });
				}
				const unknown = unknownFields(body);
				if (unknown.length > 0) return sendJson(response, 400, { errors: { [unknown[0]]: [{ error_type: 'INVALID_FIELDS', error_message: 'Field does not exist.' }] } });
				const saved = contact ?? { uuid: randomUUID(), email: key.slice('email:'.length), tags: [], extra_emails: [], legal_bases: [], links: [] };
				Object.assign(saved, body);
				contacts.set(String(saved.uuid), saved);
				return sendJson(response, 200, saved);
			}
		}
		if (request.path === '/platform/events' && request.method === 'POST') {
			const event = (request.json ?? {}) as RdRecord;
			const payload = (event.payload ?? {}) as RdRecord;
			if (event.event_type !== 'CONVERSION' || event.event_family !== 'CDP') violations.push(`event_type ${String(event.event_type)}, event_family ${String(event.event_family)}`);
			for (const field of ['conversion_identifier', 'email']) {
				if (!payload[field]) return sendJson(response, 400, { errors: [{ error_type: 'CANNOT_BE_NULL', error_message: 'Cannot be null.', path: `body.payload.${field}` }] });
			}
			const unknown = unknownFields(payload).filter((field) => field !== 'conversion_identifier');
			if (unknown.length > 0) return sendJson(response, 400, { errors: [{ error_type: 'INVALID_FIELDS', error_message: 'Field does not exist.', path: `body.payload.${unknown[0]}` }] });
			events.push(event);
			return sendJson(response, 200, { event_uuid: randomUUID() });
		}
		violations.push(`${request.method} ${request.path} is not an RD Station Marketing endpoint the adapter should call`);
		notFound(response);
	});
	return {
		url: server.url,
		requests: server.requests,
		violations,
		contacts,
		events,
		failNext: (status, body, options = {}) => failures.push({ status, body, ...options }),
		close: () => server.close(),
	};
}
