import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelTelegramApi } from '../../credentials/OmnichannelTelegramApi.credentials';
import { OmnichannelTelegramTrigger } from '../../nodes/OmnichannelTelegramTrigger/OmnichannelTelegramTrigger.node';
import { getLogger, runWebhook, runWebhookLifecycle } from '../support/n8n-harness';
import { botApiFixture, startFakeBotApi, type FakeBotApi } from '../support/telegram-bot-api';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

const OWN = join(__dirname, '../fixtures/channels/telegram');
const SIGNATURES = JSON.parse(readFileSync(join(SHARED, 'signatures.json'), 'utf8')) as { test_secrets: { TELEGRAM_SECRET_TOKEN: string } };
const SECRET = SIGNATURES.test_secrets.TELEGRAM_SECRET_TOKEN;
const TOKEN = '5550009999:AAFakeTokenForTests_0123456789abcdef';
const NODE = 'Omnichannel Telegram Trigger';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';

const shared = (name: string) => readFileSync(join(SHARED, name));
const own = (name: string) => readFileSync(join(OWN, name));

/** Waits until `condition` holds, for calls the trigger makes without waiting for them. */
async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('Omnichannel Telegram Trigger through n8n', () => {
	let api: FakeBotApi;
	beforeAll(async () => {
		api = await startFakeBotApi(TOKEN);
	});
	afterAll(async () => await api.close());
	beforeEach(() => api.reset());
	afterEach(() => jest.restoreAllMocks());

	const registered = (): IDataObject => ({ [`node:${NODE}`]: { secretToken: SECRET } });
	const unregistered = (): IDataObject => ({ [`node:${NODE}`]: {} });
	const credentials = () => ({ omnichannelTelegramApi: { accessToken: TOKEN, baseUrl: api.url } });
	const post = (body: Buffer, headers: Record<string, string>, options: { parameters?: INodeParameters; staticData?: IDataObject } = {}) =>
		runWebhook({
			nodeType: new OmnichannelTelegramTrigger(),
			parameters: options.parameters ?? {},
			credentials: credentials(),
			credentialTypes: [new OmnichannelTelegramApi()],
			staticData: options.staticData ?? registered(),
			request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody: body },
		});
	const signed = { 'x-telegram-bot-api-secret-token': SECRET };

	describe('every Telegram fixture', () => {
		const fixtures = [
			...readdirSync(SHARED).filter((name) => name.startsWith('telegram-')).map((name) => ({ name, body: shared(name) })),
			...readdirSync(OWN).filter((name) => name.endsWith('.json')).map((name) => ({ name, body: own(name) })),
		];
		// Updates that are not messages, edits or button presses (a member change) start nothing.
		const expected: Record<string, number> = { 'my-chat-member.json': 0 };

		it.each(fixtures.map((fixture) => [fixture.name, fixture.body] as const))('%s: accepted with the secret, refused without it or with a wrong one', async (name, body) => {
			const good = await post(body, signed, { parameters: { options: { answerCallbacks: false } } });
			const wrong = await post(body, { 'x-telegram-bot-api-secret-token': `${SECRET}x` });
			const missing = await post(body, {});
			expect([good.statusCode, wrong.statusCode, missing.statusCode]).toEqual([200, 403, 401]);
			expect(good.items?.[0]?.length ?? 0).toBe(expected[name] ?? 1);
			for (const item of good.items?.[0] ?? []) expect(canonicalEventSchema.safeParse(item.json).success).toBe(true);
			expect(wrong.items).toBeUndefined();
			expect(missing.items).toBeUndefined();
		});

		it('covers the shared fixtures and the extra ones', () => {
			expect(fixtures.map((fixture) => fixture.name)).toEqual(expect.arrayContaining(['telegram-text.json', 'telegram-photo.json', 'callback-query.json', 'document.json', 'edited-message.json']));
		});
	});

	describe('deliveries', () => {
		it('turns a text message into one canonical inbound event and answers 200', async () => {
			const result = await post(shared('telegram-text.json'), signed);
			expect(result.statusCode).toBe(200);
			expect(result.error).toBeUndefined();
			const items = result.items?.[0] ?? [];
			expect(items).toHaveLength(1);
			const event = items[0].json;
			expect(canonicalEventSchema.safeParse(event).success).toBe(true);
			expect(event).toMatchObject({
				id: 'telegram:5550001234:42',
				type: 'message',
				channel: 'telegram',
				direction: 'inbound',
				externalId: '5550001234:42',
				timestamp: new Date(1781001000 * 1000).toISOString(),
				from: { identities: [{ kind: 'telegram', value: '5550001234' }], name: 'Maria Silva' },
				text: 'Hello, I need help with my order #4821',
			});
			expect(event.raw).toBeUndefined();
		});

		it('turns a photo into an image attachment (largest size) with its caption', async () => {
			const result = await post(shared('telegram-photo.json'), signed);
			expect(result.items?.[0][0].json).toMatchObject({
				externalId: '5550001234:43',
				text: 'Photo of the damaged box',
				attachments: [{ type: 'image', mediaId: 'AgACAgEAAxkBAAIBK2fakePhotoFileId0004AAMCAAN3AAM2BA', caption: 'Photo of the damaged box' }],
			});
		});

		it('turns a document and an edited message into events, with the raw update when asked', async () => {
			const document = await post(own('document.json'), signed, { parameters: { options: { includeRaw: true } } });
			expect(document.items?.[0][0].json).toMatchObject({ attachments: [{ type: 'document', filename: 'invoice-4821.pdf', mimeType: 'application/pdf' }] });
			expect(document.items?.[0][0].json.raw).toEqual(JSON.parse(own('document.json').toString()));
			const edited = await post(own('edited-message.json'), signed);
			expect(edited.items?.[0][0].json).toMatchObject({ externalId: '5550001234:42:edited:1781001030', thread: { messageId: '5550001234:42' }, text: 'Hello, I need help with my order #4822' });
		});

		it('refuses a missing (401) or wrong (403) secret token, starts nothing, and logs no secret', async () => {
			const warn = jest.spyOn(getLogger(), 'warn');
			const missing = await post(shared('telegram-text.json'), {});
			const wrong = await post(shared('telegram-text.json'), { 'x-telegram-bot-api-secret-token': 'tg_guess-0000' });
			expect([missing.statusCode, wrong.statusCode]).toEqual([401, 403]);
			expect(missing.items).toBeUndefined();
			expect(wrong.items).toBeUndefined();
			const logged = JSON.stringify(warn.mock.calls);
			expect(logged).toContain('refused a telegram webhook');
			expect(logged).not.toContain(SECRET);
			expect(logged).not.toContain('tg_guess-0000');
		});

		it('refuses every delivery while no secret is stored (the webhook was not registered by this node)', async () => {
			const result = await post(shared('telegram-text.json'), signed, { staticData: unregistered() });
			expect(result.statusCode).toBe(403);
			expect(result.items).toBeUndefined();
		});

		it('starts nothing for a redelivered update, but still answers 200', async () => {
			const staticData = registered();
			const first = await post(shared('telegram-text.json'), signed, { staticData });
			const again = await post(shared('telegram-text.json'), signed, { staticData });
			const other = await post(shared('telegram-photo.json'), signed, { staticData });
			expect(first.items?.[0]).toHaveLength(1);
			expect(again.statusCode).toBe(200);
			expect(again.items).toBeUndefined();
			expect(other.items?.[0]).toHaveLength(1);
		});

		it('answers 400 to a body that is not a Telegram update', async () => {
			const result = await post(Buffer.from('{"hello":"world"}'), signed);
			expect(result.statusCode).toBe(400);
			expect(result.items).toBeUndefined();
		});

		it('starts only for the chosen kinds of update', async () => {
			const parameters = { updates: ['callback_query'] };
			const text = await post(shared('telegram-text.json'), signed, { parameters });
			const press = await post(own('callback-query.json'), signed, { parameters });
			expect(text.statusCode).toBe(200);
			expect(text.items).toBeUndefined();
			expect(press.items?.[0]).toHaveLength(1);
			await eventually(() => api.callsOf('answerCallbackQuery').length === 1);
		});
	});

	describe('button presses', () => {
		it('emits the press as an action event and answers it at once so the button stops spinning', async () => {
			const result = await post(own('callback-query.json'), signed, { parameters: { options: { callbackAnswerText: 'One moment, please' } } });
			expect(result.statusCode).toBe(200);
			expect(result.items?.[0][0].json).toMatchObject({
				type: 'action',
				externalId: '4382bfdwdsb323b2d9',
				action: { payload: 'solved:no', title: 'No, talk to a person' },
				thread: { messageId: '5550001234:44' },
			});
			await eventually(() => api.callsOf('answerCallbackQuery').length > 0);
			expect(api.violations).toEqual([]);
			const [answer] = api.callsOf('answerCallbackQuery');
			expect(answer.request.path).toBe(`/bot${TOKEN}/answerCallbackQuery`);
			expect(answer.params).toEqual({ callback_query_id: '4382bfdwdsb323b2d9', text: 'One moment, please' });
		});

		it('leaves the press unanswered when asked to, and never answers a refused or redelivered press', async () => {
			await post(own('callback-query.json'), signed, { parameters: { options: { answerCallbacks: false } } });
			await post(own('callback-query.json'), { 'x-telegram-bot-api-secret-token': 'tg_guess-0000' });
			const staticData = registered();
			await post(own('callback-query.json'), signed, { staticData });
			await eventually(() => api.callsOf('answerCallbackQuery').length === 1);
			await post(own('callback-query.json'), signed, { staticData });
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(api.callsOf('answerCallbackQuery')).toHaveLength(1);
		});

		it('logs a failed answer without the bot token, and still starts the workflow', async () => {
			const warn = jest.spyOn(getLogger(), 'warn');
			api.script('answerCallbackQuery', { status: 400, body: botApiFixture('error-query-too-old') });
			const result = await post(own('callback-query.json'), signed);
			expect(result.items?.[0]).toHaveLength(1);
			await eventually(() => warn.mock.calls.some((call) => String(call[0]).includes('could not answer')));
			const logged = JSON.stringify(warn.mock.calls);
			expect(logged).toContain('query is too old');
			expect(logged).not.toContain(TOKEN);
		});
	});

	describe('webhook lifecycle', () => {
		const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, parameters: INodeParameters = {}) =>
			runWebhookLifecycle({ nodeType: new OmnichannelTelegramTrigger(), parameters, credentials: credentials(), credentialTypes: [new OmnichannelTelegramApi()], method, staticData });

		it('registers the webhook with a fresh secret on activation, receives with it, and removes it on deactivation', async () => {
			const staticData: IDataObject = {};
			const debug = jest.spyOn(getLogger(), 'debug');
			const info = jest.spyOn(getLogger(), 'info');

			expect((await lifecycle('checkExists', staticData)).result).toBe(false);

			const created = await lifecycle('create', staticData, { updates: ['message', 'callback_query'] });
			expect(created.result).toBe(true);
			const [set] = api.callsOf('setWebhook');
			expect(api.violations).toEqual([]);
			expect(set.request.path).toBe(`/bot${TOKEN}/setWebhook`);
			expect(set.params.url).toBe(WEBHOOK_URL);
			expect(set.params.allowed_updates).toEqual(['message', 'callback_query']);
			const secret = String(set.params.secret_token);
			expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
			expect(staticData[`node:${NODE}`]).toEqual({ secretToken: secret });

			// Telegram now reports our URL: the webhook exists.
			api.setAnswer('getWebhookInfo', { status: 200, body: { ok: true, result: { url: WEBHOOK_URL, has_custom_certificate: false, pending_update_count: 0 } } });
			expect((await lifecycle('checkExists', staticData)).result).toBe(true);
			expect(api.callsOf('getWebhookInfo').at(-1)?.request.path).toBe(`/bot${TOKEN}/getWebhookInfo`);

			// Deliveries carry the secret that was registered, and only that one.
			const accepted = await post(shared('telegram-text.json'), { 'x-telegram-bot-api-secret-token': secret }, { staticData });
			expect(accepted.items?.[0]).toHaveLength(1);
			const refused = await post(shared('telegram-photo.json'), signed, { staticData });
			expect(refused.statusCode).toBe(403);

			// A second activation makes a different secret.
			const again: IDataObject = {};
			await lifecycle('create', again);
			expect((again[`node:${NODE}`] as IDataObject).secretToken).not.toBe(secret);
			expect(api.callsOf('setWebhook')[1].params.allowed_updates).toEqual(['message', 'edited_message', 'callback_query']);

			expect((await lifecycle('delete', staticData)).result).toBe(true);
			expect(api.callsOf('deleteWebhook')).toHaveLength(1);
			expect(api.callsOf('deleteWebhook')[0].request.path).toBe(`/bot${TOKEN}/deleteWebhook`);
			expect((staticData[`node:${NODE}`] as IDataObject).secretToken).toBeUndefined();
			expect((await lifecycle('checkExists', staticData)).result).toBe(false);
			const afterDelete = await post(shared('telegram-photo.json'), { 'x-telegram-bot-api-secret-token': secret }, { staticData });
			expect(afterDelete.statusCode).toBe(403);

			expect(JSON.stringify([debug.mock.calls, info.mock.calls])).not.toContain(secret);
		});

		it('leaves the bot’s webhook alone on deactivation when it now points elsewhere', async () => {
			api.setAnswer('getWebhookInfo', { status: 200, body: { ok: true, result: { url: 'https://other.example.test/hook', has_custom_certificate: false, pending_update_count: 0 } } });
			const staticData = registered();
			expect((await lifecycle('delete', staticData)).result).toBe(true);
			expect(api.callsOf('deleteWebhook')).toHaveLength(0);
		});

		it('reports a webhook pointing elsewhere as missing', async () => {
			api.setAnswer('getWebhookInfo', { status: 200, body: { ok: true, result: { url: 'https://other.example.test/hook', has_custom_certificate: false, pending_update_count: 3 } } });
			expect((await lifecycle('checkExists', registered())).result).toBe(false);
		});

		it('fails activation with Telegram’s reason and a hint when setWebhook is refused, and stores no secret', async () => {
			api.script('setWebhook', { status: 400, body: botApiFixture('error-bad-webhook') });
			const staticData: IDataObject = {};
			const attempt = lifecycle('create', staticData);
			await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('WEBHOOK_URL') });
			await expect(attempt).rejects.toThrow(/bad webhook/);
			expect(staticData[`node:${NODE}`] ?? {}).toEqual({});
		});

		it('fails activation with a hint when the bot token is wrong', async () => {
			const attempt = runWebhookLifecycle({
				nodeType: new OmnichannelTelegramTrigger(),
				credentials: { omnichannelTelegramApi: { accessToken: '5550009999:Revoked', baseUrl: api.url } },
				credentialTypes: [new OmnichannelTelegramApi()],
				method: 'create',
				staticData: {},
			});
			await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('@BotFather') });
		});
	});
});
