/**
 * Webhook requests as the providers send them: bodies in their documented shapes (the
 * channel fixtures of test/fixtures/shared/channels, with the message's own ids and text),
 * signed the way each provider signs, with the example credentials' secrets. For the demo
 * and the end-to-end tests, which play the providers against a real n8n.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mailgunSignature } from '../../core/channels/mailgun/signature';
import { hubSpotSignature, HUBSPOT_SIGNATURE_HEADER, HUBSPOT_TIMESTAMP_HEADER } from '../../core/crm/hubspot/webhook';
import { twilioSignature } from '../../core/channels/twilio/signature';
import { EXAMPLE_ACCOUNTS, EXAMPLE_HUBSPOT, EXAMPLE_PIPEDRIVE_WEBHOOK, EXAMPLE_WEBHOOK_KEYS, testSecrets } from './example-credentials';

const SHARED = join(__dirname, '../../test/fixtures/shared/channels');

export interface ProviderRequest {
	/** What it is, for messages, e.g. "Instagram DM". */
	label: string;
	contentType: string;
	body: Buffer;
	headers: Record<string, string>;
}

type Json = Record<string, any>;

function fixture(file: string): Json {
	return JSON.parse(readFileSync(join(SHARED, file), 'utf8')) as Json;
}

const unique = () => randomBytes(9).toString('hex').toUpperCase();

