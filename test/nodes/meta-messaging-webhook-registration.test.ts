/**
 * The Omnichannel Messenger and Instagram Triggers register at Meta on activation and undo
 * it on deactivation, through n8n's hook context, against a local stand-in of the Graph API.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { OmnichannelInstagramTrigger } from '../../nodes/OmnichannelInstagramTrigger/OmnichannelInstagramTrigger.node';
import { OmnichannelMessengerTrigger } from '../../nodes/OmnichannelMessengerTrigger/OmnichannelMessengerTrigger.node';
import { startFakeGraphApi, type FakeGraphApi } from '../support/meta-graph-api';
import { runWebhook, runWebhookLifecycle } from '../support/n8n-harness';

const APP_ID = '2345678901234567';
const APP_SECRET = 'page-app-secret-for-tests';
const PAGE_TOKEN = 'EAAtestPageAccessToken0123';
const IG_TOKEN = 'IGAAtestInstagramToken0123';
const PAGE_ID = '105000000000001';
const IG_ACCOUNT_ID = '17841400000000001';
const VERIFY_TOKEN = 'verify-token-for-tests';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';
const MESSENGER_FIELDS = 'messages,messaging_postbacks,message_reactions,message_deliveries,message_reads';

describe('Omnichannel Messenger and Instagram Triggers: webhook registration at Meta', () => {
	let graph: FakeGraphApi;
	beforeAll(async () => {
		graph = await startFakeGraphApi();
		graph.addApp(APP_ID, APP_SECRET);
		graph.addToken(PAGE_TOKEN, { appId: APP_ID, assets: [PAGE_ID] });
		graph.addToken(IG_TOKEN, { appId: APP_ID, assets: [IG_ACCOUNT_ID] });
	});
	afterAll(async () => await graph.close());
	beforeEach(() => graph.reset());

	const credential = (overrides: IDataObject = {}) => ({
		omnichannelMetaPageApi: {
			accessToken: PAGE_TOKEN,
			appId: APP_ID,
			appSecret: APP_SECRET,
			verifyToken: VERIFY_TOKEN,
			pageId: PAGE_ID,
			igAccountId: IG_ACCOUNT_ID,
			graphApiVersion: 'v23.0',
			baseUrl: graph.url,
			...overrides,
		},
	});
	const lifecycle = (
		nodeType: INodeType,
		method: 'checkExists' | 'create' | 'delete',
		staticData: IDataObject,
		options: { parameters?: INodeParameters; credentials?: ReturnType<typeof credential> } = {},
	) =>
		runWebhookLifecycle({
			nodeType,
			parameters: options.parameters ?? {},
			credentials: options.credentials ?? credential(),
			credentialTypes: [new MetaPageApi()],
			method,
			staticData,
		});
	const messenger = () => new OmnichannelMessengerTrigger();
	const instagram = () => new OmnichannelInstagramTrigger();
	const noticeOf = (nodeType: INodeType, name: string) => nodeType.description.properties.find((property) => property.name === name)?.displayName ?? '';

	describe('Messenger', () => {
		it("points the app's Page webhook here, subscribes the Page, finds both, and removes both on deactivation", async () => {
			const staticData: IDataObject = {};
			expect((await lifecycle(messenger(), 'checkExists', staticData)).result).toBe(false);
			await lifecycle(messenger(), 'create', staticData);
			expect(graph.violations).toEqual([]);

			const [app] = graph.callsTo(/^POST \d+\/subscriptions$/);
			expect(app).toMatchObject({ edge: `${APP_ID}/subscriptions`, version: 'v23.0', authorization: `Bearer ${APP_ID}|${APP_SECRET}` });
			expect(app.form).toEqual({ object: 'page', callback_url: WEBHOOK_URL, fields: MESSENGER_FIELDS, include_values: 'true', verify_token: VERIFY_TOKEN });
			const [page] = graph.callsTo(/^POST \d+\/subscribed_apps$/);
			expect(page).toMatchObject({ edge: `${PAGE_ID}/subscribed_apps`, query: { subscribed_fields: MESSENGER_FIELDS }, authorization: `Bearer ${PAGE_TOKEN}`, form: {} });

			// Meta's check of the callback URL is answered with the same token.
			const check = await runWebhook({
				nodeType: messenger(),
				credentials: credential(),
				credentialTypes: [new MetaPageApi()],
				webhookName: 'setup',
				request: { method: 'GET', query: { 'hub.mode': 'subscribe', 'hub.verify_token': app.form.verify_token, 'hub.challenge': '77' } },
			});
			expect([check.statusCode, check.responseBody]).toEqual([200, '77']);

			expect((await lifecycle(messenger(), 'checkExists', staticData)).result).toBe(true);
			expect(await lifecycle(messenger(), 'delete', staticData)).toMatchObject({ result: true });
			expect(graph.callsTo(/^DELETE \d+\/subscriptions$/)[0].query).toEqual({ object: 'page' });
			expect(graph.callsTo(/^DELETE \d+\/subscribed_apps$/)[0]).toMatchObject({ edge: `${PAGE_ID}/subscribed_apps`, authorization: `Bearer ${PAGE_TOKEN}` });
			expect(graph.appSubscriptions.get(APP_ID)?.size).toBe(0);
			expect(graph.nodeSubscriptions.get(PAGE_ID)?.size).toBe(0);
			expect((await lifecycle(messenger(), 'checkExists', staticData)).result).toBe(false);
			expect(graph.violations).toEqual([]);
		});

		it('adds its fields to a Page subscription that was there, and puts the earlier fields back', async () => {
			graph.nodeSubscriptions.set(PAGE_ID, new Map([[APP_ID, ['feed']]]));
			const staticData: IDataObject = {};
			await lifecycle(messenger(), 'create', staticData, { parameters: { options: { includeEchoes: true } } });
			expect(graph.callsTo(/^POST \d+\/subscriptions$/)[0].form.fields).toBe(`${MESSENGER_FIELDS},message_echoes`);
			expect(graph.callsTo(/^POST \d+\/subscribed_apps$/)[0].query.subscribed_fields).toBe(`feed,${MESSENGER_FIELDS},message_echoes`);
			await lifecycle(messenger(), 'delete', staticData);
			expect(graph.callsTo(/^DELETE \d+\/subscribed_apps$/)).toEqual([]);
			expect(graph.callsTo(/^POST \d+\/subscribed_apps$/)[1].query.subscribed_fields).toBe('feed');
			expect(graph.nodeSubscriptions.get(PAGE_ID)?.get(APP_ID)).toEqual(['feed']);
		});

		it('fails activation with a hint when the Page token may not manage the Page, and undoes the app subscription', async () => {
			const staticData: IDataObject = {};
			const attempt = lifecycle(messenger(), 'create', staticData, { credentials: credential({ pageId: '105999999999999' }) });
			await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('pages_manage_metadata') });
			await expect(attempt).rejects.toThrow('(#200) The user must be an administrator');
			expect(graph.appSubscriptions.get(APP_ID)?.size ?? 0).toBe(0);
			expect(JSON.stringify(staticData)).not.toContain('webhookRegistration');
		});

		it('calls nothing without an App ID; the notice says what to paste where', async () => {
			const credentials = credential({ appId: '' });
			expect((await lifecycle(messenger(), 'checkExists', {}, { credentials })).result).toBe(true);
			expect((await lifecycle(messenger(), 'create', {}, { credentials })).result).toBe(true);
			expect(graph.calls).toEqual([]);
			expect(noticeOf(messenger(), 'appSetupNotice')).toContain(`Callback URL to this node's Production URL and the Verify Token to the one in the credential, then subscribe the Page to: ${MESSENGER_FIELDS.replace(/,/g, ', ')}`);
		});
	});

	describe('Instagram', () => {
		it('subscribes the linked Page to the app, and only that: the app callback is set in the App Dashboard', async () => {
			const staticData: IDataObject = {};
			await lifecycle(instagram(), 'create', staticData);
			expect(graph.violations).toEqual([]);
			expect(graph.callsTo(/subscriptions$/)).toEqual([]);
			expect(graph.callsTo(/^POST/)).toMatchObject([{ edge: `${PAGE_ID}/subscribed_apps`, query: { subscribed_fields: 'messages' }, authorization: `Bearer ${PAGE_TOKEN}` }]);
			expect((await lifecycle(instagram(), 'checkExists', staticData)).result).toBe(true);
			await lifecycle(instagram(), 'delete', staticData);
			expect(graph.callsTo(/^DELETE/)).toMatchObject([{ edge: `${PAGE_ID}/subscribed_apps` }]);
			expect(noticeOf(instagram(), 'appSetupNotice')).toContain("Meta App Dashboard > Webhooks > Instagram, set the Callback URL to this node's Production URL");
		});

		it('subscribes the Instagram account itself with Instagram Login (no Page)', async () => {
			const credentials = credential({ accessToken: IG_TOKEN, pageId: '', baseUrl: graph.url });
			const staticData: IDataObject = {};
			await lifecycle(instagram(), 'create', staticData, { credentials });
			expect(graph.callsTo(/^POST/)).toMatchObject([
				{ edge: `${IG_ACCOUNT_ID}/subscribed_apps`, query: { subscribed_fields: 'messages,messaging_postbacks,message_reactions,messaging_seen' }, authorization: `Bearer ${IG_TOKEN}` },
			]);
			await lifecycle(instagram(), 'delete', staticData, { credentials });
			expect(graph.nodeSubscriptions.get(IG_ACCOUNT_ID)?.size).toBe(0);
		});

		it('calls nothing when registration is off', async () => {
			const parameters = { webhookRegistration: 'manual' };
			expect((await lifecycle(instagram(), 'create', {}, { parameters })).result).toBe(true);
			expect(graph.calls).toEqual([]);
			expect(noticeOf(instagram(), 'setupNotice')).toContain('messages, messaging_postbacks, message_reactions, messaging_seen');
		});
	});
});
