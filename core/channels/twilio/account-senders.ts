import type { HttpClient } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from '../../http/retry';
import { isRecord } from '../shared/json-body';
import { messagingBaseUrl, twilioApiBaseUrl } from './api-urls';
import type { TwilioApiConfig } from './outbound';
import { twilioSendError } from './send-errors';

/**
 * What an account sends from, read for pickers in the editor: its phone numbers
 * (GET /2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json) and its Messaging Services
 * (GET https://messaging.twilio.com/v1/Services). Twilio pages both: the answer names the
 * next page's address (`next_page_uri`, `meta.next_page_url`), which is the cursor here,
 * kept to a path on the same API so the credential never goes anywhere else.
 */

export interface TwilioPhoneNumber {
	phoneNumber: string;
	friendlyName?: string;
	/** What the number can do: sms, mms, voice. */
	capabilities: string[];
}

export interface TwilioMessagingService {
	sid: string;
	friendlyName?: string;
}

export interface TwilioPage<T> {
	items: T[];
	/** The path (with its query) of the next page; absent on the last. */
	next?: string;
}

const PAGE_SIZE = 50;


function accountPath(config: TwilioApiConfig): string {
	const sid = config.accountSid.trim();
	if (!/^AC[0-9a-f]{32}$/i.test(sid)) throw new Error('The Account SID in the credential is not valid: it starts with AC followed by 32 letters and digits (Twilio Console > Account info)');
	return `/2010-04-01/Accounts/${encodeURIComponent(sid)}`;
}

/** The next page's path and query, from a full URL or a path; only under `prefix`. */
function nextPath(value: unknown, prefix: string): string | undefined {
	if (typeof value !== 'string' || !value) return undefined;
	const url = new URL(value, 'http://twilio.invalid');
	return url.pathname.startsWith(prefix) ? `${url.pathname}${url.search}` : undefined;
}

async function getPage(client: HttpClient, base: string, path: string, action: string): Promise<Record<string, unknown>> {
	const response = await sendWithRetry<unknown>(client, { method: 'GET', url: `${base}${path}`, headers: { accept: 'application/json' } }, DEFAULT_RETRY_POLICY);
	if (response.status >= 400 || !isRecord(response.body)) throw twilioSendError(response, action);
	return response.body;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export async function listTwilioPhoneNumbers(client: HttpClient, config: TwilioApiConfig, page?: string): Promise<TwilioPage<TwilioPhoneNumber>> {
	const prefix = `${accountPath(config)}/IncomingPhoneNumbers.json`;
	const path = (page && nextPath(page, prefix)) || `${prefix}?PageSize=${PAGE_SIZE}`;
	const body = await getPage(client, twilioApiBaseUrl(config), path, 'list the phone numbers');
	const numbers = Array.isArray(body.incoming_phone_numbers) ? body.incoming_phone_numbers : [];
	const items = numbers.filter(isRecord).flatMap((entry) => {
		const phoneNumber = text(entry.phone_number);
		if (!phoneNumber) return [];
		const capabilities = isRecord(entry.capabilities) ? Object.entries(entry.capabilities).filter(([, able]) => able === true).map(([name]) => name.toLowerCase()) : [];
		return [{ phoneNumber, friendlyName: text(entry.friendly_name), capabilities }];
	});
	return { items, next: nextPath(body.next_page_uri, prefix) };
}

export async function listTwilioMessagingServices(client: HttpClient, config: TwilioApiConfig, page?: string): Promise<TwilioPage<TwilioMessagingService>> {
	const prefix = '/v1/Services';
	const path = (page && nextPath(page, prefix)) || `${prefix}?PageSize=${PAGE_SIZE}`;
	const body = await getPage(client, messagingBaseUrl(config), path, 'list the Messaging Services');
	const services = Array.isArray(body.services) ? body.services : [];
	const items = services.filter(isRecord).flatMap((entry) => {
		const sid = text(entry.sid);
		return sid ? [{ sid, friendlyName: text(entry.friendly_name) }] : [];
	});
	const meta = isRecord(body.meta) ? body.meta : {};
	return { items, next: nextPath(meta.next_page_url, prefix) };
}
