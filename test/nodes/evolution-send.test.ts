import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelEvolution } from '../../nodes/OmnichannelEvolution/OmnichannelEvolution.node';
import { runWorkflow, type HarnessInputItem } from '../support/n8n-harness';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';

const LOCAL = path.resolve(__dirname, '../fixtures/channels/evolution');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(LOCAL, name), 'utf8'));

const API_KEY = 'B6D711FCDE4D4FD5936544120E713976';
const INSTANCE = 'acme-support';
const maria = { kind: 'phone', value: '+5511987654321' };

interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** A stand-in Evolution API v2 server: answers queued replies first, else the documented success of each route. */
let api: LocalServer;
const queued: Reply[] = [];
const SUCCESS: Record<string, string> = {
	sendText: 'send-text-response.json',
	sendMedia: 'send-media-response.json',
	sendButtons: 'send-buttons-response.json',
};

beforeAll(async () => {
	api = await startLocalServer((request, response) => {
		const reply = queued.shift();
		if (reply) {
			for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
			return sendJson(response, reply.status, reply.body);
		}
		const route = /^\/message\/(\w+)\//.exec(request.path)?.[1] ?? '';
		if (request.method !== 'POST' || !SUCCESS[route]) {
			return sendJson(response, 404, { status: 404, error: 'Not Found', response: { message: [`Cannot ${request.method} ${request.path}`] } });
		}
		sendJson(response, 201, fixture(SUCCESS[route]));
	});
});
afterAll(async () => await api.close());
beforeEach(() => {
	api.requests.splice(0);
	queued.splice(0);
});

const run = (parameters: INodeParameters, items: HarnessInputItem[] = [{ json: {} }], onError?: 'continueRegularOutput') =>
	runWorkflow({
		nodeTypes: { omnichannelEvolution: new OmnichannelEvolution() },
		nodes: [{ name: 'Evolution', type: 'omnichannelEvolution', parameters, onError }],
		credentials: { omnichannelEvolutionApi: { baseUrl: `${api.url}/`, apiKey: API_KEY, instanceName: INSTANCE } },
		credentialTypes: [new EvolutionApi()],
		items,
	});

function expectOutboundEvent(json: IDataObject) {
	expect(() => canonicalEventSchema.parse(json)).not.toThrow();
	expect(json).toMatchObject({ type: 'message', channel: 'whatsapp', provider: 'evolution', direction: 'outbound', from: { identities: [] } });
	expect(Math.abs(Date.parse(String(json.timestamp)) - Date.now())).toBeLessThan(60_000);
}

function expectEvolutionRequest(index: number, route: string) {
	const request = api.requests[index];
	expect(request.method).toBe('POST');
	expect(request.path).toBe(`/message/${route}/${INSTANCE}`);
	expect(request.headers.apikey).toBe(API_KEY);
	expect(request.headers['content-type']).toContain('application/json');
	return request.json as IDataObject;
}

