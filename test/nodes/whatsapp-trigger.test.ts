import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelWhatsAppTrigger } from '../../nodes/OmnichannelWhatsAppTrigger/OmnichannelWhatsAppTrigger.node';
import { getLogger, runWebhook } from '../support/n8n-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

const LOCAL = path.resolve(__dirname, '../fixtures/channels');

interface Signatures {
	files: Record<string, { header: string; secret?: string; value: string | null }>;
	test_secrets: Record<string, string>;
}
const signatures = JSON.parse(readFileSync(path.join(SHARED, 'signatures.json'), 'utf8')) as Signatures;
const APP_SECRET = signatures.test_secrets.META_APP_SECRET;
const localSignatures = JSON.parse(readFileSync(path.join(LOCAL, 'meta-signatures.json'), 'utf8')) as { secret: string; files: Record<string, { value: string }> };

const VERIFY_TOKEN = 'my-verify-token-42';
const credentials = {
	omnichannelWhatsAppCloudApi: { accessToken: 'EAAG-never-used', appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, phoneNumberId: '106540000000001', apiVersion: 'v26.0', baseUrl: 'https://graph.facebook.com' },
};
const SHARED_FILES = Object.keys(signatures.files).filter((name) => name.startsWith('whatsapp-'));

const post = (body: Buffer, headers: Record<string, string>, extra: { staticData?: IDataObject; parameters?: IDataObject } = {}) =>
	runWebhook({
		nodeType: new OmnichannelWhatsAppTrigger(),
		credentials,
		credentialTypes: [new WhatsAppCloudApi()],
		parameters: extra.parameters as never,
		staticData: extra.staticData ?? {},
		request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody: body },
	});

const handshake = (query: Record<string, string>) =>
	runWebhook({
		nodeType: new OmnichannelWhatsAppTrigger(),
		credentials,
		credentialTypes: [new WhatsAppCloudApi()],
		webhookName: 'setup',
		request: { method: 'GET', query },
	});

const eventsOf = (result: Awaited<ReturnType<typeof post>>) => (result.items?.[0] ?? []).map((item) => item.json as unknown as CanonicalEvent);