/** Meta's signature: sha256= + hex HMAC-SHA256 of the exact body with the App Secret. */
export function metaSignature(body: Buffer, appSecret = testSecrets().META_APP_SECRET): string {
	return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

function metaRequest(label: string, json: Json): ProviderRequest {
	const body = Buffer.from(JSON.stringify(json));
	return { label, contentType: 'application/json', body, headers: { 'x-hub-signature-256': metaSignature(body) } };
}

/** A message from `senderId` to our Page or Instagram account, in a Messenger Platform webhook (`messaging` entries). */
function metaMessagingRequest(label: string, file: string, accountId: string, mid: string, input: { senderId: string; text: string }): ProviderRequest {
	const json = fixture(file);
	const now = Date.now();
	const event = json.entry[0].messaging[0];
	json.entry[0].id = accountId;
	json.entry[0].time = now;
	event.sender.id = input.senderId;
	event.recipient.id = accountId;
	event.timestamp = now;
	event.message = { mid, text: input.text };
	return metaRequest(label, json);
}

/** A direct message to the example Instagram account (Instagram Messaging webhook, `object: instagram`). */
export function instagramMessage(input: { senderId: string; text: string }): ProviderRequest {
	return metaMessagingRequest('Instagram DM', 'instagram-text.json', EXAMPLE_ACCOUNTS.instagramAccountId, `aWdfZAG1faXRlbToxOklHTWVzc2FnZA${unique()}`, input);
}

/** A message to the example Messenger Page (`object: page`). */
export function messengerMessage(input: { senderId: string; text: string }): ProviderRequest {
	return metaMessagingRequest('Messenger message', 'messenger-text.json', EXAMPLE_ACCOUNTS.pageId, `m_${unique()}`, input);
}

/** A text message to the example WhatsApp Cloud API number, from `waId` (country code and digits). */
export function whatsAppMessage(input: { waId: string; name: string; text: string }): ProviderRequest {
	const json = fixture('whatsapp-text.json');
	const value = json.entry[0].changes[0].value;
	json.entry[0].id = EXAMPLE_ACCOUNTS.whatsappBusinessAccountId;
	value.metadata = { display_phone_number: EXAMPLE_ACCOUNTS.twilioNumber.replace('+', ''), phone_number_id: EXAMPLE_ACCOUNTS.whatsappPhoneNumberId };
	value.contacts = [{ profile: { name: input.name }, wa_id: input.waId }];
	value.messages = [{ from: input.waId, id: `wamid.${unique()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: input.text } }];
	return metaRequest('WhatsApp message', json);
}

/** An inbound e-mail as Postmark posts it, with the example credential's Basic auth. */
export function postmarkEmail(input: { from: string; name: string; subject: string; text: string }): ProviderRequest {
	const json = fixture('email-inbound-postmark.json');
	const inbound = 'support@inbound.acme.example';
	Object.assign(json, {
		FromName: input.name,
		From: input.from,
		FromFull: { Email: input.from, Name: input.name, MailboxHash: '' },
		To: `"Acme Support" <${inbound}>`,
		ToFull: [{ Email: inbound, Name: 'Acme Support', MailboxHash: '' }],
		OriginalRecipient: inbound,
		MailboxHash: '',
		Subject: input.subject,
		MessageID: `${unique().toLowerCase()}-demo`,
		Date: new Date().toUTCString().replace('GMT', '+0000'),
		TextBody: `${input.text}\r\n`,
		HtmlBody: `<html><body><p>${input.text}</p></body></html>`,
		StrippedTextReply: input.text,
		Attachments: [],
	});
	json.Headers = [
		{ Name: 'Message-ID', Value: `<${json.MessageID}@mail.example.com>` },
		{ Name: 'Return-Path', Value: `<${input.from}>` },
	];
	const body = Buffer.from(JSON.stringify(json));
	return { label: 'E-mail', contentType: 'application/json', body, headers: { authorization: postmarkAuthorization() } };
}

/** The Basic auth Postmark sends when its webhook URL carries the example user and password. */
export function postmarkAuthorization(user = 'postmark', password = 'example-inbound-password'): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * A property of a HubSpot contact changed, as the example HubSpot app's webhook posts it (the
 * fixture's shape), signed with HubSpot's v3 signature for `url` with the app's client secret
 * (another secret when `clientSecret` says so).
 */
export function hubspotPropertyChange(input: { url: string; contactId: string; property: string; value: string; clientSecret?: string }): ProviderRequest {
	const [event] = JSON.parse(readFileSync(join(__dirname, '../../test/fixtures/crm/hubspot/webhook-contact-propertyChange.payload.json'), 'utf8')) as Json[];
	const body = Buffer.from(JSON.stringify([{ ...event, eventId: Number.parseInt(unique().slice(0, 8), 16), occurredAt: Date.now(), objectId: Number(input.contactId), propertyName: input.property, propertyValue: input.value }]));
	const timestamp = String(Date.now());
	const signature = hubSpotSignature(input.clientSecret ?? EXAMPLE_HUBSPOT.clientSecret, 'POST', input.url, body, timestamp);
	return { label: 'HubSpot contact change', contentType: 'application/json', body, headers: { [HUBSPOT_SIGNATURE_HEADER]: signature, [HUBSPOT_TIMESTAMP_HEADER]: timestamp } };
}

/** A Pipedrive person whose e-mail changed, as a webhook of version 2.0 posts it (the fixture's shape), with the example webhook's basic auth. */
export function pipedrivePersonChange(input: { personId: number; email: string; password?: string }): ProviderRequest {
	const json = JSON.parse(readFileSync(join(__dirname, '../../test/fixtures/crm/pipedrive/webhook-v2-person-change.payload.json'), 'utf8')) as Json;
	json.meta = { ...json.meta, id: Number.parseInt(unique().slice(0, 8), 16), entity_id: input.personId, timestamp: Math.floor(Date.now() / 1000) };
	json.data = { ...json.data, id: input.personId, emails: [{ label: 'work', value: input.email, primary: true }] };
	json.previous = { emails: [] };
	const login = Buffer.from(`${EXAMPLE_PIPEDRIVE_WEBHOOK.user}:${input.password ?? EXAMPLE_PIPEDRIVE_WEBHOOK.password}`).toString('base64');
	return { label: 'Pipedrive person change', contentType: 'application/json', body: Buffer.from(JSON.stringify(json)), headers: { authorization: `Basic ${login}` } };
}

/** An incoming SMS to the example Twilio number, signed for `url` (the URL Twilio calls) with the example auth token. */
export function twilioSms(input: { from: string; text: string; url: string }): ProviderRequest {
	const sid = `SM${randomBytes(16).toString('hex')}`;
	const pairs: [string, string][] = [
		['ToCountry', 'US'],
		['SmsMessageSid', sid],
		['NumMedia', '0'],
		['SmsSid', sid],
		['SmsStatus', 'received'],
		['Body', input.text],
		['To', EXAMPLE_ACCOUNTS.twilioNumber],
		['NumSegments', '1'],
		['MessageSid', sid],
		['AccountSid', EXAMPLE_ACCOUNTS.twilioAccountSid],
		['From', input.from],
		['ApiVersion', '2010-04-01'],
	];
	const body = Buffer.from(new URLSearchParams(pairs).toString());
	return { label: 'SMS', contentType: 'application/x-www-form-urlencoded', body, headers: { 'x-twilio-signature': twilioSignature(testSecrets().TWILIO_AUTH_TOKEN, input.url, pairs) } };
}

/**
 * An e-mail as a Mailgun route forwards it (urlencoded, "fully parsed"), signed as Mailgun
 * signs: `signature` is the hex HMAC-SHA256 of `timestamp` + `token` under the webhook
 * signing key (the example credential's unless `signingKey` says otherwise), with a fresh
 * token each time since the trigger refuses a token it has seen.
 */
export function mailgunEmail(input: { from: string; name: string; subject: string; text: string; signingKey?: string }): ProviderRequest {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const token = randomBytes(25).toString('hex');
	const messageId = `<${unique().toLowerCase()}@mail.example.com>`;
	const date = new Date().toUTCString().replace('GMT', '+0000');
	const pairs: [string, string][] = [
		['recipient', 'support@mg.acme.example'],
		['sender', input.from],
		['from', `"${input.name}" <${input.from}>`],
		['subject', input.subject],
		['Date', date],
		['Message-Id', messageId],
		['message-headers', JSON.stringify([['From', `"${input.name}" <${input.from}>`], ['Date', date], ['Message-Id', messageId], ['Subject', input.subject]])],
		['body-plain', `${input.text}\r\n`],
		['stripped-text', input.text],
		['attachment-count', '0'],
		['timestamp', timestamp],
		['token', token],
		['signature', mailgunSignature(input.signingKey ?? EXAMPLE_WEBHOOK_KEYS.mailgunSigningKey, timestamp, token)],
	];
	return { label: 'E-mail (Mailgun)', contentType: 'application/x-www-form-urlencoded', body: Buffer.from(new URLSearchParams(pairs).toString()), headers: {} };
}

/** The same Mailgun post with one of its form fields replaced, or removed when `value` is undefined: Mailgun signs in the body, not a header. */
export function withFormField(request: ProviderRequest, name: string, value: string | undefined): ProviderRequest {
	const fields = new URLSearchParams(request.body.toString('utf8'));
	if (value === undefined) fields.delete(name);
	else fields.set(name, value);
	return { ...request, body: Buffer.from(fields.toString()) };
}

/**
 * Evolution's webhook JWT, as Evolution makes it (jsonwebtoken, HS256) when the instance's
 * webhook has a `jwt_key`: `{ iat, exp: iat + 600, app: "evolution", action: "webhook" }`.
 */
export function evolutionJwt(jwtKey: string = EXAMPLE_WEBHOOK_KEYS.evolutionJwtKey): string {
	const iat = Math.floor(Date.now() / 1000);
	const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
	const payload = Buffer.from(JSON.stringify({ iat, exp: iat + 600, app: 'evolution', action: 'webhook' })).toString('base64url');
	return `${header}.${payload}.${createHmac('sha256', jwtKey).update(`${header}.${payload}`).digest('base64url')}`;
}

/** A WhatsApp text message to the example Evolution instance (`messages.upsert`), with the Bearer JWT of the example jwt_key. */
export function evolutionMessage(input: { phone: string; name: string; text: string }): ProviderRequest {
	const json = fixture('evolution-messages-upsert.json');
	const now = Date.now();
	json.instance = EXAMPLE_ACCOUNTS.evolutionInstance;
	json.data.key = { remoteJid: `${input.phone}@s.whatsapp.net`, fromMe: false, id: `3EB0${unique()}`, addressingMode: 'pn' };
	json.data.pushName = input.name;
	json.data.message = { conversation: input.text };
	json.data.messageTimestamp = Math.floor(now / 1000);
	json.date_time = new Date(now).toISOString();
	const body = Buffer.from(JSON.stringify(json));
	return { label: 'WhatsApp message (Evolution API)', contentType: 'application/json', body, headers: { authorization: `Bearer ${evolutionJwt()}` } };
}

/** A Telegram update (a private text message), carrying the secret token the bot's webhook was registered with. */
export function telegramMessage(input: { userId: number; firstName: string; text: string; secretToken: string; updateId?: number }): ProviderRequest {
	const json = fixture('telegram-text.json');
	json.update_id = input.updateId ?? Math.floor(Date.now() / 1000) * 10 + Math.floor(Math.random() * 10);
	json.message.message_id = Math.floor(Math.random() * 1_000_000);
	json.message.from = { id: input.userId, is_bot: false, first_name: input.firstName };
	json.message.chat = { id: input.userId, first_name: input.firstName, type: 'private' };
	json.message.date = Math.floor(Date.now() / 1000);
	json.message.text = input.text;
	const body = Buffer.from(JSON.stringify(json));
	return { label: 'Telegram message', contentType: 'application/json', body, headers: { 'x-telegram-bot-api-secret-token': input.secretToken } };
}

/** The same request with a header replaced, or removed when `value` is undefined: for refusal checks. */
export function withHeader(request: ProviderRequest, name: string, value: string | undefined): ProviderRequest {
	const headers = { ...request.headers };
	if (value === undefined) delete headers[name];
	else headers[name] = value;
	return { ...request, headers };
}

/** POSTs the request to a webhook URL; returns n8n's answer. */
export async function deliver(url: string, request: ProviderRequest, timeoutMs = 30_000): Promise<{ status: number; body: string }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': request.contentType, ...request.headers }, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
	return { status: response.status, body: await response.text() };
}
