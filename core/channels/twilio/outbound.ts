import type { Attachment, CanonicalEvent } from '../../model';
import type { HttpClient } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type RetryPolicy } from '../../http/retry';
import { normalizePhone } from '../../identifiers/phone';
import { outboundEvent } from '../outbound-event';
import { isTwilioMessageResource, twilioMessageResourceEvent, type TwilioMessageResource } from './message-resource';
import { twilioSendError } from './send-errors';
import { twilioAccountUrl } from './api-urls';

/** Where and as whom to call Twilio; the credential itself is applied by the HttpClient. */
export interface TwilioApiConfig {
	accountSid: string;
	/** Default https://api.twilio.com; overridable for tests and regional edges. */
	baseUrl?: string;
	retry?: RetryPolicy;
}

/** One SMS, MMS or WhatsApp message to send. */
export interface TwilioMessageInput {
	/** The customer's number in any format; national formats need `defaultCountry`. A `whatsapp:` prefix selects WhatsApp. */
	to: string;
	/** Two-letter country code for numbers written without + and country code. */
	defaultCountry?: string;
	/** Our sender: a Twilio number (any format) or an alphanumeric sender ID. */
	from?: string;
	/** A Messaging Service (MG…) that picks the sender; used instead of `from`. */
	messagingServiceSid?: string;
	body?: string;
	/** Public URLs of images, audio, video or PDFs (MMS, WhatsApp media). */
	mediaUrls?: string[];
	/** Where Twilio posts the delivery status (the Omnichannel Twilio Trigger's URL). */
	statusCallback?: string;
	/** Send on WhatsApp through Twilio: both addresses get the `whatsapp:` prefix. */
	whatsapp?: boolean;
	/** An approved Content Template (HX…), needed on WhatsApp outside the 24-hour window. */
	contentSid?: string;
	/** The template's variables as JSON text, e.g. {"1":"Ana"}. */
	contentVariables?: string;
	includeRaw?: boolean;
}

/** A message that cannot be sent as asked; the text says which field to fix. */
class TwilioInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TwilioInputError';
	}
}

const MAX_MEDIA = 10;
const WHATSAPP_PREFIX = /^whatsapp:/i;
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;
const CONTENT_SID = /^HX[0-9a-f]{32}$/i;
const MESSAGE_SID = /^(SM|MM)[0-9a-z]{16,40}$/i;

function apiUrl(config: TwilioApiConfig, path: string): string {
	if (!/^AC[0-9a-f]{32}$/i.test(config.accountSid.trim())) {
		throw new TwilioInputError('The Account SID in the credential is not valid: it starts with AC followed by 32 letters and digits (Twilio Console > Account info)');
	}
	return twilioAccountUrl(config, path);
}

function phoneOrFail(field: string, value: string, defaultCountry?: string): string {
	const result = normalizePhone(value, defaultCountry);
	if (!result.ok) throw new TwilioInputError(`${field}: ${result.reason}`);
	return result.value;
}

/** Our sender: a phone number is normalized; an alphanumeric sender ID or a short code is kept as written. */
function sender(from: string, defaultCountry?: string): string {
	if (/[a-z]/i.test(from) || /^\d{3,8}$/.test(from)) return from;
	return phoneOrFail('From', from, defaultCountry);
}

function attachmentType(url: string): Attachment['type'] {
	const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
	if (['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp'].includes(extension)) return 'image';
	if (['mp4', '3gp', 'mov', 'mpeg', 'webm'].includes(extension)) return 'video';
	if (['mp3', 'ogg', 'amr', 'm4a', 'wav', 'aac', 'opus'].includes(extension)) return 'audio';
	return 'document';
}

function mediaUrls(urls: string[] | undefined, whatsapp: boolean): string[] {
	const list = (urls ?? []).map((url) => url.trim()).filter(Boolean);
	for (const url of list) {
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !/^https?:$/.test(parsed.protocol)) throw new TwilioInputError(`Media URLs: "${url}" is not a public http(s) address`);
	}
	const max = whatsapp ? 1 : MAX_MEDIA;
	if (list.length > max) throw new TwilioInputError(`Media URLs: ${list.length} given, but Twilio accepts at most ${max} per ${whatsapp ? 'WhatsApp ' : ''}message`);
	return list;
}

