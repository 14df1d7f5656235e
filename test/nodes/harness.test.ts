/**
 * Proves the n8n test harness: nodes defined here run through n8n-core's real
 * execution engine, webhook and hook contexts, against local HTTP servers.
 */
import { createHmac } from 'node:crypto';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	chain,
	getLogger,
	readBinary,
	runWebhook,
	runWebhookLifecycle,
	runWorkflow,
	START_NODE_NAME,
} from '../support/n8n-harness';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';

// ---------------------------------------------------------------------------
// Node and credential types under test
// ---------------------------------------------------------------------------

/** Generic authentication: n8n resolves the expression and adds the header. */
const lookupApi: ICredentialType = {
	name: 'harnessLookupApi',
	displayName: 'Lookup API',
	properties: [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	},
};

/** Looks every item up on the remote API; items without an id are rejected. */
const lookupNode: INodeType = {
	description: {
		displayName: 'Lookup',
		name: 'harnessLookup',
		group: ['transform'],
		version: 1,
		description: 'Enriches items from the lookup API',
		defaults: { name: 'Lookup' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessLookupApi', required: true }],
		properties: [
			{ displayName: 'Endpoint', name: 'endpoint', type: 'string', default: '/lookup' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials<{ baseUrl: string }>('harnessLookupApi');
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const id = items[itemIndex].json.id;
				if (typeof id !== 'string' || id === '') {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no id`, { itemIndex });
				}
				const endpoint = this.getNodeParameter('endpoint', itemIndex) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessLookupApi',
					{ method: 'POST', url: `${credentials.baseUrl}${endpoint}`, body: { id }, json: true },
				)) as IDataObject;
				output.push({ json: { ...items[itemIndex].json, customer: response }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	},
};

/** Calls a URL without credentials and reports what it got back. */
const pingNode: INodeType = {
	description: {
		displayName: 'Ping',
		name: 'harnessPing',
		group: ['transform'],
		version: 1,
		description: 'GETs a URL',
		defaults: { name: 'Ping' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const url = this.getNodeParameter('url', itemIndex) as string;
			const response = (await this.helpers.httpRequest({ method: 'GET', url, json: true })) as IDataObject;
			output.push({ json: { response }, pairedItem: { item: itemIndex } });
		}
		return [output];
	},
};

/** Reports the size and text of each item's `file` binary property. */
const binaryInfoNode: INodeType = {
	description: {
		displayName: 'Binary Info',
		name: 'harnessBinaryInfo',
		group: ['transform'],
		version: 1,
		description: 'Reads binary input',
		defaults: { name: 'Binary Info' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const binary = this.helpers.assertBinaryData(itemIndex, 'file');
			const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, 'file');
			output.push({
				json: { bytes: buffer.length, text: buffer.toString('utf8'), mimeType: binary.mimeType },
				pairedItem: { item: itemIndex },
			});
		}
		return [output];
	},
};

interface InboundMessage {
	id: string;
	text: string;
	attachment?: { base64: string; mimeType: string; fileName: string };
}

/**
 * Signed inbound webhook: GET answers a verification handshake, POST checks an
 * HMAC of the raw body, drops redelivered payloads and emits one item per message.
 */
const inboundTrigger: INodeType = {
	description: {
		displayName: 'Inbound Trigger',
		name: 'harnessInboundTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Receives signed messages',
		defaults: { name: 'Inbound Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessWebhookSecret', required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'inbound' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'inbound' },
		],
		properties: [
			{ displayName: 'Signature Header', name: 'signatureHeader', type: 'string', default: 'x-signature' },
		],
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { secret } = await this.getCredentials<{ secret: string }>('harnessWebhookSecret');
		const res = this.getResponseObject();

		if (this.getWebhookName() === 'setup') {
			const query = this.getQueryData() as Record<string, string>;
			if (query['hub.verify_token'] === secret) res.status(200).send(query['hub.challenge']);
			else res.status(403).send('forbidden');
			return { noWebhookResponse: true };
		}

		const req = this.getRequestObject();
		const headerName = this.getNodeParameter('signatureHeader') as string;
		const expected = createHmac('sha256', secret).update(req.rawBody as Buffer).digest('hex');
		if (this.getHeaderData()[headerName] !== expected) {
			this.logger.warn('Rejected inbound webhook: bad signature', { node: this.getNode().name });
			res.status(401).json({ error: 'invalid signature' });
			return { noWebhookResponse: true };
		}

		const deliveryId = this.getHeaderData()['x-delivery-id'] as string;
		const staticData = this.getWorkflowStaticData('node');
		const seen = (staticData.seenDeliveries as string[] | undefined) ?? [];
		if (seen.includes(deliveryId)) return { webhookResponse: { duplicate: true } };
		staticData.seenDeliveries = [...seen, deliveryId];

		const body = this.getBodyData() as { messages?: InboundMessage[] };
		if (!Array.isArray(body.messages)) {
			throw new NodeOperationError(this.getNode(), 'Payload has no messages');
		}
		const items: INodeExecutionData[] = [];
		for (const message of body.messages) {
			const [item] = this.helpers.returnJsonArray({
				id: message.id,
				text: message.text,
				webhookUrl: this.getNodeWebhookUrl('default') ?? null,
			});
			if (message.attachment) {
				item.binary = {
					file: await this.helpers.prepareBinaryData(
						Buffer.from(message.attachment.base64, 'base64'),
						message.attachment.fileName,
						message.attachment.mimeType,
					),
				};
			}
			items.push(item);
		}
		return { workflowData: [items] };
	},
};

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

describe('runWorkflow', () => {
	let api: LocalServer;
	const credentials = () => ({ harnessLookupApi: { baseUrl: api.url, apiKey: 'key-123' } });

	beforeAll(async () => {
		api = await startLocalServer((request, response) => {
			if (request.method === 'GET') {
				sendJson(response, 200, { pong: true, path: request.path });
				return;
			}
			const { id } = request.json as { id: string };
			sendJson(response, 200, { name: `Customer ${id}`, path: request.path });
		});
	});
	afterAll(async () => await api.close());
	beforeEach(() => api.requests.splice(0));

	it('runs a credentialed node that calls a real HTTP API and keeps pairedItem', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [
				{ name: 'Lookup', type: 'harnessLookup', parameters: { endpoint: '={{ "/lookup/" + $json.id }}' } },
			],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { id: 'b2' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual([START_NODE_NAME, 'Lookup']);
		expect(result.outputOf('Lookup')).toEqual([
			{ json: { id: 'a1', customer: { name: 'Customer a1', path: '/lookup/a1' } }, pairedItem: { item: 0 } },
			{ json: { id: 'b2', customer: { name: 'Customer b2', path: '/lookup/b2' } }, pairedItem: { item: 1 } },
		]);
		// The credential type's generic `authenticate` added the header to real requests.
		expect(api.requests.map((request) => request.headers['x-api-key'])).toEqual(['key-123', 'key-123']);
		expect(api.requests.map((request) => request.json)).toEqual([{ id: 'a1' }, { id: 'b2' }]);
	});

	it('fails the workflow with the NodeOperationError of a bad item', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [{ name: 'Lookup', type: 'harnessLookup' }],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { name: 'no id' } }, { json: { id: 'c3' } }],
		});

		expect(result.status).toBe('error');
		// n8n stores plain, serialisable copies of the thrown error.
		const thrown = {
			name: 'NodeOperationError',
			message: 'Item 1 has no id',
			node: { name: 'Lookup' },
			context: { itemIndex: 1 },
		};
		expect(result.error).toMatchObject(thrown);
		expect(result.nodeError('Lookup')).toMatchObject(thrown);
		expect(result.outputOf('Lookup')).toEqual([]);
		// Processing stopped at the bad item.
		expect(api.requests).toHaveLength(1);
	});

	it('continues on fail with an error item in place of the bad one', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [{ name: 'Lookup', type: 'harnessLookup', onError: 'continueRegularOutput' }],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { name: 'no id' } }, { json: { id: 'c3' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.outputOf('Lookup')).toEqual([
			{ json: { id: 'a1', customer: { name: 'Customer a1', path: '/lookup' } }, pairedItem: { item: 0 } },
			{ json: { error: 'Item 1 has no id' }, pairedItem: { item: 1 } },
			{ json: { id: 'c3', customer: { name: 'Customer c3', path: '/lookup' } }, pairedItem: { item: 2 } },
		]);
	});

	it('routes failed items to the error output with continueErrorOutput', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode },
			nodes: [{ name: 'Lookup', type: 'harnessLookup', onError: 'continueErrorOutput' }],
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }, { json: { name: 'no id' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Lookup', 0)).toEqual([
			{ id: 'a1', customer: { name: 'Customer a1', path: '/lookup' } },
		]);
		// n8n keeps the failed input item's json next to the error.
		expect(result.outputOf('Lookup', 1)).toEqual([
			{ json: { name: 'no id', error: 'Item 1 has no id' }, pairedItem: { item: 1 } },
		]);
	});

	it('chains nodes and sends plain httpRequest calls without credentials', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessLookup: lookupNode, harnessPing: pingNode },
			nodes: [
				{ name: 'Lookup', type: 'harnessLookup' },
				{ name: 'Ping', type: 'harnessPing', parameters: { url: `=${api.url}/ping/{{ $json.customer.name }}` } },
			],
			connections: chain(START_NODE_NAME, 'Lookup', 'Ping'),
			credentials: credentials(),
			credentialTypes: [lookupApi],
			items: [{ json: { id: 'a1' } }],
		});

		expect(result.executedNodes).toEqual([START_NODE_NAME, 'Lookup', 'Ping']);
		expect(result.outputOf('Ping')).toEqual([
			{ json: { response: { pong: true, path: '/ping/Customer%20a1' } }, pairedItem: { item: 0 } },
		]);
		const ping = api.requests[1];
		expect(ping.method).toBe('GET');
		expect(ping.headers['x-api-key']).toBeUndefined();
	});

	it('feeds binary input items through prepareBinaryData', async () => {
		const result = await runWorkflow({
			nodeTypes: { harnessBinaryInfo: binaryInfoNode },
			nodes: [{ name: 'Binary Info', type: 'harnessBinaryInfo' }],
			items: [
				{
					json: {},
					binary: { file: { data: Buffer.from('hello'), mimeType: 'text/plain', fileName: 'a.txt' } },
				},
			],
		});

		expect(result.jsonOf('Binary Info')).toEqual([{ bytes: 5, text: 'hello', mimeType: 'text/plain' }]);
		const [startItem] = result.outputOf(START_NODE_NAME);
		expect(startItem.binary?.file).toMatchObject({
			fileName: 'a.txt',
			mimeType: 'text/plain',
			fileExtension: 'txt',
		});
	});
});

describe('runWebhook', () => {
	const secret = 'shh';
	const sign = (body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');
	const credentials = { harnessWebhookSecret: { secret } };
	const pdfBytes = Buffer.from('%PDF-1.4 fake');
	// Deliberately odd formatting: the signature covers these exact bytes.
	const attachment = `{"base64":"${pdfBytes.toString('base64')}","mimeType":"application/pdf","fileName":"doc.pdf"}`;
	const payload = Buffer.from(
		`{ "messages": [ {"id":"m1", "text":"hi"},\n  {"id":"m2","text":"see file","attachment":${attachment}} ] }`,
	);

	const post = (headers: Record<string, string>, rawBody: Buffer = payload, staticData?: IDataObject) =>
		runWebhook({
			nodeType: inboundTrigger,
			parameters: {},
			credentials,
			staticData,
			request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody },
		});

	afterEach(() => jest.restoreAllMocks());

	it('answers 401 itself when the signature is wrong and starts nothing', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		const result = await post({ 'x-signature': 'bad', 'x-delivery-id': 'd1' });

		expect(result.statusCode).toBe(401);
		expect(result.responseBody).toEqual({ error: 'invalid signature' });
		expect(result.items).toBeUndefined();
		expect(result.error).toBeUndefined();
		expect(warn).toHaveBeenCalledWith('Rejected inbound webhook: bad signature', { node: 'Inbound Trigger' });
	});

	it('emits items, with binary data, when the signature matches the raw body', async () => {
		const result = await post({ 'x-signature': sign(payload), 'x-delivery-id': 'd1' });

		expect(result.error).toBeUndefined();
		expect(result.statusCode).toBe(200);
		expect(result.responseBody).toEqual({ message: 'Workflow was started' });
		const items = result.items?.[0] ?? [];
		expect(items.map((item) => item.json)).toEqual([
			{ id: 'm1', text: 'hi', webhookUrl: 'http://localhost:5678/webhook/test-webhook-id/inbound' },
			{ id: 'm2', text: 'see file', webhookUrl: 'http://localhost:5678/webhook/test-webhook-id/inbound' },
		]);
		expect(items[0].binary).toBeUndefined();
		const file = items[1].binary?.file;
		expect(file).toMatchObject({ mimeType: 'application/pdf', fileName: 'doc.pdf', fileExtension: 'pdf' });
		expect(await readBinary(file!)).toEqual(pdfBytes);
		expect(result.webhookUrl).toBe('http://localhost:5678/webhook/test-webhook-id/inbound');
	});

	it('keeps static data between calls so redeliveries start nothing', async () => {
		const staticData: IDataObject = {};
		const headers = { 'x-signature': sign(payload), 'x-delivery-id': 'd7' };

		const first = await post(headers, payload, staticData);
		const second = await post(headers, payload, staticData);
		const third = await post({ ...headers, 'x-delivery-id': 'd8' }, payload, staticData);

		expect(first.items?.[0]).toHaveLength(2);
		expect(second.items).toBeUndefined();
		expect(second.statusCode).toBe(200);
		expect(second.responseBody).toEqual({ duplicate: true });
		expect(third.items?.[0]).toHaveLength(2);
		expect(staticData['node:Inbound Trigger']).toEqual({ seenDeliveries: ['d7', 'd8'] });
	});

	it('answers a GET verification handshake on the setup webhook', async () => {
		const handshake = (token: string) =>
			runWebhook({
				nodeType: inboundTrigger,
				credentials,
				webhookName: 'setup',
				request: { method: 'GET', query: { 'hub.verify_token': token, 'hub.challenge': '12345' } },
			});

		const accepted = await handshake(secret);
		expect(accepted.statusCode).toBe(200);
		expect(accepted.responseBody).toBe('12345');
		expect(accepted.items).toBeUndefined();

		const rejected = await handshake('wrong');
		expect(rejected.statusCode).toBe(403);
		expect(rejected.responseBody).toBe('forbidden');
	});

	it('reports a throwing webhook as a 500 with the error', async () => {
		const body = Buffer.from('{"unexpected":true}');
		const result = await post({ 'x-signature': sign(body), 'x-delivery-id': 'd9' }, body);

		expect(result.statusCode).toBe(500);
		expect(result.items).toBeUndefined();
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Payload has no messages');
	});
});

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