describe('Omnichannel WhatsApp Trigger: the shared fixtures through n8n', () => {
	it('has a signed WhatsApp fixture to test', () => {
		expect(SHARED_FILES.length).toBeGreaterThanOrEqual(5);
	});

	it.each(SHARED_FILES)('%s: a good signature starts one execution with canonical events', async (file) => {
		const body = readFileSync(path.join(SHARED, file));
		const result = await post(body, { 'x-hub-signature-256': String(signatures.files[file].value) });
		expect(result.statusCode).toBe(200);
		const events = eventsOf(result);
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) {
			expect(canonicalEventSchema.parse(event)).toEqual(event);
			expect(event).toMatchObject({ channel: 'whatsapp', provider: 'meta', account: '106540000000001', to: {} });
			expect(event.raw).toBeUndefined();
		}
	});

	it.each(SHARED_FILES)('%s: a wrong signature is refused with 403 and starts nothing', async (file) => {
		const body = readFileSync(path.join(SHARED, file));
		const wrong = `sha256=${createHmac('sha256', 'not-the-app-secret').update(body).digest('hex')}`;
		const result = await post(body, { 'x-hub-signature-256': wrong });
		expect(result.statusCode).toBe(403);
		expect(result.items).toBeUndefined();
	});

	it.each(SHARED_FILES)('%s: a missing signature is refused with 401 and starts nothing', async (file) => {
		const result = await post(readFileSync(path.join(SHARED, file)), {});
		expect(result.statusCode).toBe(401);
		expect(result.items).toBeUndefined();
	});

	it('a body changed after signing (re-serialized JSON) is refused', async () => {
		const original = readFileSync(path.join(SHARED, 'whatsapp-text.json'));
		const reserialized = Buffer.from(JSON.stringify(JSON.parse(original.toString('utf8')), null, 1));
		const result = await post(reserialized, { 'x-hub-signature-256': String(signatures.files['whatsapp-text.json'].value) });
		expect(result.statusCode).toBe(403);
		expect(result.items).toBeUndefined();
	});

	it('text: the customer, the text and the message id', async () => {
		const result = await post(readFileSync(path.join(SHARED, 'whatsapp-text.json')), { 'x-hub-signature-256': String(signatures.files['whatsapp-text.json'].value) });
		expect(eventsOf(result)).toEqual([
			expect.objectContaining({
				id: 'whatsapp:106540000000001:wamid.HBgLMTU1NTU1NTAxMjMVAgASGBQzQUYxMjM0NTY3ODlBQkNERUYwMTIA',
				type: 'message',
				direction: 'inbound',
				from: { identities: [{ kind: 'phone', value: '+15555550123' }], name: 'Maria Silva' },
				text: 'Hi, I need help with my order #4821',
			}),
		]);
	});

	it('failed status: the error code and the reason travel with the event', async () => {
		const result = await post(readFileSync(path.join(SHARED, 'whatsapp-status-failed.json')), {
			'x-hub-signature-256': String(signatures.files['whatsapp-status-failed.json'].value),
		});
		const [event] = eventsOf(result);
		expect(event).toMatchObject({ type: 'status', status: 'failed', direction: 'outbound', to: { identities: [{ kind: 'phone', value: '+15555550123' }] } });
		expect(event.error?.code).toBe(131047);
	});

	it('logs a refusal without the App Secret or the signature sent', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		await post(readFileSync(path.join(SHARED, 'whatsapp-text.json')), { 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` });
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		warn.mockRestore();
		expect(logged).toContain('refused a whatsapp webhook');
		expect(logged).not.toContain(APP_SECRET);
		expect(logged).not.toContain('ab'.repeat(32));
	});
});

describe('Omnichannel WhatsApp Trigger: more documented payloads', () => {
	const files = Object.keys(localSignatures.files).filter((name) => name.startsWith('whatsapp/'));
	const signed = (file: string) => post(readFileSync(path.join(LOCAL, file)), { 'x-hub-signature-256': localSignatures.files[file].value });

	it.each(files)('%s is accepted with its signature, and every event is canonical', async (file) => {
		const result = await signed(file);
		expect(result.statusCode).toBe(200);
		for (const event of eventsOf(result)) expect(canonicalEventSchema.parse(event)).toEqual(event);
	});

	it('2026 shape: a customer known only by their business-scoped user id', async () => {
		const [event] = eventsOf(await signed('whatsapp/bsuid-only-text.json'));
		expect(event.from.identities).toEqual([{ kind: 'whatsapp_bsuid', value: 'BR.1502576394655843' }]);
	});

	it('a batch of several messages and statuses becomes one execution with one item each', async () => {
		const result = await signed('whatsapp/batch.json');
		expect(result.items).toHaveLength(1);
		expect(eventsOf(result).length).toBeGreaterThan(1);
	});

	it('a template status update (not a message) answers 200 and starts nothing', async () => {
		const result = await signed('whatsapp/template-status-update.json');
		expect(result.statusCode).toBe(200);
		expect(result.items).toBeUndefined();
	});
});

describe('Omnichannel WhatsApp Trigger: options, redelivery and bad bodies', () => {
	const text = readFileSync(path.join(SHARED, 'whatsapp-text.json'));
	const textSignature = { 'x-hub-signature-256': String(signatures.files['whatsapp-text.json'].value) };
	const status = readFileSync(path.join(SHARED, 'whatsapp-status.json'));
	const statusSignature = { 'x-hub-signature-256': String(signatures.files['whatsapp-status.json'].value) };

	it('a redelivered webhook (same body, same static data) starts nothing the second time, and still answers 200', async () => {
		const staticData: IDataObject = {};
		const first = await post(text, textSignature, { staticData });
		const again = await post(text, textSignature, { staticData });
		expect(eventsOf(first)).toHaveLength(1);
		expect(again.statusCode).toBe(200);
		expect(again.items).toBeUndefined();
	});

	it('"Messages" emits customer messages and skips statuses', async () => {
		const parameters = { events: 'messages' };
		expect(eventsOf(await post(text, textSignature, { parameters }))).toHaveLength(1);
		const skipped = await post(status, statusSignature, { parameters });
		expect(skipped.statusCode).toBe(200);
		expect(skipped.items).toBeUndefined();
	});

	it('"Statuses" emits statuses and skips customer messages, which stay unseen for later', async () => {
		const staticData: IDataObject = {};
		const skipped = await post(text, textSignature, { parameters: { events: 'statuses' }, staticData });
		expect(skipped.items).toBeUndefined();
		expect(eventsOf(await post(status, statusSignature, { parameters: { events: 'statuses' } }))).toEqual([
			expect.objectContaining({ type: 'status', status: 'delivered' }),
		]);
		expect(eventsOf(await post(text, textSignature, { parameters: { events: 'all' }, staticData }))).toHaveLength(1);
	});

	it('"Include Raw Payload" adds the message as WhatsApp sent it', async () => {
		const [event] = eventsOf(await post(text, textSignature, { parameters: { options: { includeRaw: true } } }));
		expect(event.raw).toMatchObject({ from: '15555550123', type: 'text', text: { body: 'Hi, I need help with my order #4821' } });
	});

	it('"Include Our Own Messages" emits coexistence echoes as outbound messages, which are skipped by default', async () => {
		const file = 'whatsapp/smb-message-echo.json';
		const body = readFileSync(path.join(LOCAL, file));
		const headers = { 'x-hub-signature-256': localSignatures.files[file].value };
		expect((await post(body, headers)).items).toBeUndefined();
		const [event] = eventsOf(await post(body, headers, { parameters: { options: { includeEchoes: true } } }));
		expect(event.direction).toBe('outbound');
	});

	it('a signed body that is not a WhatsApp webhook gets 400 and starts nothing', async () => {
		const body = Buffer.from('{"object":"page","entry":[]}');
		const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
		const result = await post(body, { 'x-hub-signature-256': signature });
		expect(result.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});
});

describe('Omnichannel WhatsApp Trigger: Meta\'s verification handshake', () => {
	it('answers the challenge as text/plain when the verify token matches', async () => {
		const result = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
		expect(result.statusCode).toBe(200);
		expect(result.headers['content-type']).toContain('text/plain');
		expect(result.rawResponseBody.toString()).toBe('1158201444');
		expect(result.items).toBeUndefined();
	});

	it.each([
		['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1158201444' }],
		['a mode other than subscribe', { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }],
		['no verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }],
		['no query at all', {}],
	])('refuses %s with 403, without echoing the challenge', async (_case, query) => {
		const result = await handshake(query as Record<string, string>);
		expect(result.statusCode).toBe(403);
		expect(result.rawResponseBody.toString()).not.toContain('1158201444');
		expect(result.items).toBeUndefined();
	});
});
