/**
 * Proves the n8n test harness's `runWebhook`: a trigger node defined here answers
 * real HTTP requests through n8n-core's webhook context.
 */
import { createHmac } from 'node:crypto';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { getLogger, readBinary, runWebhook } from '../support/n8n-harness';

// ---------------------------------------------------------------------------
// Node and credential types under test
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

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
