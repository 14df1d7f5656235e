import type { HttpClient, HttpRequest, HttpResponse } from '../../http/http-client';
import { sendWithRetry, type RetryPolicy } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { messagingBaseUrl, twilioAccountUrl } from './api-urls';
import type { TwilioApiConfig } from './outbound';
import { twilioSendError } from './send-errors';

/**
 * Where Twilio sends a number's or a Messaging Service's webhooks, set through the REST API:
 * - a number: `POST /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json` with
 *   SmsUrl/SmsMethod (incoming messages) and StatusCallback/StatusCallbackMethod (call
 *   statuses); the number is found by `GET IncomingPhoneNumbers.json?PhoneNumber=+E164`;
 * - a Messaging Service: `POST https://messaging.twilio.com/v1/Services/{Sid}` with
 *   InboundRequestUrl/InboundMethod/UseInboundWebhookOnNumber=false (incoming messages of all
 *   its numbers) and StatusCallback (statuses of the messages it sends).
 * What was there before is remembered and put back on deactivation, where Twilio still
 * holds what activation set.
 */

/** One setting Twilio takes as a form field and returns as a JSON property. */
interface CallbackField {
	form: string;
	json: string;
	value: string;
}

/** Fields set together; the first one is the URL that tells whether they are still ours. */
export type CallbackGroup = CallbackField[];

export interface TwilioCallbackResource {
	/** "phone number +14155550100", for messages. */
	label: string;
	url: string;
	/** The resource's URL with the SID; a number is found by its E.164 first. Deactivation uses the one activation stored. */
	locate(): Promise<string>;
}

export interface TwilioCallbackState {
	[key: string]: string | Record<string, string>;
	resourceUrl: string;
	url: string;
	/** The earlier value of every form field activation set. */
	previous: Record<string, string>;
}

const SETUP_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000 };

export function numberCallbackGroups(url: string, choice: { incoming: boolean; callStatus: boolean }): CallbackGroup[] {
	return [
		...(choice.incoming ? [[{ form: 'SmsUrl', json: 'sms_url', value: url }, { form: 'SmsMethod', json: 'sms_method', value: 'POST' }]] : []),
		...(choice.callStatus ? [[{ form: 'StatusCallback', json: 'status_callback', value: url }, { form: 'StatusCallbackMethod', json: 'status_callback_method', value: 'POST' }]] : []),
	];
}

export function serviceCallbackGroups(url: string, choice: { incoming: boolean; messageStatus: boolean }): CallbackGroup[] {
	return [
		...(choice.incoming
			? [
					[
						{ form: 'InboundRequestUrl', json: 'inbound_request_url', value: url },
						{ form: 'InboundMethod', json: 'inbound_method', value: 'POST' },
						// Otherwise each number's own SMS URL wins over the service's.
						{ form: 'UseInboundWebhookOnNumber', json: 'use_inbound_webhook_on_number', value: 'false' },
					],
				]
			: []),
		...(choice.messageStatus ? [[{ form: 'StatusCallback', json: 'status_callback', value: url }]] : []),
	];
}

function setupError(response: HttpResponse, action: string, label: string): ProviderError {
	const error = twilioSendError(response, action);
	if (response.status !== 404) return error;
	return new ProviderError('twilio', error.message, {
		...error.details,
		hint: `Twilio has no ${label} in this account. Check it in the trigger, and that the credential's Account SID is the account that owns it.`,
	});
}

async function call<T>(client: HttpClient, request: HttpRequest, action: string, label: string): Promise<T> {
	let response: HttpResponse<T>;
	try {
		response = await sendWithRetry<T>(client, request, SETUP_RETRY);
	} catch (error) {
		throw new ProviderError('twilio', `Could not reach Twilio to ${action}: ${(error as Error).message}`, {
			hint: 'Check the Base URL in the Omnichannel Twilio credential (normally https://api.twilio.com) and that this n8n server can reach the internet.',
		});
	}
	if (response.status < 200 || response.status >= 300) throw setupError(response, action, label);
	return response.body;
}

const asText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** A number of the account, found by its E.164 (GET IncomingPhoneNumbers.json?PhoneNumber=). */
export function incomingNumber(client: HttpClient, config: TwilioApiConfig, phoneNumber: string, url: string): TwilioCallbackResource {
	const label = `phone number ${phoneNumber}`;
	return {
		label,
		url,
		async locate() {
			const body = await call<{ incoming_phone_numbers?: Array<Record<string, unknown>> }>(
				client,
				{ method: 'GET', url: twilioAccountUrl(config, '/IncomingPhoneNumbers.json'), query: { PhoneNumber: phoneNumber } },
				`find the ${label}`,
				label,
			);
			const found = (body?.incoming_phone_numbers ?? []).find((number) => number.phone_number === phoneNumber);
			if (!found) {
				throw new ProviderError('twilio', `The ${label} is not a number of this Twilio account`, {
					hint: 'Write the number as Twilio shows it under Phone Numbers > Manage > Active numbers, with + and the country code, and check that the credential is for the account that owns it.',
				});
			}
			return twilioAccountUrl(config, `/IncomingPhoneNumbers/${encodeURIComponent(String(found.sid))}.json`);
		},
	};
}

export function messagingService(client: HttpClient, config: TwilioApiConfig, serviceSid: string, url: string): TwilioCallbackResource {
	return { label: `Messaging Service ${serviceSid}`, url, locate: async () => `${messagingBaseUrl(config)}/v1/Services/${encodeURIComponent(serviceSid)}` };
}

async function read(client: HttpClient, resource: TwilioCallbackResource, resourceUrl: string): Promise<Record<string, unknown>> {
	return await call<Record<string, unknown>>(client, { method: 'GET', url: resourceUrl }, `read the ${resource.label}`, resource.label);
}

/** Whether every field of every group holds what the trigger needs. */
export async function callbacksPointHere(client: HttpClient, resource: TwilioCallbackResource, groups: CallbackGroup[]): Promise<boolean> {
	const current = await read(client, resource, await resource.locate());
	return groups.every((group) => group.every((field) => asText(current[field.json]) === field.value));
}

export async function registerCallbacks(client: HttpClient, resource: TwilioCallbackResource, groups: CallbackGroup[]): Promise<TwilioCallbackState> {
	const resourceUrl = await resource.locate();
	const current = await read(client, resource, resourceUrl);
	const fields = groups.flat();
	const previous = Object.fromEntries(fields.map((field) => [field.form, asText(current[field.json])]));
	const form = Object.fromEntries(fields.map((field) => [field.form, field.value]));
	await call(client, { method: 'POST', url: resourceUrl, form }, `send the ${resource.label}'s webhooks here`, resource.label);
	return { resourceUrl, url: resource.url, previous };
}

/** Puts back the earlier values of each group whose URL still points at this trigger; `groups` may be wider than what was set. */
export async function unregisterCallbacks(client: HttpClient, resource: TwilioCallbackResource, groups: CallbackGroup[], state: TwilioCallbackState): Promise<void> {
	const current = await read(client, resource, state.resourceUrl);
	const form: Record<string, string> = {};
	for (const group of groups) {
		if (asText(current[group[0].json]) !== state.url) continue;
		for (const field of group) {
			if (!(field.form in state.previous)) continue;
			// An empty URL clears it; an empty method is not one, and Twilio keeps its default.
			if (field.form.endsWith('Method') && !state.previous[field.form]) continue;
			form[field.form] = state.previous[field.form];
		}
	}
	if (Object.keys(form).length === 0) return;
	await call(client, { method: 'POST', url: state.resourceUrl, form }, `put the ${resource.label}'s webhooks back`, resource.label);
}
