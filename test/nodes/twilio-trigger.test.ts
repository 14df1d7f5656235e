import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { OmnichannelTwilioTrigger } from '../../nodes/OmnichannelTwilioTrigger/OmnichannelTwilioTrigger.node';
import { getLogger, runWebhook } from '../support/n8n-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

const LOCAL = path.resolve(__dirname, '../fixtures/channels/twilio');
const signatures = JSON.parse(readFileSync(path.join(SHARED, 'signatures.json'), 'utf8')) as {
	files: Record<string, { header: string; secret: string; url: string; value: string }>;
	test_secrets: Record<string, string>;
};
const TOKEN = signatures.test_secrets.TWILIO_AUTH_TOKEN;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const ALL_EVENTS = ['message', 'status', 'optout', 'call'];

const shared = (file: string) => readFileSync(path.join(SHARED, file));
const local = (file: string) => readFileSync(path.join(LOCAL, file));

/** Twilio's algorithm written out independently of the adapter: URL + sorted name/value pairs, HMAC-SHA1, base64. */
function sign(url: string, body: Buffer, token = TOKEN): string {
	const pairs = [...new URLSearchParams(body.toString('utf8'))].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
	return createHmac('sha1', token).update(url + pairs.map(([name, value]) => name + value).join('')).digest('base64');
}

interface PostOptions {
	signature?: string;
	publicUrl?: string;
	events?: string[];
	includeRaw?: boolean;
	staticData?: IDataObject;
	webhookBaseUrl?: string;
	webhookId?: string;
	query?: Record<string, string>;
	authToken?: string;
}

function post(body: Buffer, options: PostOptions = {}) {
	const parameters: INodeParameters = {
		events: options.events ?? ALL_EVENTS,
		publicUrl: options.publicUrl ?? '',
		options: options.includeRaw ? { includeRaw: true } : {},
	};
	return runWebhook({
		nodeType: new OmnichannelTwilioTrigger(),
		parameters,
		credentials: { omnichannelTwilioApi: { authType: 'authToken', accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: options.authToken ?? TOKEN } },
		credentialTypes: [new OmnichannelTwilioApi()],
		staticData: options.staticData ?? {},
		webhookBaseUrl: options.webhookBaseUrl,
		webhookId: options.webhookId,
		request: {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.signature ? { 'x-twilio-signature': options.signature } : {}) },
			rawBody: body,
			query: options.query,
		},
	});
}

/** A shared fixture posted to the public URL Twilio signed, with its expected signature. */
function postSigned(file: string, options: PostOptions = {}) {
	const { url, value } = signatures.files[file];
	return post(shared(file), { publicUrl: url, signature: value, ...options });
}

const eventsOf = (result: Awaited<ReturnType<typeof post>>) => (result.items?.[0] ?? []).map((item) => item.json as unknown as CanonicalEvent);

function expectTwimlAck(result: Awaited<ReturnType<typeof post>>) {
	expect(result.statusCode).toBe(200);
	expect(result.headers['content-type']).toContain('text/xml');
	expect(result.responseBody).toBe(EMPTY_TWIML);
}

