/**
 * The Omnichannel Evolution API Trigger sets its instance's webhook on activation and turns
 * it off on deactivation, through n8n's hook context, against a local stand-in of Evolution.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { OmnichannelEvolutionTrigger } from '../../nodes/OmnichannelEvolutionTrigger/OmnichannelEvolutionTrigger.node';
import { startFakeEvolutionApi, type EvolutionWebhookRecord, type FakeEvolutionApi } from '../support/evolution-api';
import { runWebhookLifecycle } from '../support/n8n-harness';

const API_KEY = 'B6D711FCDE4D4FD5936544120E713976';
const INSTANCE = 'Acme Support';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';
const JWT_KEY = 'evolution-webhook-jwt-key-0123456789';

describe('Omnichannel Evolution API Trigger: webhook registration', () => {
	let evolution: FakeEvolutionApi;
	beforeAll(async () => {
		evolution = await startFakeEvolutionApi(API_KEY, [INSTANCE]);
	});
	afterAll(async () => await evolution.close());
	beforeEach(() => evolution.reset());

	const credential = (extra: ICredentialDataDecryptedObject = {}) => ({ baseUrl: `${evolution.url}/`, apiKey: API_KEY, instanceName: INSTANCE, ...extra });
	const registering = { webhookRegistration: 'instance' };
	const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, options: { parameters?: INodeParameters; credential?: ICredentialDataDecryptedObject } = {}) =>
		runWebhookLifecycle({
			nodeType: new OmnichannelEvolutionTrigger(),
			parameters: options.parameters ?? registering,
			credentials: { omnichannelEvolutionApi: options.credential ?? credential() },
			credentialTypes: [new EvolutionApi()],
			method,
			staticData,
		});

	it("sets the instance's webhook on activation, finds it, and turns it off on deactivation", async () => {
		const staticData: IDataObject = {};
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
		expect((await lifecycle('create', staticData)).result).toBe(true);
		expect(evolution.violations).toEqual([]);
		const set = evolution.requests.find((request) => request.method === 'POST');
		expect(set?.path).toBe('/webhook/set/Acme%20Support');
		expect(set?.headers.apikey).toBe(API_KEY);
		expect(set?.headers['content-type']).toMatch(/^application\/json/);
		expect(set?.json).toEqual({
			webhook: { enabled: true, url: WEBHOOK_URL, byEvents: false, base64: false, events: ['MESSAGES_UPSERT', 'MESSAGES_UPDATE', 'CONNECTION_UPDATE'] },
		});

		const before = evolution.requests.length;
		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		expect(evolution.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /webhook/find/Acme%20Support']);

		expect((await lifecycle('delete', staticData)).result).toBe(true);
		expect(evolution.requests.at(-1)?.json).toEqual({ webhook: { enabled: false, url: WEBHOOK_URL, events: [] } });
		expect(evolution.webhooks.get(INSTANCE)).toMatchObject({ enabled: false, events: [] });
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
		expect(staticData['node:Omnichannel Evolution API Trigger']).toEqual({});
	});

	it("sends the credential's proof as the webhook's headers, and sets it again when they differ", async () => {
		const proof = credential({ webhookJwtKey: JWT_KEY, webhookHeaderName: 'X-Acme-Webhook-Secret', webhookHeaderValue: 'acme-header-secret' });
		const staticData: IDataObject = {};
		await lifecycle('create', staticData, { credential: proof });
		expect((evolution.requests.find((request) => request.method === 'POST')?.json as { webhook: IDataObject }).webhook.headers).toEqual({
			jwt_key: JWT_KEY,
			'X-Acme-Webhook-Secret': 'acme-header-secret',
		});
		expect((await lifecycle('checkExists', staticData, { credential: proof })).result).toBe(true);
		// A new key in the credential: the webhook no longer carries what the trigger checks.
		expect((await lifecycle('checkExists', staticData, { credential: credential({ webhookJwtKey: 'another-key-0123456789' }) })).result).toBe(false);
		expect(JSON.stringify(staticData)).not.toContain(JWT_KEY);
	});

	it('keeps a webhook set by hand, and leaves one that points elsewhere since', async () => {
		evolution.webhooks.set(INSTANCE, {
			id: 'clx1', instanceId: 'i1', url: WEBHOOK_URL, headers: null, enabled: true,
			events: ['MESSAGES_UPSERT', 'MESSAGES_UPDATE', 'CONNECTION_UPDATE', 'SEND_MESSAGE'], webhookByEvents: false, webhookBase64: true,
		});
		expect((await lifecycle('checkExists', {})).result).toBe(true);
		await lifecycle('delete', {});
		expect(evolution.requests.filter((request) => request.method === 'POST')).toEqual([]);

		evolution.reset();
		const staticData: IDataObject = {};
		await lifecycle('create', staticData);
		evolution.webhooks.set(INSTANCE, { ...(evolution.webhooks.get(INSTANCE) as EvolutionWebhookRecord), url: 'https://chatwoot.example.test/webhooks/evolution' });
		await lifecycle('delete', staticData);
		expect(evolution.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(evolution.webhooks.get(INSTANCE)?.enabled).toBe(true);
	});

	it('sets the webhook again when it was sent by event (another URL per event)', async () => {
		evolution.webhooks.set(INSTANCE, {
			id: 'clx1', instanceId: 'i1', url: WEBHOOK_URL, headers: null, enabled: true,
			events: ['MESSAGES_UPSERT', 'MESSAGES_UPDATE', 'CONNECTION_UPDATE'], webhookByEvents: true, webhookBase64: false,
		});
		expect((await lifecycle('checkExists', {})).result).toBe(false);
	});

	it('fails activation with a hint when the instance does not exist, and with another when the API key is wrong', async () => {
		const missing = lifecycle('create', {}, { credential: credential({ instanceName: 'acme support' }) });
		await expect(missing).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('capitals included') });
		await expect(missing).rejects.toThrow('The "acme support" instance does not exist');
		const unauthorized = lifecycle('create', {}, { credential: credential({ apiKey: 'wrong' }) });
		await expect(unauthorized).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('API Key') });
		await expect(unauthorized).rejects.not.toThrow(/wrong|B6D711/);
	});

	it('calls nothing unless asked to: the notice says what to set in the Evolution manager', async () => {
		for (const parameters of [{}, { webhookRegistration: 'manual' }]) {
			expect((await lifecycle('checkExists', {}, { parameters })).result).toBe(true);
			expect((await lifecycle('create', {}, { parameters })).result).toBe(true);
		}
		expect(evolution.requests).toEqual([]);
		const notice = new OmnichannelEvolutionTrigger().description.properties.find((property) => property.name === 'notice');
		expect(notice?.displayName).toContain("set this node's Production URL as the instance's webhook (Webhook by Events off) with the events MESSAGES_UPSERT, MESSAGES_UPDATE, CONNECTION_UPDATE");
	});
});
