import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import axios from 'axios';
import { Workflow, type IDataObject, type INode, type INodeParameters, type INodeTypes } from 'n8n-workflow';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { OmnichannelTwilio } from '../../nodes/OmnichannelTwilio/OmnichannelTwilio.node';
import { HarnessCredentialsHelper, runWorkflow } from '../support/n8n-harness';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../support/local-server';

const API = path.resolve(__dirname, '../fixtures/channels/twilio/api');
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
const SERVICE_SID = 'MG0123456789abcdef0123456789abcdef';
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

const apiBody = (file: string) => JSON.parse(readFileSync(path.join(API, file), 'utf8')) as IDataObject;

type Reply = { status: number; file: string; headers?: Record<string, string> };

/** Twilio's Messages API, speaking its documented answers in the order given (the last one repeats). */
let replies: Reply[] = [];
let server: LocalServer;

function answer(request: RecordedRequest, response: ServerResponse) {
	const reply = replies.length > 1 ? replies.shift()! : replies[0];
	for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
	sendJson(response, reply.status, apiBody(reply.file));
}

beforeAll(async () => {
	server = await startLocalServer(answer);
});
afterAll(async () => server.close());
beforeEach(() => {
	server.requests.length = 0;
	replies = [{ status: 201, file: 'message-queued.json' }];
});

function run(parameters: INodeParameters, items: IDataObject[] = [{}], options: { onError?: 'continueRegularOutput'; credential?: IDataObject } = {}) {
	return runWorkflow({
		nodeTypes: { omnichannelTwilio: new OmnichannelTwilio() },
		nodes: [{ name: 'Twilio', type: 'omnichannelTwilio', parameters, onError: options.onError }],
		credentials: { omnichannelTwilioApi: { authType: 'authToken', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: server.url, ...options.credential } },
		credentialTypes: [new OmnichannelTwilioApi()],
		items: items.map((json) => ({ json })),
	});
}

const sms = (extra: INodeParameters = {}): INodeParameters => ({
	operation: 'send',
	channel: 'sms',
	to: '+15555550123',
	sendFrom: 'phoneNumber',
	from: '+15550001234',
	body: 'Your order #4821 has shipped',
	...extra,
});

