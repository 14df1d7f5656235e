import type { HttpResponse } from '../../http/http-client';
import { CrmError } from '../types';

/** What the REST API answers when it refuses: a list of these, most often one. */
export interface SalesforceErrorItem {
	message?: string;
	errorCode?: string;
	fields?: string[];
}

export function salesforceErrorItems(body: unknown): SalesforceErrorItem[] {
	const list = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
	return list.filter((item): item is SalesforceErrorItem => Boolean(item) && typeof item === 'object' && 'errorCode' in item);
}

/** The field an INVALID_FIELD answer is about: from `fields`, or from "No such column 'X'". */
function fieldNamed(item: SalesforceErrorItem): string | undefined {
	return item.fields?.[0] ?? /No such column '([^']+)'/.exec(item.message ?? '')?.[1] ?? /field[: ]+'?([A-Za-z0-9_]+)'?/i.exec(item.message ?? '')?.[1];
}

/** Requests used and allowed in the org's last 24 hours, as Salesforce reports them on every answer. */
export interface SalesforceApiUsage {
	used: number;
	allowed: number;
}

/** Sforce-Limit-Info: "api-usage=25000/25000" (the header's name in any case). */
export function salesforceApiUsage(headers: Record<string, string> = {}): SalesforceApiUsage | undefined {
	const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'sforce-limit-info')?.[1];
	const usage = /api-usage=(\d+)\/(\d+)/.exec(value ?? '');
	return usage ? { used: Number(usage[1]), allowed: Number(usage[2]) } : undefined;
}

const count = (value: number) => value.toLocaleString('en-US');

/** A 403 for too many long requests at once passes in seconds; the daily allowance does not. */
function isConcurrencyLimit(item: SalesforceErrorItem | undefined): boolean {
	return item?.errorCode === 'REQUEST_LIMIT_EXCEEDED' && /concurrent/i.test(item.message ?? '');
}

/** The org's daily allowance is used up: every further request is refused too, so none is sent. */
export function isDailyLimitError(error: unknown): error is CrmError {
	if (!(error instanceof CrmError) || error.crm !== 'salesforce' || error.details.code !== 'REQUEST_LIMIT_EXCEEDED') return false;
	return !isConcurrencyLimit(salesforceErrorItems(error.details.body)[0]);
}

/** Answers worth sending again after a pause: 429, 5xx and Salesforce's limit on concurrent long requests. */
export function isRetryableSalesforceAnswer(response: HttpResponse): boolean {
	if (response.status === 429 || response.status >= 500) return true;
	return response.status === 403 && isConcurrencyLimit(salesforceErrorItems(response.body)[0]);
}

/** What went wrong and what to do, in words for whoever runs the workflow. */
function explain(status: number, item: SalesforceErrorItem | undefined, subject: string, usage?: SalesforceApiUsage): { message: string; hint?: string } {
	const said = item?.message?.trim().replace(/\s+/g, ' ');
	switch (item?.errorCode) {
		case 'INVALID_SESSION_ID':
			return { message: 'Salesforce refused the session: it has expired or was revoked', hint: 'Reconnect the Salesforce credential in n8n (Credentials > Salesforce > Reconnect).' };
		case 'REQUEST_LIMIT_EXCEEDED':
			return isConcurrencyLimit(item)
				? { message: 'Salesforce refused the request: too many long requests are running in the org at once', hint: 'Run the workflow again in a few minutes, or process fewer items at a time.' }
				: {
						message: `Salesforce refused the request: the org has used up its daily API request limit${usage ? ` (${count(usage.used)} of ${count(usage.allowed)} requests in the last 24 hours, Sforce-Limit-Info: api-usage=${usage.used}/${usage.allowed})` : ''}. Nothing was retried: every request is refused until the usage falls`,
						hint: 'Try again tomorrow: Salesforce counts the requests of the last 24 hours, so the limit frees up as the oldest age out. Or ask your Salesforce admin to raise the API request limit (Setup > Company Information shows the usage).',
					};
		case 'INVALID_FIELD':
		case 'INVALID_FIELD_FOR_INSERT_UPDATE':
		case 'INVALID_FIELD_WHEN_USING_TEMPLATE': {
			const field = fieldNamed(item);
			const problem = item.errorCode === 'INVALID_FIELD' ? 'does not exist or is hidden from this user' : 'cannot be written';
			return { message: `Salesforce refused ${subject}: the field '${field ?? 'unknown'}' ${problem}`, hint: 'Check the field mapping: use the API name shown in Setup > Object Manager > Fields & Relationships.' };
		}
		case 'INVALID_TYPE':
			return { message: `Salesforce refused ${subject}: ${said ?? 'the object type is not available'}`, hint: 'The object or field does not exist in this org, or the connected user has no access to it. Check the field mapping and the user\'s profile.' };
		case 'DUPLICATES_DETECTED':
			return { message: `Salesforce refused ${subject}: a duplicate rule blocked it (${said ?? 'a matching record exists'})`, hint: 'Merge the duplicate records in Salesforce, or ask your admin to let the duplicate rule allow this integration.' };
		case 'REQUIRED_FIELD_MISSING':
			return { message: `Salesforce refused ${subject}: the required field${item.fields && item.fields.length > 1 ? 's' : ''} ${(item.fields ?? []).map((field) => `'${field}'`).join(', ') || 'shown in its answer'} ${item.fields && item.fields.length > 1 ? 'are' : 'is'} empty`, hint: 'Map a value to the field in the node, or ask your admin whether it must be required.' };
		case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
			return { message: `Salesforce refused ${subject}: a validation rule said "${said}"`, hint: 'Change the mapped values so the rule accepts them, or ask your Salesforce admin about the rule.' };
		case 'NOT_FOUND':
		case 'ENTITY_IS_DELETED':
			return { message: `Salesforce could not find ${subject}: the record does not exist or was deleted` };
		case 'INSUFFICIENT_ACCESS_OR_READONLY':
		case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
			return { message: `Salesforce refused ${subject}: the connected user may not change this record`, hint: 'Connect the credential as a user with edit access, or ask your admin to share the record.' };
	}
	if (status === 401) return { message: 'Salesforce refused the session', hint: 'Reconnect the Salesforce credential in n8n.' };
	if (status === 429 || status >= 500) return { message: `Salesforce is having trouble right now (HTTP ${status}) and did not recover after several tries`, hint: 'Run the workflow again in a few minutes.' };
	return { message: `Salesforce refused ${subject}: ${said ?? `HTTP ${status}`}` };
}

/**
 * A refusal as a CrmError; `subject` names what was asked, e.g. "the contact", "the task".
 * `headers` are the answer's, for the API usage Salesforce reports in Sforce-Limit-Info.
 * `details.code` is Salesforce's errorCode (REQUEST_LIMIT_EXCEEDED, INVALID_FIELD, …).
 */
export function salesforceError(status: number, body: unknown, subject: string, headers: Record<string, string> = {}): CrmError {
	const items = salesforceErrorItems(body);
	const item = items[0];
	const { message, hint } = explain(status, item, subject, salesforceApiUsage(headers));
	const safeBody = items.length > 0 ? items : typeof body === 'string' ? { message: body.slice(0, 500) } : body;
	return new CrmError('salesforce', message, { status, code: item?.errorCode, hint, body: safeBody });
}