/** Checks the message and builds the form Twilio's Messages API expects. */
function twilioMessageForm(input: TwilioMessageInput): { form: Record<string, string | string[]>; to: string; whatsapp: boolean; media: string[]; account: string } {
	const rawTo = (input.to ?? '').trim();
	if (!rawTo) throw new TwilioInputError('To is empty: give the customer\'s phone number, e.g. +5511987654321');
	const whatsapp = Boolean(input.whatsapp) || WHATSAPP_PREFIX.test(rawTo);
	const prefix = whatsapp ? 'whatsapp:' : '';
	const to = phoneOrFail('To', rawTo.replace(WHATSAPP_PREFIX, '').trim(), input.defaultCountry);
	const form: Record<string, string | string[]> = { To: prefix + to };

	const service = (input.messagingServiceSid ?? '').trim();
	const from = (input.from ?? '').trim().replace(WHATSAPP_PREFIX, '').trim();
	let account: string;
	if (service) {
		if (!MESSAGING_SERVICE_SID.test(service)) throw new TwilioInputError(`Messaging Service SID "${service}" is not valid: it starts with MG followed by 32 letters and digits`);
		form.MessagingServiceSid = service;
		account = service;
	} else if (from) {
		account = sender(from, input.defaultCountry);
		form.From = prefix + account;
	} else {
		throw new TwilioInputError('No sender: give a From number (one of your Twilio numbers) or a Messaging Service SID');
	}

	const body = input.body ?? '';
	const media = mediaUrls(input.mediaUrls, whatsapp);
	const contentSid = (input.contentSid ?? '').trim();
	if (contentSid) {
		if (!CONTENT_SID.test(contentSid)) throw new TwilioInputError(`Content Template SID "${contentSid}" is not valid: it starts with HX followed by 32 letters and digits`);
		form.ContentSid = contentSid;
		const variables = (input.contentVariables ?? '').trim();
		if (variables) {
			try {
				JSON.parse(variables);
			} catch {
				throw new TwilioInputError('Content Variables must be JSON, e.g. {"1":"Ana","2":"12/1"}');
			}
			form.ContentVariables = variables;
		}
	} else if (body.trim() === '' && media.length === 0) {
		throw new TwilioInputError('The message is empty: write a Message, or give a Media URL');
	}
	if (body !== '') form.Body = body;
	if (media.length > 0) form.MediaUrl = media;
	const callback = (input.statusCallback ?? '').trim();
	if (callback) {
		if (!/^https?:\/\//i.test(callback)) throw new TwilioInputError(`Status Callback URL "${callback}" must be an http(s) address`);
		form.StatusCallback = callback;
	}
	return { form, to, whatsapp, media, account };
}

/**
 * Sends one SMS, MMS or WhatsApp message with Twilio's Messages API, retrying when Twilio
 * rate limits (20429) or fails, and returns the canonical outbound event of what was sent:
 * the customer's phone in `to.identities`, our number or Messaging Service in `account`,
 * the message SID as `externalId`.
 */
export async function sendTwilioMessage(client: HttpClient, config: TwilioApiConfig, input: TwilioMessageInput): Promise<CanonicalEvent> {
	const { form, to, whatsapp, media, account } = twilioMessageForm(input);
	const response = await sendWithRetry<TwilioMessageResource>(
		client,
		{ method: 'POST', url: apiUrl(config, '/Messages.json'), form, headers: { accept: 'application/json' } },
		config.retry ?? DEFAULT_RETRY_POLICY,
	);
	if (response.status >= 400 || !isTwilioMessageResource(response.body)) throw twilioSendError(response, 'send the message');
	const event = outboundEvent({
		channel: whatsapp ? 'whatsapp' : 'sms',
		provider: 'twilio',
		externalId: response.body.sid,
		account,
		identities: [{ kind: 'phone', value: to }],
	});
	if (typeof form.Body === 'string') event.text = form.Body;
	if (media.length > 0) event.attachments = media.map((url) => ({ type: attachmentType(url), url }));
	if (input.includeRaw) event.raw = response.body;
	return event;
}

/** Looks a message up by its SID (SM… or MM…): its canonical event, with the delivery status once known. */
export async function getTwilioMessage(client: HttpClient, config: TwilioApiConfig, messageSid: string, includeRaw = false): Promise<CanonicalEvent> {
	const sid = (messageSid ?? '').trim();
	if (!MESSAGE_SID.test(sid)) throw new TwilioInputError(`Message SID "${sid}" is not valid: a message SID starts with SM or MM followed by letters and digits`);
	const response = await sendWithRetry<TwilioMessageResource>(
		client,
		{ method: 'GET', url: apiUrl(config, `/Messages/${sid}.json`), headers: { accept: 'application/json' } },
		config.retry ?? DEFAULT_RETRY_POLICY,
	);
	if (response.status >= 400 || !isTwilioMessageResource(response.body)) throw twilioSendError(response, 'find the message');
	return twilioMessageResourceEvent(response.body, includeRaw);
}
