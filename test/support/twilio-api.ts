/**
 * A local stand-in of the Twilio REST API for webhook setup, keeping state as Twilio does:
 * IncomingPhoneNumbers (list filtered by PhoneNumber, fetch, update) under
 * /2010-04-01/Accounts/{AccountSid}, and Messaging Services (/v1/Services/{Sid}, fetch and
 * update). HTTP Basic auth with the Account SID and Auth Token (or an API key); updates are
 * forms whose fields must be ones Twilio documents; errors have Twilio's shape.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

export type TwilioResource = Record<string, string | boolean | null>;

export interface FakeTwilioApi {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	numbers: Map<string, TwilioResource>;
	services: Map<string, TwilioResource>;
	/** The form fields of every update, in order. */
	updates: Array<{ path: string; form: Record<string, string> }>;
	failNext(status: number, body: unknown): void;
	reset(): void;
	close(): Promise<void>;
}

const NUMBER_FIELDS: Record<string, string> = {
	SmsUrl: 'sms_url', SmsMethod: 'sms_method', SmsFallbackUrl: 'sms_fallback_url', SmsFallbackMethod: 'sms_fallback_method',
	StatusCallback: 'status_callback', StatusCallbackMethod: 'status_callback_method', VoiceUrl: 'voice_url', VoiceMethod: 'voice_method', FriendlyName: 'friendly_name',
};
const SERVICE_FIELDS: Record<string, string> = {
	InboundRequestUrl: 'inbound_request_url', InboundMethod: 'inbound_method', FallbackUrl: 'fallback_url', FallbackMethod: 'fallback_method',
	StatusCallback: 'status_callback', UseInboundWebhookOnNumber: 'use_inbound_webhook_on_number', FriendlyName: 'friendly_name',
};

function twilioError(response: ServerResponse, status: number, code: number, message: string): void {
	sendJson(response, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

export function twilioNumber(accountSid: string, sid: string, phoneNumber: string, overrides: TwilioResource = {}): TwilioResource {
	return {
		account_sid: accountSid, sid, phone_number: phoneNumber, friendly_name: phoneNumber, api_version: '2010-04-01', status: 'in-use', origin: 'twilio',
		sms_url: 'https://demo.twilio.com/welcome/sms/reply', sms_method: 'POST', sms_fallback_url: '', sms_fallback_method: 'POST', sms_application_sid: '',
		status_callback: '', status_callback_method: 'POST', voice_url: 'https://demo.twilio.com/welcome/voice/', voice_method: 'POST',
		uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${sid}.json`, ...overrides,
	};
}

export function twilioService(accountSid: string, sid: string, overrides: TwilioResource = {}): TwilioResource {
	return {
		account_sid: accountSid, sid, friendly_name: 'Acme Support', inbound_request_url: null, inbound_method: 'POST', fallback_url: null, fallback_method: 'POST',
		status_callback: null, use_inbound_webhook_on_number: true, sticky_sender: true, url: `https://messaging.twilio.com/v1/Services/${sid}`, ...overrides,
	};
}

export async function startFakeTwilioApi(accountSid: string, authToken: string): Promise<FakeTwilioApi> {
	const numbers = new Map<string, TwilioResource>();
	const services = new Map<string, TwilioResource>();
	const violations: string[] = [];
	const updates: Array<{ path: string; form: Record<string, string> }> = [];
	const failures: Array<{ status: number; body: unknown }> = [];
	const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

	const formOf = (request: RecordedRequest, fields: Record<string, string>): Record<string, string> | undefined => {
		if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
			violations.push(`${request.method} ${request.path}: expected a form, got ${request.headers['content-type']}`);
			return undefined;
		}
		const form = Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
		for (const [name, value] of Object.entries(form)) {
			if (!(name in fields)) violations.push(`${request.method} ${request.path}: ${name} is not a parameter of this resource`);
			else if (/Method$/.test(name) && !['GET', 'POST'].includes(value)) violations.push(`${name} must be GET or POST, not "${value}"`);
			else if (/Url$|StatusCallback$/.test(name) && value !== '' && !/^https?:\/\//.test(value)) violations.push(`${name} must be a URL, not "${value}"`);
			else if (name === 'UseInboundWebhookOnNumber' && !['true', 'false'].includes(value)) violations.push(`${name} must be true or false`);
		}
		updates.push({ path: request.path, form });
		return form;
	};
	const apply = (resource: TwilioResource, form: Record<string, string>, fields: Record<string, string>) => {
		for (const [name, value] of Object.entries(form)) resource[fields[name]] = name === 'UseInboundWebhookOnNumber' ? value === 'true' : value;
	};

	const server: LocalServer = await startLocalServer((request, response) => {
		if (request.headers.authorization !== expectedAuth) return twilioError(response, 401, 20003, 'Authenticate');
		const failure = failures.shift();
		if (failure) return sendJson(response, failure.status, failure.body);
		const base = `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers`;
		if (request.path === `${base}.json` && request.method === 'GET') {
			const wanted = request.query.get('PhoneNumber');
			const list = [...numbers.values()].filter((number) => !wanted || number.phone_number === wanted);
			return sendJson(response, 200, {
				first_page_uri: `${base}.json?PageSize=50&Page=0`, end: list.length - 1, previous_page_uri: null, incoming_phone_numbers: list,
				uri: `${base}.json?PageSize=50&Page=0`, page_size: 50, start: 0, next_page_uri: null, page: 0,
			});
		}
		const number = new RegExp(`^${base}/(PN[0-9a-f]{32})\\.json$`).exec(request.path);
		if (number) {
			const resource = numbers.get(number[1]);
			if (!resource) return twilioError(response, 404, 20404, `The requested resource ${request.path} was not found`);
			if (request.method === 'POST') {
				const form = formOf(request, NUMBER_FIELDS);
				if (form) apply(resource, form, NUMBER_FIELDS);
			}
			return sendJson(response, 200, resource);
		}
		const service = /^\/v1\/Services\/(MG[0-9a-f]{32})$/.exec(request.path);
		if (service) {
			const resource = services.get(service[1]);
			if (!resource) return twilioError(response, 404, 20404, `The requested resource ${request.path} was not found`);
			if (request.method === 'POST') {
				const form = formOf(request, SERVICE_FIELDS);
				if (form) apply(resource, form, SERVICE_FIELDS);
			}
			return sendJson(response, 200, resource);
		}
		violations.push(`${request.method} ${request.path} is not an endpoint the trigger should call`);
		twilioError(response, 404, 20404, `The requested resource ${request.path} was not found`);
	});
	return {
		url: server.url,
		requests: server.requests,
		violations,
		numbers,
		services,
		updates,
		failNext: (status, body) => failures.push({ status, body }),
		reset: () => {
			server.requests.splice(0);
			violations.splice(0);
			updates.splice(0);
			numbers.clear();
			services.clear();
			failures.splice(0);
		},
		close: () => server.close(),
	};
}
