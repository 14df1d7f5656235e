/**
 * Proves the n8n test harness's `runWebhookLifecycle`: a trigger node defined
 * here registers and deletes its webhook through n8n-core's hook context against
 * a local HTTP server, then serves the webhook it registered.
 */
import {
	NodeConnectionTypes,
	type ICredentialType,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { runWebhook, runWebhookLifecycle } from '../support/n8n-harness';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';

// ---------------------------------------------------------------------------
// Node and credential types under test
// ---------------------------------------------------------------------------

/** Function authentication: the bot token travels as a bearer header. */
const botApi: ICredentialType = {
	name: 'harnessBotApi',
	displayName: 'Bot API',
	properties: [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'string', default: '' },
	],
	authenticate: async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${credentials.token as string}` },
	}),
};

/** Registers its webhook URL on activation, like Telegram's setWebhook. */
const registeringTrigger: INodeType = {
	description: {
		displayName: 'Bot Trigger',
		name: 'harnessBotTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Receives bot updates',
		defaults: { name: 'Bot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessBotApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'bot' }],
		properties: [],
	},
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('harnessBotApi');
				const info = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessBotApi', {
					method: 'GET',
					url: `${baseUrl}/getWebhookInfo`,
					json: true,
				})) as { url: string };
				return info.url === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('harnessBotApi');
				const staticData = this.getWorkflowStaticData('node');
				const secretToken = `secret-${this.getNode().id}`;
				const result = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessBotApi', {
					method: 'POST',
					url: `${baseUrl}/setWebhook`,
					body: { url: this.getNodeWebhookUrl('default'), secret_token: secretToken },
					json: true,
				})) as { ok: boolean };
				if (result.ok) staticData.secretToken = secretToken;
				return result.ok;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('harnessBotApi');
				const result = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessBotApi', {
					method: 'POST',
					url: `${baseUrl}/deleteWebhook`,
					json: true,
				})) as { ok: boolean };
				delete this.getWorkflowStaticData('node').secretToken;
				return result.ok;
			},
		},
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { secretToken } = this.getWorkflowStaticData('node');
		if (this.getHeaderData()['x-bot-secret'] !== secretToken) {
			this.getResponseObject().status(401).send('unauthorized');
			return { noWebhookResponse: true };
		}
		return { workflowData: [this.helpers.returnJsonArray(this.getBodyData())] };
	},
};

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('runWebhookLifecycle', () => {
	let botApiServer: LocalServer;
	let registeredUrl = '';
	let registeredSecret = '';

	beforeAll(async () => {
		botApiServer = await startLocalServer((request, response) => {
			if (request.headers.authorization !== 'Bearer bot-token') {
				sendJson(response, 401, { ok: false });
			} else if (request.path === '/getWebhookInfo') {
				sendJson(response, 200, { url: registeredUrl });
			} else if (request.path === '/setWebhook') {
				({ url: registeredUrl, secret_token: registeredSecret } = request.json as {
					url: string;
					secret_token: string;
				});
				sendJson(response, 200, { ok: true });
			} else if (request.path === '/deleteWebhook') {
				registeredUrl = '';
				registeredSecret = '';
				sendJson(response, 200, { ok: true });
			} else {
				sendJson(response, 404, { ok: false });
			}
		});
	});
	afterAll(async () => await botApiServer.close());

	it('registers, serves and deletes the webhook against the remote API', async () => {
		const staticData: IDataObject = {};
		const lifecycle = (method: 'checkExists' | 'create' | 'delete') =>
			runWebhookLifecycle({
				nodeType: registeringTrigger,
				credentials: { harnessBotApi: { baseUrl: botApiServer.url, token: 'bot-token' } },
				credentialTypes: [botApi],
				method,
				staticData,
			});

		expect((await lifecycle('checkExists')).result).toBe(false);

		const created = await lifecycle('create');
		expect(created.result).toBe(true);
		expect(created.webhookUrl).toBe('http://localhost:5678/webhook/test-webhook-id/bot');
		expect(registeredUrl).toBe(created.webhookUrl);
		expect(registeredSecret).toBe('secret-node-trigger');
		expect(staticData['node:Bot Trigger']).toEqual({ secretToken: 'secret-node-trigger' });
		expect((await lifecycle('checkExists')).result).toBe(true);

		// The secret stored on activation is what the webhook checks later.
		const update = (secretHeader: string) =>
			runWebhook({
				nodeType: registeringTrigger,
				credentials: { harnessBotApi: { baseUrl: botApiServer.url, token: 'bot-token' } },
				staticData,
				request: {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-bot-secret': secretHeader },
					rawBody: '{"update_id":1}',
				},
			});
		expect((await update('forged')).statusCode).toBe(401);
		expect((await update(registeredSecret)).items).toEqual([[{ json: { update_id: 1 } }]]);

		expect((await lifecycle('delete')).result).toBe(true);
		expect(registeredUrl).toBe('');
		expect(staticData['node:Bot Trigger']).toEqual({});
		expect((await lifecycle('checkExists')).result).toBe(false);
		expect(botApiServer.requests.every((request) => request.headers.authorization === 'Bearer bot-token')).toBe(
			true,
		);
	});
});
