/**
 * The Omnichannel WhatsApp Trigger registers its webhook at Meta on activation and removes
 * it on deactivation, through n8n's hook context, against a local stand-in of the Graph API.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelWhatsAppTrigger } from '../../nodes/OmnichannelWhatsAppTrigger/OmnichannelWhatsAppTrigger.node';
import { startFakeGraphApi, type FakeGraphApi } from '../support/meta-graph-api';
import { runWebhook, runWebhookLifecycle } from '../support/n8n-harness';

const APP_ID = '1234567890123456';
const APP_SECRET = 'whatsapp-app-secret-for-tests';
const SYSTEM_TOKEN = 'EAAG-system-user-token-for-tests';
const WABA_ID = '102290000000001';
const VERIFY_TOKEN = 'my-verify-token-42';
const NODE = 'WhatsApp Trigger';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';
const TEST_URL = 'http://localhost:5678/webhook-test/test-webhook-id/webhook';

describe('Omnichannel WhatsApp Trigger: webhook registration at Meta', () => {
	let graph: FakeGraphApi;
	beforeAll(async () => {
		graph = await startFakeGraphApi();
		graph.addApp(APP_ID, APP_SECRET);
		graph.addToken(SYSTEM_TOKEN, { appId: APP_ID, assets: [WABA_ID] });
		graph.addWaba(WABA_ID);
	});
	afterAll(async () => await graph.close());
	beforeEach(() => graph.reset());

	const credential = (overrides: IDataObject = {}) => ({
		omnichannelWhatsAppCloudApi: {
			accessToken: SYSTEM_TOKEN,
			appSecret: APP_SECRET,
			verifyToken: VERIFY_TOKEN,
			phoneNumberId: '106540000000001',
			appId: APP_ID,
			businessAccountId: WABA_ID,
			apiVersion: 'v26.0',
			baseUrl: graph.url,
			...overrides,
		},
	});
	const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, options: { parameters?: INodeParameters; credentials?: IDataObject } = {}) =>
		runWebhookLifecycle({
			nodeType: new OmnichannelWhatsAppTrigger(),
			parameters: options.parameters ?? {},
			credentials: { ...credential(), ...(options.credentials ?? {}) } as never,
			credentialTypes: [new WhatsAppCloudApi()],
			method,
			staticData,
		});
	const handshake = (verifyToken: string, credentials = credential()) =>
		runWebhook({
			nodeType: new OmnichannelWhatsAppTrigger(),
			credentials,
			credentialTypes: [new WhatsAppCloudApi()],
			webhookName: 'setup',
			request: { method: 'GET', query: { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': '1158201444' } },
		});
	const stateOf = (staticData: IDataObject) => (staticData[`node:${NODE}`] as IDataObject | undefined)?.webhookRegistration;

	describe('with an App ID: the app\'s callback URL', () => {
		it('points the app at this node and subscribes it to the WABA on activation, finds it, and removes both on deactivation', async () => {
			const staticData: IDataObject = {};
			expect((await lifecycle('checkExists', staticData)).result).toBe(false);

			expect((await lifecycle('create', staticData)).result).toBe(true);
			expect(graph.violations).toEqual([]);
			const [subscribe] = graph.callsTo(/^POST \d+\/subscriptions$/);
			expect(subscribe).toMatchObject({ edge: `${APP_ID}/subscriptions`, version: 'v26.0', authorization: `Bearer ${APP_ID}|${APP_SECRET}` });
			expect(subscribe.form).toEqual({ object: 'whatsapp_business_account', callback_url: WEBHOOK_URL, fields: 'messages', include_values: 'true', verify_token: VERIFY_TOKEN });
			const [waba] = graph.callsTo(/^POST \d+\/subscribed_apps$/);
			expect(waba).toMatchObject({ edge: `${WABA_ID}/subscribed_apps`, authorization: `Bearer ${SYSTEM_TOKEN}`, json: undefined, form: {} });
			expect(graph.wabaSubscriptions.get(WABA_ID)?.get(APP_ID)).toBe('');
			expect(stateOf(staticData)).toEqual({ 'app webhook subscription': { callbackUrl: WEBHOOK_URL }, 'WhatsApp Business Account subscription': { wabaId: WABA_ID } });
			// Nothing secret is kept in static data, which n8n stores as plain text.
			expect(JSON.stringify(staticData)).not.toContain(APP_SECRET);

			// Meta's check of the callback URL, with the token it was given, is answered.
			const check = await handshake(subscribe.form.verify_token);
			expect([check.statusCode, check.responseBody]).toEqual([200, '1158201444']);

			const posts = graph.callsTo(/^POST/).length;
			expect((await lifecycle('checkExists', staticData)).result).toBe(true);
			expect(graph.callsTo(/^POST/)).toHaveLength(posts);

			expect((await lifecycle('delete', staticData)).result).toBe(true);
			const [removeApp] = graph.callsTo(/^DELETE \d+\/subscriptions$/);
			expect(removeApp).toMatchObject({ query: { object: 'whatsapp_business_account' }, authorization: `Bearer ${APP_ID}|${APP_SECRET}` });
			expect(graph.callsTo(/^DELETE \d+\/subscribed_apps$/)).toHaveLength(1);
			expect(graph.appSubscriptions.get(APP_ID)?.size).toBe(0);
			expect(graph.wabaSubscriptions.get(WABA_ID)?.size).toBe(0);
			expect(stateOf(staticData)).toBeUndefined();
			expect((await lifecycle('checkExists', staticData)).result).toBe(false);
			expect(graph.violations).toEqual([]);
		});

		it('leaves what was set up by hand: found as it is, and kept on deactivation', async () => {
			graph.appSubscriptions.set(APP_ID, new Map([['whatsapp_business_account', { callback_url: WEBHOOK_URL, fields: ['messages'], active: true, verify_token: VERIFY_TOKEN }]]));
			graph.wabaSubscriptions.set(WABA_ID, new Map([[APP_ID, '']]));
			const staticData: IDataObject = {};
			expect((await lifecycle('checkExists', staticData)).result).toBe(true);
			expect((await lifecycle('delete', staticData)).result).toBe(true);
			expect(graph.callsTo(/^(POST|DELETE)/)).toEqual([]);
			expect(graph.appSubscriptions.get(APP_ID)?.get('whatsapp_business_account')?.callback_url).toBe(WEBHOOK_URL);
		});

		it('refuses to take over a callback URL someone else set, and registers nothing', async () => {
			graph.appSubscriptions.set(APP_ID, new Map([['whatsapp_business_account', { callback_url: 'https://crm.example.test/meta?key=secret', fields: ['messages'], active: true, verify_token: 'theirs' }]]));
			const staticData: IDataObject = {};
			const attempt = lifecycle('create', staticData);
			await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Meta App Dashboard') });
			await expect(attempt).rejects.toThrow('already sends its whatsapp_business_account webhooks to https://crm.example.test/meta');
			await expect(attempt).rejects.not.toThrow(/key=secret/);
			expect(graph.callsTo(/^POST/)).toEqual([]);
			expect(stateOf(staticData)).toBeUndefined();
		});

		it('replaces its own earlier URL (the test URL of the editor) without asking', async () => {
			graph.appSubscriptions.set(APP_ID, new Map([['whatsapp_business_account', { callback_url: TEST_URL, fields: ['messages'], active: true, verify_token: VERIFY_TOKEN }]]));
			graph.wabaSubscriptions.set(WABA_ID, new Map([[APP_ID, '']]));
			await lifecycle('create', {});
			expect(graph.appSubscriptions.get(APP_ID)?.get('whatsapp_business_account')?.callback_url).toBe(WEBHOOK_URL);
		});

		it('fails activation with Meta\'s reason and a hint when the App Secret is wrong', async () => {
			const attempt = lifecycle('create', {}, { credentials: credential({ appSecret: 'not-the-secret' }) });
			await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('App ID and App Secret') });
			await expect(attempt).rejects.toThrow('Invalid OAuth access token signature');
			await expect(attempt).rejects.not.toThrow(/not-the-secret/);
		});

		it('undoes the app subscription when subscribing the WABA fails', async () => {
			graph.failNext(/^POST \d+\/subscribed_apps$/, 403, { error: { message: '(#200) Requires whatsapp_business_management permission', type: 'OAuthException', code: 200, fbtrace_id: 'x' } });
			const staticData: IDataObject = {};
			await expect(lifecycle('create', staticData)).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('whatsapp_business_management') });
			expect(graph.callsTo(/^DELETE \d+\/subscriptions$/)).toHaveLength(1);
			expect(graph.appSubscriptions.get(APP_ID)?.size).toBe(0);
			expect(stateOf(staticData) ?? {}).toEqual({});
		});

		it('answers Meta\'s check with a token of its own when the credential has no Verify Token', async () => {
			const credentials = credential({ verifyToken: '' });
			await lifecycle('create', {}, { credentials });
			const token = graph.callsTo(/^POST \d+\/subscriptions$/)[0].form.verify_token;
			expect(token.length).toBeGreaterThanOrEqual(32);
			expect((await handshake(token, credentials)).statusCode).toBe(200);
			expect((await handshake('guess', credentials)).statusCode).toBe(403);
		});
	});

	describe('for one WhatsApp Business Account only (a callback override)', () => {
		const parameters = { webhookRegistration: 'waba' };

		it('gives the WABA this node\'s URL, finds it, and removes only the override on deactivation', async () => {
			const staticData: IDataObject = {};
			expect((await lifecycle('checkExists', staticData, { parameters })).result).toBe(false);
			await lifecycle('create', staticData, { parameters });
			expect(graph.violations).toEqual([]);
			const [override] = graph.callsTo(/^POST \d+\/subscribed_apps$/);
			expect(override).toMatchObject({ edge: `${WABA_ID}/subscribed_apps`, version: 'v26.0', authorization: `Bearer ${SYSTEM_TOKEN}` });
			expect(override.json).toEqual({ override_callback_uri: WEBHOOK_URL, verify_token: VERIFY_TOKEN });
			expect(graph.callsTo(/subscriptions$/)).toEqual([]);
			expect((await lifecycle('checkExists', staticData, { parameters })).result).toBe(true);

			await lifecycle('delete', staticData, { parameters });
			const removal = graph.callsTo(/^POST \d+\/subscribed_apps$/)[1];
			expect(removal.json).toBeUndefined();
			expect(graph.wabaSubscriptions.get(WABA_ID)?.get(APP_ID)).toBe('');
			expect(stateOf(staticData)).toBeUndefined();
		});

		it('leaves an override someone changed since', async () => {
			const staticData: IDataObject = {};
			await lifecycle('create', staticData, { parameters });
			graph.wabaSubscriptions.get(WABA_ID)?.set(APP_ID, 'https://elsewhere.example.test/hook');
			await lifecycle('delete', staticData, { parameters });
			expect(graph.callsTo(/^POST/)).toHaveLength(1);
			expect(graph.wabaSubscriptions.get(WABA_ID)?.get(APP_ID)).toBe('https://elsewhere.example.test/hook');
		});

		it('asks for the WABA id instead of calling Meta without it', async () => {
			const attempt = lifecycle('create', {}, { parameters, credentials: credential({ businessAccountId: '' }) });
			await expect(attempt).rejects.toThrow('No WhatsApp Business Account ID in the credential');
			expect(graph.calls).toEqual([]);
		});
	});

	describe('without what Meta needs', () => {
		it('calls nothing without an App ID, and the notice says what to paste where', async () => {
			const credentials = credential({ appId: '' });
			const staticData: IDataObject = {};
			expect((await lifecycle('checkExists', staticData, { credentials })).result).toBe(true);
			expect((await lifecycle('create', staticData, { credentials })).result).toBe(true);
			expect((await lifecycle('delete', staticData, { credentials })).result).toBe(true);
			expect(graph.calls).toEqual([]);
			const notice = new OmnichannelWhatsAppTrigger().description.properties.find((property) => property.name === 'appSetupNotice');
			expect(notice?.displayName).toMatch(/Callback URL to this node's Production URL and the Verify Token to the one in the credential.*"messages"/);
		});

		it('calls nothing when registration is off, even with an App ID', async () => {
			const parameters = { webhookRegistration: 'manual' };
			expect((await lifecycle('checkExists', {}, { parameters })).result).toBe(true);
			expect((await lifecycle('create', {}, { parameters })).result).toBe(true);
			expect(graph.calls).toEqual([]);
		});
	});
});