describe('Omnichannel Twilio Trigger, through n8n', () => {
	const twilioFiles = Object.keys(signatures.files).filter((file) => file.startsWith('twilio-'));

	it('covers every Twilio fixture of the shared folder', () => {
		expect(twilioFiles.sort()).toEqual(['twilio-mms.form', 'twilio-sms-status-undelivered.form', 'twilio-sms-status.form', 'twilio-sms.form', 'twilio-voice-status.form']);
	});

	describe.each(twilioFiles)('%s', (file) => {
		it('with its signature over the public URL: one execution with canonical events, answered with empty TwiML', async () => {
			const result = await postSigned(file);
			expectTwimlAck(result);
			const events = eventsOf(result);
			expect(events).toHaveLength(1);
			for (const event of events) {
				expect(() => canonicalEventSchema.parse(event)).not.toThrow();
				expect(event.provider).toBe('twilio');
				expect(event.raw).toBeUndefined();
			}
		});

		it('with the default port written in the URL (https://host:443/…)', async () => {
			const { url } = signatures.files[file];
			const result = await postSigned(file, { publicUrl: url.replace('https://hooks.example.test/', 'https://hooks.example.test:443/') });
			expectTwimlAck(result);
			expect(eventsOf(result)).toHaveLength(1);
		});

		it('refuses a wrong signature (403), a missing one (401) and a signature over another URL, starting nothing', async () => {
			const { url, value } = signatures.files[file];
			const wrong = await post(shared(file), { publicUrl: url, signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
			const missing = await post(shared(file), { publicUrl: url });
			const otherUrl = await post(shared(file), { signature: value });
			expect([wrong.statusCode, missing.statusCode, otherUrl.statusCode]).toEqual([403, 401, 403]);
			expect([wrong.items, missing.items, otherUrl.items]).toEqual([undefined, undefined, undefined]);
		});
	});

	it('reads each kind of Twilio webhook into the right canonical event', async () => {
		const [sms] = eventsOf(await postSigned('twilio-sms.form'));
		expect(sms).toMatchObject({
			id: 'sms:+15550001234:SM5550123abcdef0123456789abcdef01',
			type: 'message',
			channel: 'sms',
			direction: 'inbound',
			text: 'Hi, I need help with my order #4821',
			from: { identities: [{ kind: 'phone', value: '+15555550123' }] },
			account: '+15550001234',
			to: {},
		});
		const [mms] = eventsOf(await postSigned('twilio-mms.form'));
		expect(mms.attachments).toEqual([
			{
				type: 'image',
				mimeType: 'image/jpeg',
				url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM5550123abcdef0123456789abcdef02/Media/ME5550123abcdef0123456789abcdef04',
			},
		]);
		const [delivered] = eventsOf(await postSigned('twilio-sms-status.form'));
		expect(delivered).toMatchObject({ type: 'status', status: 'delivered', direction: 'outbound', to: { identities: [{ kind: 'phone', value: '+15555550123' }] } });
		const [undelivered] = eventsOf(await postSigned('twilio-sms-status-undelivered.form'));
		expect(undelivered).toMatchObject({ type: 'status', status: 'failed', error: { code: 30003 }, thread: { messageId: 'SM5550123abcdef0123456789abcdef06' } });
		const [call] = eventsOf(await postSigned('twilio-voice-status.form'));
		expect(call).toMatchObject({ type: 'call', channel: 'voice', action: { payload: 'completed' }, to: { identities: [{ kind: 'phone', value: '+15555550123' }] } });
	});

	it('uses n8n’s own webhook URL when no public URL is set, with and without the default port', async () => {
		const body = shared('twilio-sms.form');
		const plain = await post(body, { webhookBaseUrl: 'https://hooks.example.test/twilio', webhookId: 'sms', signature: sign('https://hooks.example.test/twilio/sms/webhook', body) });
		expect(plain.webhookUrl).toBe('https://hooks.example.test/twilio/sms/webhook');
		expectTwimlAck(plain);
		expect(eventsOf(plain)).toHaveLength(1);

		const withPort = await post(body, { webhookBaseUrl: 'https://hooks.example.test/twilio', webhookId: 'sms', signature: sign('https://hooks.example.test:443/twilio/sms/webhook', body) });
		expectTwimlAck(withPort);

		const n8nSaysPort = await post(body, { webhookBaseUrl: 'https://hooks.example.test:443/twilio', webhookId: 'sms', signature: sign('https://hooks.example.test/twilio/sms/webhook', body) });
		expectTwimlAck(n8nSaysPort);
		expect(eventsOf(n8nSaysPort)).toHaveLength(1);
	});

	it('checks the query string Twilio called the URL with, since Twilio signs it too', async () => {
		const body = shared('twilio-sms.form');
		const publicUrl = 'https://hooks.example.test/twilio/sms';
		const signed = await post(body, { publicUrl, query: { tenant: 'acme' }, signature: sign(`${publicUrl}?tenant=acme`, body) });
		expectTwimlAck(signed);
		const unsignedQuery = await post(body, { publicUrl, query: { tenant: 'acme' }, signature: sign(publicUrl, body) });
		expect(unsignedQuery.statusCode).toBe(403);
	});

	it('refuses a body changed after signing', async () => {
		const { url, value } = signatures.files['twilio-sms.form'];
		const tampered = Buffer.from(shared('twilio-sms.form').toString('utf8').replace('Body=Hi', 'Body=Hello'));
		const result = await post(tampered, { publicUrl: url, signature: value });
		expect(result.statusCode).toBe(403);
		expect(result.items).toBeUndefined();
	});

	it('logs a refusal without the auth token or the signature', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		await post(shared('twilio-sms.form'), { signature: 'guessed-signature' });
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('refused a twilio webhook');
		expect(logged).not.toContain(TOKEN);
		expect(logged).not.toContain('guessed-signature');
		warn.mockRestore();
	});

	it('refuses everything while the credential has no Auth Token (API key sign-in without it)', async () => {
		const result = await postSigned('twilio-sms.form', { authToken: '' });
		expect(result.statusCode).toBe(403);
		expect(result.items).toBeUndefined();
	});

	it('starts nothing for a redelivered webhook, and still answers Twilio with TwiML', async () => {
		const staticData: IDataObject = {};
		const first = await postSigned('twilio-sms.form', { staticData });
		const again = await postSigned('twilio-sms.form', { staticData });
		expect(eventsOf(first)).toHaveLength(1);
		expectTwimlAck(again);
		expect(again.items).toBeUndefined();
		const otherMessage = await postSigned('twilio-mms.form', { staticData });
		expect(eventsOf(otherMessage)).toHaveLength(1);
	});

	describe('consent keywords', () => {
		const url = 'https://hooks.example.test/twilio/sms';
		const postLocal = (file: string) => post(local(file), { publicUrl: url, signature: sign(url, local(file)) });

		it.each([
			['sms-stop.form', 'unsubscribed'],
			['sms-stopall.form', 'unsubscribed'],
			['sms-advanced-optout.form', 'unsubscribed'],
			['sms-start.form', 'subscribed'],
		])('%s is a consent event: %s from every message', async (file, state) => {
			const result = await postLocal(file);
			expectTwimlAck(result);
			const [event] = eventsOf(result);
			expect(event).toMatchObject({ type: 'consent', channel: 'sms', consent: { channel: 'sms', purpose: 'all', state }, from: { identities: [{ kind: 'phone', value: '+15555550123' }] } });
		});

		it('lets consent events through with the choice saved as "optout", and keeps them out without it', async () => {
			expect(eventsOf(await postLocal('sms-stop.form'))).toHaveLength(1);
			const file = 'sms-stop.form';
			const messagesOnly = await post(local(file), { publicUrl: url, signature: sign(url, local(file)), events: ['message'] });
			expect(messagesOnly.items).toBeUndefined();
		});

		it('HELP stays a message, marked as a help request', async () => {
			const [event] = eventsOf(await postLocal('sms-help.form'));
			expect(event).toMatchObject({ type: 'message', text: 'HELP', action: { payload: 'help', title: 'HELP' } });
		});
	});

	it('reads the extra fixtures: WhatsApp messages, button replies, an unanswered inbound call', async () => {
		const url = 'https://hooks.example.test/twilio/sms';
		const run = async (file: string) => eventsOf(await post(local(file), { publicUrl: url, signature: sign(url, local(file)) }));
		expect((await run('whatsapp-inbound.form'))[0]).toMatchObject({ channel: 'whatsapp', type: 'message', from: { name: 'Maria Silva', identities: [{ kind: 'phone', value: '+5511955550123' }] } });
		expect((await run('whatsapp-button-reply.form'))[0]).toMatchObject({ type: 'action', action: { payload: 'confirm_delivery', title: 'Yes' } });
		expect((await run('voice-inbound-busy.form'))[0]).toMatchObject({ type: 'call', direction: 'inbound', status: 'failed', error: { code: 'busy' } });
	});

	it('emits only the chosen kinds of events; the others are acknowledged and start nothing', async () => {
		const statusesOnly = { events: ['status'] };
		const sms = await postSigned('twilio-sms.form', statusesOnly);
		expectTwimlAck(sms);
		expect(sms.items).toBeUndefined();
		expect(eventsOf(await postSigned('twilio-sms-status.form', statusesOnly))[0]).toMatchObject({ type: 'status' });
		expect((await postSigned('twilio-voice-status.form', { events: ['message', 'optout'] })).items).toBeUndefined();
	});

	it('adds the form fields under raw only when Include Raw Payload is on', async () => {
		const [event] = eventsOf(await postSigned('twilio-sms.form', { includeRaw: true }));
		expect(event.raw).toMatchObject({ MessageSid: 'SM5550123abcdef0123456789abcdef01', FromCity: 'SAN FRANCISCO' });
	});

	it('answers 400 to a signed body that is not a Twilio webhook', async () => {
		const url = 'https://hooks.example.test/twilio/sms';
		const body = Buffer.from('hello=world');
		const result = await post(body, { publicUrl: url, signature: sign(url, body) });
		expect(result.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});
});