describe('Omnichannel Evolution API node, through n8n', () => {
	describe('Send Text', () => {
		it('posts number and text for each item, and outputs the outbound event with pairedItem', async () => {
			const result = await run(
				{ operation: 'sendText', to: '={{ $json.phone }}', defaultCountry: 'BR', text: '=Olá {{ $json.name }}! Seu pedido #4821 saiu para entrega.' },
				[{ json: { phone: '(11) 98765-4321', name: 'Maria' } }, { json: { phone: '+55 11 8765-4321', name: 'Maria' } }],
			);
			expect(result.error).toBeUndefined();
			expect(api.requests).toHaveLength(2);
			for (const index of [0, 1]) {
				expect(expectEvolutionRequest(index, 'sendText')).toEqual({ number: '5511987654321', text: 'Olá Maria! Seu pedido #4821 saiu para entrega.' });
			}
			const output = result.outputOf('Evolution');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const event = output[0].json;
			expectOutboundEvent(event);
			expect(event).toMatchObject({
				id: `whatsapp:${INSTANCE}:3EB0F1E2D3C4B5A69788`,
				externalId: '3EB0F1E2D3C4B5A69788',
				account: INSTANCE,
				to: { identities: [maria] },
				text: 'Olá Maria! Seu pedido #4821 saiu para entrega.',
			});
			expect(event.raw).toBeUndefined();
			expect(event.thread).toBeUndefined();
		});

		it('sends the typing delay, the quoted message and no link preview; adds the raw answer when asked', async () => {
			const result = await run({
				operation: 'sendText',
				to: '5511987654321',
				text: 'Veja https://acme.example/rastreio',
				options: { delay: 1200, replyToMessageId: '3EB0A1B2C3D4E5F6A7B8C9', disableLinkPreview: true, includeRaw: true },
			});
			expect(expectEvolutionRequest(0, 'sendText')).toEqual({
				number: '5511987654321',
				text: 'Veja https://acme.example/rastreio',
				delay: 1200,
				quoted: { key: { id: '3EB0A1B2C3D4E5F6A7B8C9' } },
				linkPreview: false,
			});
			const [event] = result.jsonOf('Evolution');
			expect(event.thread).toEqual({ inReplyTo: '3EB0A1B2C3D4E5F6A7B8C9' });
			expect(event.raw).toEqual(fixture('send-text-response.json'));
		});

		it('sends to a JID as given, and from another instance when the option says so', async () => {
			const result = await run({ operation: 'sendText', to: '218743000000555@lid', text: 'Oi', options: { instanceName: 'acme-sales' } });
			expect(api.requests[0].path).toBe('/message/sendText/acme-sales');
			expect(api.requests[0].json).toEqual({ number: '218743000000555@lid', text: 'Oi' });
			const [event] = result.jsonOf('Evolution');
			// The answer's JID is a phone: joined with the LID the message went to.
			expect(event.account).toBe('acme-sales');
			expect(event.to).toEqual({ identities: [{ kind: 'external', value: '218743000000555@lid' }, maria] });
		});

		it('refuses a number it cannot read before calling Evolution, naming the item', async () => {
			const result = await run({ operation: 'sendText', to: '98765-4321', text: 'Oi' });
			expect(api.requests).toHaveLength(0);
			expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 0 } });
			expect(result.error?.message).toContain('has no country code');
		});
	});

	describe('Send Media', () => {
		it('sends a document by URL with caption, file name and MIME type', async () => {
			const result = await run({
				operation: 'sendMedia',
				to: '+5511987654321',
				mediaType: 'document',
				mediaSource: 'url',
				mediaUrl: 'https://files.acme.example/fatura-4821.pdf',
				caption: 'Sua fatura de junho',
				options: { fileName: 'fatura-4821.pdf', mimeType: 'application/pdf' },
			});
			expect(expectEvolutionRequest(0, 'sendMedia')).toEqual({
				number: '5511987654321',
				mediatype: 'document',
				media: 'https://files.acme.example/fatura-4821.pdf',
				mimetype: 'application/pdf',
				caption: 'Sua fatura de junho',
				fileName: 'fatura-4821.pdf',
			});
			const [event] = result.jsonOf('Evolution');
			expectOutboundEvent(event);
			expect(event).toMatchObject({ externalId: '3EB0A9B8C7D6E5F40312', text: 'Sua fatura de junho', account: INSTANCE, to: { identities: [maria] } });
			expect(event.attachments).toEqual([
				{ type: 'document', url: 'https://files.acme.example/fatura-4821.pdf', mimeType: 'application/pdf', caption: 'Sua fatura de junho', filename: 'fatura-4821.pdf', mediaId: '3EB0A9B8C7D6E5F40312' },
			]);
		});

		it('sends a file from the input as base64, with its name and type', async () => {
			const pdf = Buffer.from('%PDF-1.4\n% fake invoice 4821\n%%EOF\n');
			const result = await run(
				{ operation: 'sendMedia', to: '={{ $json.phone }}', mediaType: 'document', mediaSource: 'binary', binaryPropertyName: 'invoice' },
				[{ json: { phone: '+5511987654321' }, binary: { invoice: { data: pdf, fileName: 'fatura-4821.pdf', mimeType: 'application/pdf' } } }],
			);
			expect(result.error).toBeUndefined();
			const body = expectEvolutionRequest(0, 'sendMedia');
			expect(body).toMatchObject({ number: '5511987654321', mediatype: 'document', fileName: 'fatura-4821.pdf', mimetype: 'application/pdf' });
			expect(Buffer.from(String(body.media), 'base64')).toEqual(pdf);
			expect(body.caption).toBeUndefined();
			const [event] = result.jsonOf('Evolution');
			expect(event.attachments).toEqual([{ type: 'document', mimeType: 'application/pdf', filename: 'fatura-4821.pdf', mediaId: '3EB0A9B8C7D6E5F40312' }]);
		});

		it('says which binary field is missing', async () => {
			const result = await run({ operation: 'sendMedia', to: '+5511987654321', mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'photo' });
			expect(api.requests).toHaveLength(0);
			expect(result.error?.message).toContain('photo');
		});
	});

	describe('Send Buttons', () => {
		it('posts title, description, footer and reply buttons in the documented shape', async () => {
			const result = await run({
				operation: 'sendButtons',
				to: '+55 11 98765-4321',
				title: 'Seu pedido #4821',
				description: 'Como podemos ajudar?',
				footer: 'Acme Suporte',
				buttons: {
					button: [
						{ type: 'reply', displayText: 'Falar com atendente', id: 'talk_to_agent' },
						{ type: 'reply', displayText: 'Rastrear pedido', id: 'track_order' },
					],
				},
			});
			expect(expectEvolutionRequest(0, 'sendButtons')).toEqual({
				number: '5511987654321',
				title: 'Seu pedido #4821',
				description: 'Como podemos ajudar?',
				footer: 'Acme Suporte',
				buttons: [
					{ type: 'reply', displayText: 'Falar com atendente', id: 'talk_to_agent' },
					{ type: 'reply', displayText: 'Rastrear pedido', id: 'track_order' },
				],
			});
			const [event] = result.jsonOf('Evolution');
			expectOutboundEvent(event);
			// Evolution answered with the chat's LID (and the phone beside it): both identify Maria.
			expect(event).toMatchObject({
				id: `whatsapp:${INSTANCE}:3EB0B1C2D3E4F5061728`,
				text: 'Seu pedido #4821\n\nComo podemos ajudar?',
				account: INSTANCE,
				to: { identities: [maria, { kind: 'external', value: '218743000000555@lid' }] },
			});
		});

		it('sends link and call buttons with only their own fields', async () => {
			await run({
				operation: 'sendButtons',
				to: '+5511987654321',
				title: 'Pedido #4821',
				buttons: {
					button: [
						{ type: 'url', displayText: 'Ver pedido', url: 'https://acme.example/pedido/4821', id: 'ignored' },
						{ type: 'call', displayText: 'Ligar', phoneNumber: '+551140040000' },
					],
				},
			});
			expect(expectEvolutionRequest(0, 'sendButtons').buttons).toEqual([
				{ type: 'url', displayText: 'Ver pedido', url: 'https://acme.example/pedido/4821' },
				{ type: 'call', displayText: 'Ligar', phoneNumber: '+551140040000' },
			]);
		});

		it('refuses more than 3 reply buttons, or reply buttons mixed with others, before calling Evolution', async () => {
			const reply = (id: string) => ({ type: 'reply', displayText: id, id });
			const four = await run({ operation: 'sendButtons', to: '+5511987654321', title: 'T', buttons: { button: ['a', 'b', 'c', 'd'].map(reply) } });
			const mixed = await run({
				operation: 'sendButtons',
				to: '+5511987654321',
				title: 'T',
				buttons: { button: [reply('a'), { type: 'url', displayText: 'Site', url: 'https://acme.example' }] },
			});
			expect(api.requests).toHaveLength(0);
			expect(four.error?.message).toContain('at most 3 reply buttons');
			expect(mixed.error?.message).toContain('cannot be mixed');
		});
	});

	describe('errors', () => {
		const sendText = (onError?: 'continueRegularOutput', items?: HarnessInputItem[]) =>
			run({ operation: 'sendText', to: '={{ $json.phone ?? "+5511955550199" }}', text: 'Oi' }, items, onError);

		it('explains a number that is not on WhatsApp', async () => {
			queued.push({ status: 400, body: fixture('error-not-on-whatsapp.json') });
			const result = await sendText();
			expect(api.requests).toHaveLength(1);
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400', context: { itemIndex: 0 } });
			expect(result.error?.message).toBe('The number 5511955550199 is not on WhatsApp (Evolution API error NOT_ON_WHATSAPP)');
			expect(result.error?.description).toContain('does not use WhatsApp');
		});

		it.each([
			[401, 'error-unauthorized.json', 'UNAUTHORIZED', 'Check the API Key'],
			[404, 'error-instance-not-found.json', 'INSTANCE_NOT_FOUND', 'Check the Instance Name'],
			[400, 'error-connection-closed-on-send.json', 'INSTANCE_DISCONNECTED', 'scan the QR code'],
			[400, 'error-bad-request.json', 'BAD_REQUEST', 'Check the fields'],
		])('turns a %i (%s) into %s with a hint', async (status, file, code, hint) => {
			queued.push({ status, body: fixture(file) });
			const result = await sendText();
			expect(api.requests).toHaveLength(1);
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: String(status) });
			expect(result.error?.message).toContain(`(Evolution API error ${code})`);
			expect(result.error?.description).toContain(hint);
			expect(JSON.stringify(result.error)).not.toContain(API_KEY);
		});

		it('does not retry a disconnected instance, even when Evolution answers 500', async () => {
			queued.push({ status: 500, body: fixture('error-connection-closed.json') }, { status: 500, body: fixture('error-connection-closed.json') });
			const result = await sendText();
			expect(api.requests).toHaveLength(1);
			expect(result.error?.message).toContain('The WhatsApp number of instance "acme-support" is not connected');
		});

		it('on continue-on-fail outputs an error item paired with its input and sends the other items', async () => {
			queued.push({ status: 400, body: fixture('error-not-on-whatsapp.json') });
			const result = await sendText('continueRegularOutput', [{ json: { phone: '+5511955550199' } }, { json: { phone: '+5511987654321' } }]);
			expect(result.error).toBeUndefined();
			const output = result.outputOf('Evolution');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(output[0].json).toEqual({ phone: '+5511955550199', error: 'The number 5511955550199 is not on WhatsApp (Evolution API error NOT_ON_WHATSAPP)' });
			expect(output[1].json).toMatchObject({ externalId: '3EB0F1E2D3C4B5A69788', direction: 'outbound' });
		});

		it('waits as long as Retry-After says after a 429, then sends again and succeeds', async () => {
			queued.push({ status: 429, body: { status: 429, error: 'Too Many Requests', response: { message: 'Too many requests' } }, headers: { 'retry-after': '1' } });
			const started = Date.now();
			const result = await sendText();
			const elapsed = Date.now() - started;
			expect(result.error).toBeUndefined();
			expect(api.requests).toHaveLength(2);
			expect(api.requests[1].json).toEqual(api.requests[0].json);
			expect(elapsed).toBeGreaterThanOrEqual(950);
			expect(result.jsonOf('Evolution')[0]).toMatchObject({ externalId: '3EB0F1E2D3C4B5A69788' });
		});
	});
});
