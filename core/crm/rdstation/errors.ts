import type { HttpResponse } from '../../http/http-client';
import { CrmError } from '../types';
import { RD_STATION_PRODUCT_NAME, type RdStationProduct } from './contact-id';

/** One complaint of RD Station's, with the field it is about when the answer names one. */
export interface RdStationComplaint {
	field?: string;
	type?: string;
	message: string;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** `body.payload.email` (Marketing's path) is the field `email`. */
const fieldOf = (path: string): string => path.replace(/^(body\.)?(payload\.)?(contact\.)?/, '');

function complaint(value: unknown, field?: string): RdStationComplaint | undefined {
	if (typeof value === 'string') return textOf(value) ? { field, message: value.trim() } : undefined;
	if (!value || typeof value !== 'object') return undefined;
	const record = value as Record<string, unknown>;
	const message = textOf(record.error_message) ?? textOf(record.message) ?? textOf(record.error) ?? textOf(record.error_type);
	if (!message) return undefined;
	const path = textOf(record.path) ?? textOf(record.field);
	return { field: path ? fieldOf(path) : field, type: textOf(record.error_type), message };
}

/**
 * Reads the error answers of both RD Station APIs. Marketing's are documented:
 * `{errors: {error_type, error_message}}`, `{errors: {<field>: [{error_type, error_message}]}}`
 * or `{errors: [{error_type, error_message, path}]}`. CRM v1's are not: seen are `{errors: "…"}`,
 * `{error: "…"}`, `{message: "…"}` and Rails' `{errors: {<field>: ["…"]}}`, so all are read.
 */
export function rdStationComplaints(body: unknown): RdStationComplaint[] {
	if (typeof body === 'string') return textOf(body) && !/^\s*</.test(body) ? [{ message: body.trim().slice(0, 300) }] : [];
	if (!body || typeof body !== 'object') return [];
	const record = body as Record<string, unknown>;
	const errors = record.errors ?? record.error ?? record.message;
	if (Array.isArray(errors)) return errors.map((item) => complaint(item)).filter((item): item is RdStationComplaint => item !== undefined);
	if (errors && typeof errors === 'object') {
		const single = complaint(errors);
		if (single && ('error_message' in errors || 'error_type' in errors)) return [single];
		return Object.entries(errors as Record<string, unknown>).flatMap(([field, value]) =>
			(Array.isArray(value) ? value : [value]).map((item) => complaint(item, field)).filter((item): item is RdStationComplaint => item !== undefined),
		);
	}
	const single = complaint(errors);
	return single ? [single] : [];
}

function describe(complaints: RdStationComplaint[]): string {
	// The sentence gets its own full stop.
	const said = (item: RdStationComplaint) => item.message.replace(/[.\s]+$/, '');
	return complaints.map((item) => (item.field ? `the field '${item.field}': ${said(item)}` : said(item))).join('; ');
}

const CREDENTIAL_HINT: Record<RdStationProduct, string> = {
	crm: "Copy the API token again from RD Station CRM (your name at the top right > Perfil > Token da instância) into the 'Omnichannel RD Station CRM API' credential.",
	marketing: "Reconnect the 'Omnichannel RD Station Marketing OAuth2 API' credential (Credentials > the credential > Reconnect); an RD Station Marketing administrator may have to allow the app again.",
};

/**
 * A refused or failed request in words an ops person understands. `action` says what was being
 * done, as in "RD Station CRM refused to <update the contact>".
 */
export function rdStationError(product: RdStationProduct, response: HttpResponse, action: string): CrmError {
	const name = RD_STATION_PRODUCT_NAME[product];
	const complaints = rdStationComplaints(response.body);
	const said = complaints.length > 0 ? describe(complaints) : undefined;
	const details = { status: response.status, code: complaints[0]?.type, body: response.body };
	const { status } = response;
	if (status === 401) {
		const what = product === 'crm' ? 'the API token: it is wrong or was revoked' : 'the connection: its access was revoked or has expired';
		return new CrmError('rdstation', `${name} refused ${what}.`, { ...details, code: details.code ?? 'UNAUTHORIZED', hint: CREDENTIAL_HINT[product] });
	}
	if (status === 403) {
		return new CrmError('rdstation', `${name} did not allow the request to ${action}${said ? `: ${said}` : ''}.`, {
			...details,
			code: details.code ?? 'FORBIDDEN',
			hint: `The user or app behind the credential lacks the permission, or the ${name} plan does not include the API. ${CREDENTIAL_HINT[product]}`,
		});
	}
	if (status === 429) {
		return new CrmError('rdstation', `${name} is limiting the request rate and still refused to ${action} after several retries.`, {
			...details,
			code: details.code ?? 'RATE_LIMITED',
			hint: 'Send fewer items at a time (n8n: Loop Over Items with a Wait), or run the workflow later.',
		});
	}
	if (status === 400 || status === 422) {
		const fieldNamed = complaints.some((item) => item.field);
		return new CrmError('rdstation', `${name} refused to ${action}: ${said ?? `it answered HTTP ${status} without saying why`}.${fieldNamed ? ' Check the field mapping.' : ''}`, {
			...details,
			code: details.code ?? 'INVALID',
			hint: fieldNamed ? 'Fix or remove the field named in the message in the node\'s field mapping.' : undefined,
		});
	}
	if (status === 404) {
		return new CrmError('rdstation', `${name} could not ${action}: not found${said ? ` (${said})` : ''}.`, {
			...details,
			code: details.code ?? 'NOT_FOUND',
			hint: 'The record may have been deleted in RD Station, or the Base URL of the credential is wrong.',
		});
	}
	if (status >= 500) {
		return new CrmError('rdstation', `${name} failed (HTTP ${status}) while trying to ${action}. Try again later.`, {
			...details,
			code: details.code ?? 'UNAVAILABLE',
			hint: 'RD Station had a temporary problem; the request was already retried.',
		});
	}
	return new CrmError('rdstation', `${name} did not ${action}: HTTP ${status}${said ? ` (${said})` : ''}.`, details);
}

/** No answer at all: a wrong Base URL, a gateway down, no network. */
export function rdStationUnreachable(product: RdStationProduct, error: unknown, action: string): CrmError {
	const name = RD_STATION_PRODUCT_NAME[product];
	// The CRM token travels in the query string: never repeat it.
	const reason = (error instanceof Error ? error.message : String(error)).replace(/token=[^&\s]+/gi, 'token=***');
	return new CrmError('rdstation', `${name} could not be reached to ${action}: ${reason}.`, {
		code: 'UNREACHABLE',
		hint: 'Check the Base URL in the credential and the network between n8n and RD Station.',
	});
}
