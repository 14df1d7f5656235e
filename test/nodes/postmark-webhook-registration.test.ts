/**
 * The Omnichannel Postmark Trigger sets its server's inbound webhook URL on activation and
 * clears it on deactivation, through n8n's hook context, against a local stand-in of Postmark.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { PostmarkInboundApi } from '../../credentials/PostmarkInboundApi.credentials';
import { OmnichannelPostmarkTrigger } from '../../nodes/OmnichannelPostmarkTrigger/OmnichannelPostmarkTrigger.node';
import { runWebhookLifecycle } from '../support/n8n-harness';
import { startFakePostmarkApi, type FakePostmarkApi } from '../support/postmark-api';

const SERVER_TOKEN = 'postmark-server-token-0123456789';
const USER = 'postmark-hook';
const PASSWORD = 'pm basic:pass@0123';
const URL_SECRET = 'pm-url-secret-abcdef0123456789';
const PROTECTED_URL = 'http://postmark-hook:pm%20basic%3Apass%400123@localhost:5678/webhook/test-webhook-id/webhook';

describe('Omnichannel Postmark Trigger: inbound webhook registration', () => {
	let postmark: FakePostmarkApi;
	beforeAll(async () => {
		postmark = await startFakePostmarkApi(SERVER_TOKEN);
	});
	afterAll(async () => await postmark.close());
	beforeEach(() => postmark.reset());

	const credential = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({ user: USER, password: PASSWORD, serverToken: SERVER_TOKEN, baseUrl: postmark.url, ...overrides });
	const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, options: { parameters?: INodeParameters; credential?: ICredentialDataDecryptedObject | null } = {}) =>
		runWebhookLifecycle({
			nodeType: new OmnichannelPostmarkTrigger(),
			parameters: options.parameters ?? {},
			credentials: options.credential === null ? {} : { omnichannelPostmarkInboundApi: options.credential ?? credential() },
			credentialTypes: [new PostmarkInboundApi()],
			method,
			staticData,
		});

	it("sets the server's inbound URL with the Basic-auth user and password on activation, finds it, and clears it on deactivation", async () => {
		const staticData: IDataObject = {};
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
		await lifecycle('create', staticData);
		expect(postmark.violations).toEqual([]);
		const put = postmark.requests.find((request) => request.method === 'PUT');
		expect(put?.path).toBe('/server');
		expect(put?.headers['x-postmark-server-token']).toBe(SERVER_TOKEN);
		expect(put?.json).toEqual({ InboundHookUrl: PROTECTED_URL });
		// What was registered is remembered without the password it holds.
		expect(JSON.stringify(staticData)).not.toContain('pass');
		expect((staticData['node:Omnichannel Postmark Trigger'] as IDataObject).webhookRegistration).toEqual({ 'inbound webhook': { fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) } });

		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		await lifecycle('delete', staticData);
		expect(postmark.requests.at(-1)?.json).toEqual({ InboundHookUrl: '' });
		expect(postmark.server.InboundHookUrl).toBe('');
		expect(postmark.violations).toEqual([]);
	});

	it('puts the URL Secret in the registered URL', async () => {
		await lifecycle('create', {}, { parameters: { urlSecret: URL_SECRET } });
		expect(postmark.server.InboundHookUrl).toBe(`${PROTECTED_URL}?secret=${URL_SECRET}`);
	});

	it('leaves an inbound URL that someone changed since', async () => {
		const staticData: IDataObject = {};
		await lifecycle('create', staticData);
		postmark.server.InboundHookUrl = 'https://helpdesk.example.test/postmark';
		await lifecycle('delete', staticData);
		expect(postmark.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
		expect(postmark.server.InboundHookUrl).toBe('https://helpdesk.example.test/postmark');
	});

	it('fails activation with a hint when Postmark refuses the token, without showing it or the password', async () => {
		const attempt = lifecycle('create', {}, { credential: credential({ serverToken: 'account-token-by-mistake' }) });
		await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Server API Token') });
		await expect(attempt).rejects.toThrow('The Server Token you provided');
		await expect(attempt).rejects.not.toThrow(/account-token-by-mistake|0123@/);
	});

	it('calls nothing without a credential, without a token, or when off; the notice says what to paste where', async () => {
		expect((await lifecycle('create', {}, { credential: null })).result).toBe(true);
		expect((await lifecycle('checkExists', {}, { credential: credential({ serverToken: '' }) })).result).toBe(true);
		expect((await lifecycle('create', {}, { credential: credential({ serverToken: '' }) })).result).toBe(true);
		expect((await lifecycle('create', {}, { parameters: { webhookRegistration: 'manual' } })).result).toBe(true);
		expect(postmark.requests).toEqual([]);
		const notice = new OmnichannelPostmarkTrigger().description.properties.find((property) => property.name === 'serverNotice');
		expect(notice?.displayName).toContain("this node's Production URL as https://USER:PASSWORD@host/webhook/…, plus ?secret=THE-SECRET");
	});
});
