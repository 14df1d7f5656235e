// A customer who blocked the bot: the failed send says so, and with a store on the node the
// customer is recorded as unsubscribed from Telegram, with Telegram's answer as evidence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { closeStores, CustomerGraph, openStore } from '../../core';
import { OmnichannelTelegramApi } from '../../credentials/OmnichannelTelegramApi.credentials';
import { OmnichannelTelegram } from '../../nodes/OmnichannelTelegram/OmnichannelTelegram.node';
import { storeConfigFromCredential } from '../../nodes/shared/store';
import { runWorkflow } from '../support/n8n-harness';
import { botApiFixture, startFakeBotApi, type FakeBotApi } from '../support/telegram-bot-api';

const TOKEN = '5550009999:AAFakeTokenForTests_0123456789abcdef';
const BLOCKED_CHAT = '5550001234';

describe('Omnichannel Telegram node, a customer who blocked the bot', () => {
	let api: FakeBotApi;
	let store: ICredentialDataDecryptedObject;
	let graph: CustomerGraph;
	let customerId: string;
	beforeAll(async () => {
		api = await startFakeBotApi(TOKEN);
		store = { storeType: 'embedded', folder: mkdtempSync(join(tmpdir(), 'omnichannel-telegram-blocked-')) };
		graph = new CustomerGraph(await openStore(storeConfigFromCredential(store)));
		[{ customerId: customerId! }] = (await graph.resolve([{ identities: [{ kind: 'telegram', value: BLOCKED_CHAT }] }])) as { customerId: string }[];
	});
	afterAll(async () => {
		await api.close();
		await closeStores();
		rmSync(String(store.folder), { recursive: true, force: true });
	});
	beforeEach(() => api.reset());

	const send = (chatId: string, withStore: boolean) => {
		api.script('sendMessage', { status: 403, body: botApiFixture('error-bot-blocked') });
		return runWorkflow({
			nodeTypes: { omnichannelTelegram: new OmnichannelTelegram() },
			nodes: [{ name: 'Telegram', type: 'omnichannelTelegram', parameters: { operation: 'sendMessage', chatId, text: 'Our new collection is here' }, onError: 'continueRegularOutput' }],
			credentials: { omnichannelTelegramApi: { accessToken: TOKEN, baseUrl: api.url }, ...(withStore ? { omnichannelStoreApi: store } : {}) },
			credentialTypes: [new OmnichannelTelegramApi()],
			items: [{ json: { campaign: 'autumn' } }],
		});
	};

	it('without a store: the failed item says the customer blocked the bot, and nothing is recorded', async () => {
		const result = await send(BLOCKED_CHAT, false);
		expect(result.jsonOf('Telegram')).toEqual([
			{ campaign: 'autumn', error: 'The customer blocked this bot, so Telegram did not deliver the message: Forbidden: bot was blocked by the user (telegram error 403)' },
		]);
		expect((await graph.consents(customerId))?.trail).toEqual([]);
	});

	it('with a store: the customer holding the Telegram ID is unsubscribed from Telegram, with the error as evidence', async () => {
		const result = await send(BLOCKED_CHAT, true);
		expect(String(result.jsonOf('Telegram')[0].error)).toContain(`Recorded in the store: customer ${customerId} is unsubscribed from Telegram`);
		const consents = await graph.consents(customerId);
		expect(consents?.current).toEqual([
			expect.objectContaining({
				channel: 'telegram',
				purpose: 'all',
				state: 'unsubscribed',
				source: 'delivery-failure',
				evidence: `Telegram answered 403 "Forbidden: bot was blocked by the user" to a send to chat ${BLOCKED_CHAT}`,
			}),
		]);
		const audience = await graph.listAudience({ consent: [{ channel: 'telegram', purpose: 'marketing', rule: 'notUnsubscribed' }] }, { limit: 10 });
		expect(audience.customers.map((member) => member.id)).not.toContain(customerId);
	});

	it('with a store but no customer for the chat: says that nothing was recorded', async () => {
		const result = await send('5550009876', true);
		expect(String(result.jsonOf('Telegram')[0].error)).toContain('No customer in the store has the Telegram ID 5550009876, so no consent change was recorded');
	});
});
