/**
 * The Omnichannel Mailgun Trigger creates its route on activation and deletes it on
 * deactivation, through n8n's hook context, against a local stand-in of Mailgun's Routes API.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { routeExpression } from '../../core/channels/mailgun/webhook-registration';
import { MailgunWebhookApi } from '../../credentials/MailgunWebhookApi.credentials';
import { OmnichannelMailgunTrigger } from '../../nodes/OmnichannelMailgunTrigger/OmnichannelMailgunTrigger.node';
import { startFakeMailgunApi, type FakeMailgunApi } from '../support/mailgun-api';
import { runWebhookLifecycle } from '../support/n8n-harness';

const API_KEY = 'key-private-mailgun-api-0123456789abcdef';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';
const NODE = 'Omnichannel Mailgun Trigger';

describe('Omnichannel Mailgun Trigger: route registration', () => {
	let mailgun: FakeMailgunApi;
	beforeAll(async () => {
		mailgun = await startFakeMailgunApi(API_KEY);
	});
	afterAll(async () => await mailgun.close());
	beforeEach(() => mailgun.reset());

	const credential = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({ signingKey: 'key-test-mailgun-signing-0123456789abcdef', apiKey: API_KEY, region: 'eu', baseUrl: mailgun.url, ...overrides });
	const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, options: { parameters?: INodeParameters; credential?: ICredentialDataDecryptedObject } = {}) =>
		runWebhookLifecycle({
			nodeType: new OmnichannelMailgunTrigger(),
			parameters: options.parameters ?? { routeRecipient: 'support@mg.acme.example' },
			credentials: { omnichannelMailgunWebhookApi: options.credential ?? credential() },
			credentialTypes: [new MailgunWebhookApi()],
			method,
			staticData,
		});

	it('creates a route forwarding to this node on activation, finds it, and deletes it on deactivation', async () => {
		const staticData: IDataObject = {};
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
		await lifecycle('create', staticData);
		expect(mailgun.violations).toEqual([]);
		const create = mailgun.requests.find((request) => request.method === 'POST');
		expect(create?.path).toBe('/v3/routes');
		expect(create?.headers.authorization).toBe(`Basic ${Buffer.from(`api:${API_KEY}`).toString('base64')}`);
		expect(mailgun.creates[0]).toEqual([
			['priority', '0'],
			['description', `n8n: ${NODE} (test-webhook-id)`],
			['expression', 'match_recipient("support@mg.acme.example")'],
			['action', `forward("${WEBHOOK_URL}")`],
			['action', 'stop()'],
		]);
		const [route] = [...mailgun.routes.values()];
		expect((staticData[`node:${NODE}`] as IDataObject).webhookRegistration).toEqual({ route: { id: route.id, url: WEBHOOK_URL } });
		expect(JSON.stringify(staticData)).not.toContain(API_KEY);

		const before = mailgun.requests.length;
		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		expect(mailgun.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v3/routes/${route.id}`]);

		expect((await lifecycle('delete', staticData)).result).toBe(true);
		expect(mailgun.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v3/routes/${route.id}` });
		expect(mailgun.routes.size).toBe(0);
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
	});

	it('finds a route made by hand and leaves it on deactivation', async () => {
		mailgun.routes.set('5f0c0ffee0c0ffee0c0ffee0', {
			id: '5f0c0ffee0c0ffee0c0ffee0', priority: 1, description: 'by hand', expression: 'match_recipient("support@mg.acme.example")',
			actions: [`forward("${WEBHOOK_URL}")`], created_at: 'Wed, 15 Feb 2012 13:03:31 GMT',
		});
		expect((await lifecycle('checkExists', {})).result).toBe(true);
		await lifecycle('delete', {});
		expect(mailgun.routes.size).toBe(1);
	});

	it('replaces its route when the address changes, and leaves one edited since to forward elsewhere', async () => {
		const staticData: IDataObject = {};
		await lifecycle('create', staticData);
		const [first] = [...mailgun.routes.keys()];
		const parameters = { routeRecipient: '.*@help.acme.example' };
		expect((await lifecycle('checkExists', staticData, { parameters })).result).toBe(false);
		await lifecycle('create', staticData, { parameters });
		expect(mailgun.routes.has(first)).toBe(false);
		const [second] = [...mailgun.routes.values()];
		expect(second.expression).toBe('match_recipient(".*@help.acme.example")');

		second.actions = ['forward("https://crm.example.test/inbound")'];
		await lifecycle('delete', staticData, { parameters });
		expect(mailgun.routes.has(second.id)).toBe(true);
	});

	it('fails activation with a hint naming the key and its region when Mailgun refuses', async () => {
		const attempt = lifecycle('create', {}, { credential: credential({ apiKey: 'key-from-the-other-region' }) });
		await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Region') });
		await expect(attempt).rejects.toThrow('Mailgun could not list the routes: Forbidden');
		await expect(attempt).rejects.not.toThrow(/key-from-the-other-region/);
		expect(mailgun.routes.size).toBe(0);
	});

	it('asks for the address rather than forwarding every e-mail', async () => {
		await expect(lifecycle('create', {}, { parameters: { routeRecipient: '' } })).rejects.toThrow('Receive Emails To is empty');
		expect(mailgun.requests).toEqual([]);
	});

	it('calls nothing without an API key or when off; the notice says what to create in Mailgun', async () => {
		expect((await lifecycle('checkExists', {}, { credential: credential({ apiKey: '' }) })).result).toBe(true);
		expect((await lifecycle('create', {}, { credential: credential({ apiKey: '' }) })).result).toBe(true);
		expect((await lifecycle('create', {}, { parameters: { webhookRegistration: 'manual' } })).result).toBe(true);
		expect(mailgun.requests).toEqual([]);
		const notice = new OmnichannelMailgunTrigger().description.properties.find((property) => property.name === 'routeNotice');
		expect(notice?.displayName).toContain('forward("<this node\'s Production URL>")');
	});

	it('writes addresses into match_recipient and keeps whole filters', () => {
		expect(routeExpression(' support@mg.acme.example ')).toBe('match_recipient("support@mg.acme.example")');
		expect(routeExpression('say "hi"@x')).toBe('match_recipient("say \\"hi\\"@x")');
		expect(routeExpression('match_header("subject", ".*ticket.*")')).toBe('match_header("subject", ".*ticket.*")');
		expect(routeExpression('catch_all()')).toBe('catch_all()');
	});
});