const formOf = (request: RecordedRequest) => new URLSearchParams(request.rawBody.toString('utf8'));
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Omnichannel Twilio node, through n8n', () => {
	it('sends an SMS as Twilio documents it and outputs the canonical outbound event', async () => {
		const result = await run(
			sms({ to: '(555) 555-0123', defaultCountry: 'US', options: { statusCallback: 'https://hooks.example.test/twilio/sms-status' } }),
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(MESSAGES_PATH);
		expect(request.headers.authorization).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
		expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
		const form = formOf(request);
		expect(Object.fromEntries(form)).toEqual({
			To: '+15555550123',
			From: '+15550001234',
			Body: 'Your order #4821 has shipped',
			StatusCallback: 'https://hooks.example.test/twilio/sms-status',
		});

		const [item] = result.outputOf('Twilio');
		expect(item.pairedItem).toEqual({ item: 0 });
		const event = canonicalEventSchema.parse(item.json);
		expect(event).toMatchObject({
			id: 'sms:+15550001234:SM5550123abcdef0123456789abcdef31',
			type: 'message',
			channel: 'sms',
			provider: 'twilio',
			direction: 'outbound',
			externalId: 'SM5550123abcdef0123456789abcdef31',
			text: 'Your order #4821 has shipped',
			account: '+15550001234',
			to: { identities: [{ kind: 'phone', value: '+15555550123' }] },
		});
		expect(Math.abs(Date.parse(event.timestamp) - Date.now())).toBeLessThan(60_000);
		expect(item.json.raw).toBeUndefined();
	});

	it('sends one message per item from expressions, each output paired with its input', async () => {
		const result = await run(sms({ to: '={{ $json.phone }}', body: '={{ "Hi " + $json.name }}', defaultCountry: 'BR' }), [
			{ phone: '(11) 98765-4321', name: 'Ana' },
			{ phone: '+55 21 99876-5432', name: 'Bruno' },
		]);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => formOf(request).get('To'))).toEqual(['+5511987654321', '+5521998765432']);
		expect(server.requests.map((request) => formOf(request).get('Body'))).toEqual(['Hi Ana', 'Hi Bruno']);
		const output = result.outputOf('Twilio');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output.map((item) => (item.json as unknown as CanonicalEvent).to.identities)).toEqual([
			[{ kind: 'phone', value: '+5511987654321' }],
			[{ kind: 'phone', value: '+5521998765432' }],
		]);
	});

	it('sends an MMS through a Messaging Service, repeating MediaUrl, and adds the raw response when asked', async () => {
		replies = [{ status: 201, file: 'message-mms-service-accepted.json' }];
		const result = await run(
			sms({
				sendFrom: 'messagingService',
				messagingServiceSid: SERVICE_SID,
				body: 'Here is your receipt',
				mediaUrls: 'https://cdn.example.test/receipt.jpg,\nhttps://cdn.example.test/invoice.pdf',
				options: { includeRaw: true },
			}),
		);
		expect(result.error).toBeUndefined();
		const form = formOf(server.requests[0]);
		expect(form.get('MessagingServiceSid')).toBe(SERVICE_SID);
		expect(form.has('From')).toBe(false);
		expect(form.getAll('MediaUrl')).toEqual(['https://cdn.example.test/receipt.jpg', 'https://cdn.example.test/invoice.pdf']);
		const event = result.jsonOf('Twilio')[0] as unknown as CanonicalEvent;
		expect(event).toMatchObject({
			id: `sms:${SERVICE_SID}:MM5550123abcdef0123456789abcdef32`,
			account: SERVICE_SID,
			to: {},
			attachments: [
				{ type: 'image', url: 'https://cdn.example.test/receipt.jpg' },
				{ type: 'document', url: 'https://cdn.example.test/invoice.pdf' },
			],
		});
		expect(event.raw).toMatchObject({ sid: 'MM5550123abcdef0123456789abcdef32', status: 'accepted' });
	});

	it('takes Media URLs as a list from an expression', async () => {
		const result = await run(sms({ body: '', mediaUrls: '={{ $json.photos }}' }), [{ photos: ['https://cdn.example.test/a.png', 'https://cdn.example.test/b.png'] }]);
		expect(result.error).toBeUndefined();
		expect(formOf(server.requests[0]).getAll('MediaUrl')).toEqual(['https://cdn.example.test/a.png', 'https://cdn.example.test/b.png']);
		expect(formOf(server.requests[0]).has('Body')).toBe(false);
	});

	it('sends on WhatsApp through Twilio with the whatsapp: prefix, and a Content Template', async () => {
		replies = [{ status: 201, file: 'message-whatsapp-queued.json' }];
		const result = await run(
			sms({
				channel: 'whatsapp',
				to: '+55 11 95555-0123',
				body: '',
				options: { contentSid: 'HX0123456789abcdef0123456789abcdef', contentVariables: '{"1":"Maria"}' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(Object.fromEntries(formOf(server.requests[0]))).toEqual({
			To: 'whatsapp:+5511955550123',
			From: 'whatsapp:+15550001234',
			ContentSid: 'HX0123456789abcdef0123456789abcdef',
			ContentVariables: '{"1":"Maria"}',
		});
		expect(result.jsonOf('Twilio')[0]).toMatchObject({
			id: 'whatsapp:+15550001234:SM5550123abcdef0123456789abcdef33',
			channel: 'whatsapp',
			account: '+15550001234',
			to: { identities: [{ kind: 'phone', value: '+5511955550123' }] },
		});
	});

	it('signs with an API key when the credential uses one', async () => {
		const result = await run(sms(), [{}], { credential: { authType: 'apiKey', apiKeySid: 'SK0123456789abcdef0123456789abcdef', apiKeySecret: 'key-secret' } });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].headers.authorization).toBe(basic('SK0123456789abcdef0123456789abcdef', 'key-secret'));
		expect(server.requests[0].path).toBe(MESSAGES_PATH);
	});

	describe.each([
		['error-21211.json', 400, 21211, "Invalid 'To' Phone Number", 'country code'],
		['error-21610.json', 400, 21610, 'unsubscribed recipient', 'replied STOP'],
		['error-21408.json', 400, 21408, 'has not been enabled for the region', 'Geo permissions'],
		['error-21614.json', 400, 21614, 'not a valid mobile number', 'landline'],
		['error-20003.json', 401, 20003, 'Authenticate', 'Copy the Account SID and Auth Token'],
	])('Twilio refuses with %s', (file, status, code, said, hint) => {
		it('stops the workflow with a NodeApiError carrying the code and a hint', async () => {
			replies = [{ status, file }];
			const result = await run(sms());
			expect(server.requests).toHaveLength(1);
			expect(result.status).toBe('error');
			const error = result.nodeError('Twilio') as unknown as { message: string; description?: string; httpCode?: string; name?: string };
			expect(error.message).toContain(said);
			expect(error.message).toContain(`twilio error ${code}`);
			expect(error.description).toContain(hint);
			expect(error.httpCode).toBe(String(status));
			expect(JSON.stringify(error)).not.toContain(AUTH_TOKEN);
		});

		it('outputs an error item and goes on with continue-on-fail', async () => {
			replies = [{ status, file }];
			const result = await run(sms({ to: '={{ $json.phone }}' }), [{ phone: '+15555550123' }, { phone: '+15555550124' }], { onError: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();
			const output = result.outputOf('Twilio');
			expect(output).toHaveLength(2);
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(String(output[0].json.error)).toContain(`twilio error ${code}`);
			expect(output[0].json.phone).toBe('+15555550123');
		});
	});

	it('waits as Retry-After says when Twilio rate limits (20429), then sends', async () => {
		replies = [
			{ status: 429, file: 'error-20429.json', headers: { 'retry-after': '1' } },
			{ status: 201, file: 'message-queued.json' },
		];
		const started = Date.now();
		const result = await run(sms());
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(formOf(server.requests[1]).get('To')).toBe('+15555550123');
		expect(result.jsonOf('Twilio')[0]).toMatchObject({ externalId: 'SM5550123abcdef0123456789abcdef31' });
	});

	it('tries again when Twilio fails with a 5xx, then sends', async () => {
		replies = [
			{ status: 503, file: 'error-20429.json', headers: { 'retry-after': '0' } },
			{ status: 201, file: 'message-queued.json' },
		];
		const result = await run(sms());
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(result.outputOf('Twilio')).toHaveLength(1);
	});

	it('gives up after the retries when Twilio keeps rate limiting, with a hint', async () => {
		replies = [{ status: 429, file: 'error-20429.json', headers: { 'retry-after': '0' } }];
		const result = await run(sms());
		expect(server.requests).toHaveLength(4);
		const error = result.nodeError('Twilio') as unknown as { message: string; description?: string };
		expect(error.message).toContain('twilio error 20429');
		expect(error.description).toContain('Send fewer messages at once');
	});

	it.each([
		[{ to: 'call me' }, 'To:'],
		[{ to: '555 0123' }, 'default country'],
		[{ from: '={{ $json.missing ?? "" }}', sendFrom: 'phoneNumber' }, 'No sender'],
		[{ sendFrom: 'messagingService', messagingServiceSid: 'MG123' }, 'Messaging Service SID'],
		[{ body: '' }, 'The message is empty'],
		[{ mediaUrls: 'ftp://files.example.test/a.jpg' }, 'not a public http(s) address'],
		[{ channel: 'whatsapp', mediaUrls: 'https://a.example.test/1.jpg,https://a.example.test/2.jpg' }, 'at most 1'],
		[{ options: { contentSid: 'HX1', contentVariables: '{}' } }, 'Content Template SID'],
	])('refuses bad parameters %j before calling Twilio', async (parameters, message) => {
		const result = await run(sms(parameters as INodeParameters));
		expect(server.requests).toHaveLength(0);
		expect(result.status).toBe('error');
		expect(result.nodeError('Twilio')?.message).toContain(message);
	});

	describe('Get Message', () => {
		it('looks a message up by SID and outputs its status and error', async () => {
			replies = [{ status: 200, file: 'message-undelivered.json' }];
			const result = await run({ operation: 'get', messageSid: '={{ $json.externalId }}' }, [{ externalId: 'SM5550123abcdef0123456789abcdef31' }]);
			expect(result.error).toBeUndefined();
			expect(server.requests[0].method).toBe('GET');
			expect(server.requests[0].path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/SM5550123abcdef0123456789abcdef31.json`);
			expect(server.requests[0].headers.authorization).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
			const [item] = result.outputOf('Twilio');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(canonicalEventSchema.parse(item.json)).toMatchObject({
				id: 'sms:+15550001234:SM5550123abcdef0123456789abcdef31',
				direction: 'outbound',
				status: 'failed',
				error: { code: 30003, message: 'Unreachable destination handset' },
				timestamp: '2026-06-09T10:30:02.000Z',
				account: '+15550001234',
				to: { identities: [{ kind: 'phone', value: '+15555550123' }] },
			});
		});

		it('refuses something that is not a message SID before calling Twilio', async () => {
			const result = await run({ operation: 'get', messageSid: '../Calls/CA1' });
			expect(server.requests).toHaveLength(0);
			expect(result.nodeError('Twilio')?.message).toContain('a message SID starts with SM or MM');
		});

		it('explains a SID Twilio does not know (20404)', async () => {
			replies = [{ status: 404, file: 'error-20404.json' }];
			const result = await run({ operation: 'get', messageSid: 'SM00000000000000000000000000000000' });
			const error = result.nodeError('Twilio') as unknown as { message: string; description?: string };
			expect(error.message).toContain('twilio error 20404');
			expect(error.description).toContain('Check the Message SID');
		});
	});

	it('has a credential test request that reads the account, signed like every other request', async () => {
		replies = [{ status: 200, file: 'account.json' }];
		const type = new OmnichannelTwilioApi();
		const data = { authType: 'authToken', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: `${server.url}/` };
		const noTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;
		const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: noTypes });
		const node: INode = { id: 'credential-test', name: 'Credential test', type: 'credentialTest', typeVersion: 1, position: [0, 0], parameters: {} };
		const resolve = (value: string | undefined) => String(workflow.expression.getSimpleParameterValue(node, value ?? '', 'internal', { $credentials: data }, undefined, ''));
		const helper = new HarnessCredentialsHelper({}, { omnichannelTwilioApi: type });
		const signed = await helper.authenticate(data, 'omnichannelTwilioApi', { baseURL: resolve(type.test.request.baseURL), url: resolve(type.test.request.url), method: 'GET' });
		const response = await axios.request({ baseURL: signed.baseURL, url: signed.url, method: 'GET', auth: signed.auth as { username: string; password: string } });
		expect(response.status).toBe(200);
		expect(server.requests[0].path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}.json`);
		expect(server.requests[0].headers.authorization).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
	});
});
