import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeConnectionTypes, type ICredentialDataDecryptedObject, type IDataObject, type INodeType, type IWebhookFunctions } from 'n8n-workflow';
import { closeStores, openStore } from '../../core';
import { storeConfigFromCredential, STORE_CREDENTIAL } from '../../nodes/shared/store';
import { telegramInbound } from '../../core/channels/telegram/inbound';
import { receiveChannelWebhook } from '../../nodes/shared/channel-webhook';
import { getLogger, runWebhook } from '../support/n8n-harness';
import { dropSchema, postgresUnavailable, uniqueSchema } from '../support/postgres';
import { SHARED_CHANNEL_FIXTURES as FIXTURES } from '../support/shared-fixtures';

const SECRET = 'tg_secret_token-0123456789';

/** The smallest channel trigger: everything it does is the shared webhook receiver. */
const trigger: INodeType = {
	description: {
		displayName: 'Test Channel Trigger',
		name: 'testChannelTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Receives Telegram updates',
		defaults: { name: 'Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STORE_CREDENTIAL, required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [],
	},
	async webhook(this: IWebhookFunctions) {
		return receiveChannelWebhook(this, { adapter: telegramInbound, secret: SECRET, parseOptions: { account: '7000000001' } });
	},
};

describe('the shared channel webhook receiver, through n8n', () => {
	const body = readFileSync(join(FIXTURES, 'telegram-text.json'));
	const post = (headers: Record<string, string>, rawBody: Buffer = body, staticData: IDataObject = {}, store?: ICredentialDataDecryptedObject) =>
		runWebhook({
			nodeType: trigger,
			staticData,
			credentials: store ? { omnichannelStoreApi: store } : {},
			request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody },
		});
	const signed = { 'x-telegram-bot-api-secret-token': SECRET };

	it('starts one execution with the canonical events of a signed request, and answers 200', async () => {
		const result = await post({ 'x-telegram-bot-api-secret-token': SECRET });
		expect(result.statusCode).toBe(200);
		expect(result.items?.[0]).toHaveLength(1);
		expect(result.items?.[0][0].json).toMatchObject({ channel: 'telegram', direction: 'inbound', type: 'message' });
	});

	it('refuses a missing (401) or wrong (403) secret, starts nothing and logs no secret', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		const missing = await post({});
		const wrong = await post({ 'x-telegram-bot-api-secret-token': 'guess' });
		expect([missing.statusCode, wrong.statusCode]).toEqual([401, 403]);
		expect(missing.items).toBeUndefined();
		expect(wrong.items).toBeUndefined();
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('refused a telegram webhook');
		expect(logged).not.toContain(SECRET);
		expect(logged).not.toContain('guess');
		warn.mockRestore();
	});

	it('checks the signature of a body n8n leaves unread (a content type it does not parse)', async () => {
		const result = await post({ ...signed, 'content-type': 'application/octet-stream' });
		expect(result.statusCode).toBe(200);
		expect(result.items?.[0][0].json).toMatchObject({ channel: 'telegram', type: 'message' });
	});

	it('starts nothing for a redelivered update, but still answers 200', async () => {
		const staticData = {};
		const first = await post({ 'x-telegram-bot-api-secret-token': SECRET }, body, staticData);
		const again = await post({ 'x-telegram-bot-api-secret-token': SECRET }, body, staticData);
		expect(first.items?.[0]).toHaveLength(1);
		expect(again.statusCode).toBe(200);
		expect(again.items).toBeUndefined();
	});

	it('answers 400 to a body that is not the provider’s, and starts nothing', async () => {
		const result = await post({ 'x-telegram-bot-api-secret-token': SECRET }, Buffer.from('{"hello":"world"}'));
		expect(result.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});

	it('answers 400 with what was wrong and where, in our words, to a body of the wrong shape', async () => {
		const update = JSON.parse(body.toString('utf8'));
		update.message.text = { bold: 'hi' };
		const result = await post({ 'x-telegram-bot-api-secret-token': SECRET }, Buffer.from(JSON.stringify(update)));
		expect(result.statusCode).toBe(400);
		expect(result.responseBody).toBe('Telegram: message.text must be a string, not an object');
		expect(result.items).toBeUndefined();
	});

	it('answers 500 without details when reading the body fails for a reason of ours, so the provider retries', async () => {
		const parse = jest.spyOn(telegramInbound, 'parse').mockImplementation(() => {
			throw new TypeError('cannot read properties of undefined (internal)');
		});
		const result = await post({ 'x-telegram-bot-api-secret-token': SECRET });
		parse.mockRestore();
		expect(result.statusCode).toBe(500);
		expect(result.responseBody).not.toContain('internal');
		expect(result.items).toBeUndefined();
	});

	it('starts one execution when 16 redeliveries arrive 8 at a time, and writes nothing into the workflow', async () => {
		const staticData: IDataObject = {};
		const results = [];
		for (let wave = 0; wave < 2; wave++) results.push(...(await Promise.all(Array.from({ length: 8 }, () => post(signed, body, staticData)))));
		expect(results.map((result) => result.statusCode)).toEqual(Array(16).fill(200));
		expect(results.filter((result) => result.items)).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	(postgresUnavailable ? describe.skip : describe)('with a store for redelivery checks', () => {
		const store = { storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema: uniqueSchema('omni_webhook') };
		afterAll(async () => {
			await closeStores();
			await dropSchema(store.schema);
		});

		it('records deliveries in the store, which every webhook process shares', async () => {
			const staticData: IDataObject = {};
			const results = await Promise.all(Array.from({ length: 8 }, () => post(signed, body, staticData, store)));
			expect(results.filter((result) => result.items)).toHaveLength(1);
			const db = await openStore(storeConfigFromCredential(store));
			expect(await db.query('SELECT key_hash FROM deliveries')).toHaveLength(1);
		});

		it('answers 503 when the store is unreachable, so the provider retries, and starts nothing', async () => {
			const result = await post(signed, body, {}, { ...store, port: 1 });
			expect(result.statusCode).toBe(503);
			expect(result.items).toBeUndefined();
		});
	});
});
