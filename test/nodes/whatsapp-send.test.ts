import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { canonicalEventSchema, type CanonicalEvent } from '../../core/model';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelWhatsApp } from '../../nodes/OmnichannelWhatsApp/OmnichannelWhatsApp.node';
import { runWorkflow, type HarnessInputItem } from '../support/n8n-harness';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../support/local-server';

const FIXTURES = path.resolve(__dirname, '../fixtures/channels/whatsapp-cloud-outbound');
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as IDataObject;
const ERRORS = fixture('errors.json') as Record<string, { status: number; body: { error: IDataObject } }>;

const TOKEN = 'EAAG-test-token-0123';
const PHONE_NUMBER_ID = '106540000000001';
const MESSAGES_PATH = `/v26.0/${PHONE_NUMBER_ID}/messages`;
const MEDIA_PATH = `/v26.0/${PHONE_NUMBER_ID}/media`;
const SENT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjAxQTJCM0M0RDVFNkY3ODkwAA==';

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** Meta's documented answers: a message id for sends, a media id for uploads, success for read receipts. */
function documentedAnswer(request: RecordedRequest): Answer {
	if (request.path === MEDIA_PATH) return { status: 200, body: fixture('upload-success.json') };
	const body = request.json as IDataObject | undefined;
	if (body?.status === 'read') return { status: 200, body: fixture('mark-read-success.json') };
	if (body?.recipient) return { status: 200, body: fixture('send-success-bsuid.json') };
	return { status: 200, body: fixture('send-success.json') };
}

let server: LocalServer;
/** Answers to give, in order, before falling back to the documented success. */
let scripted: Answer[] = [];

beforeAll(async () => {
	server = await startLocalServer((request, response) => {
		const answer = scripted.shift() ?? documentedAnswer(request);
		for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
		sendJson(response, answer.status, answer.body);
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.requests.length = 0;
	scripted = [];
});

const run = (parameters: INodeParameters, items: HarnessInputItem[] = [{ json: {} }], onError?: 'continueRegularOutput') =>
	runWorkflow({
		nodeTypes: { omnichannelWhatsApp: new OmnichannelWhatsApp() },
		nodes: [{ name: 'WhatsApp', type: 'omnichannelWhatsApp', parameters: { resource: 'message', ...parameters }, onError }],
		credentials: {
			omnichannelWhatsAppCloudApi: { accessToken: TOKEN, appSecret: 's', verifyToken: 'v', phoneNumberId: PHONE_NUMBER_ID, apiVersion: 'v26.0', baseUrl: `${server.url}/` },
		},
		credentialTypes: [new WhatsAppCloudApi()],
		items,
	});

const events = (result: Awaited<ReturnType<typeof run>>) => result.jsonOf('WhatsApp') as unknown as CanonicalEvent[];

function expectSignedJsonPost(request: RecordedRequest, pathname = MESSAGES_PATH) {
	expect(request.method).toBe('POST');
	expect(request.path).toBe(pathname);
	expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
	expect(request.headers['content-type']).toContain('application/json');
}

function expectCanonical(event: CanonicalEvent) {
	expect(canonicalEventSchema.parse(event)).toEqual(event);
	expect(event.id).toBe(`whatsapp:${event.account}:${event.externalId}`);
	expect(Date.now() - Date.parse(event.timestamp)).toBeLessThan(60_000);
}

describe('Omnichannel WhatsApp node: sends through n8n in the documented shape', () => {
	it('Send Text: a national number with a default country, link preview and reply context; the outbound event for history', async () => {
		const result = await run(
			{ operation: 'sendText', recipient: '={{ $json.phone }}', defaultCountry: 'BR', text: '=Olá {{ $json.name }}, seu pedido saiu: https://example.com/t/4821', options: { previewUrl: true, replyTo: 'wamid.CUSTOMER-MESSAGE' } },
			[{ json: { phone: '(11) 98765-4321', name: 'Ana' } }, { json: { phone: '+55 11 98765-4321', name: 'Bia' } }],
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expectSignedJsonPost(server.requests[0]);
		expect(server.requests[0].json).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5511987654321',
			context: { message_id: 'wamid.CUSTOMER-MESSAGE' },
			type: 'text',
			text: { preview_url: true, body: 'Olá Ana, seu pedido saiu: https://example.com/t/4821' },
		});
		expect((server.requests[1].json as IDataObject).to).toBe('5511987654321');
		const output = result.outputOf('WhatsApp');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [event] = events(result);
		expectCanonical(event);
		expect(event).toMatchObject({
			id: `whatsapp:${PHONE_NUMBER_ID}:${SENT_ID}`,
			type: 'message',
			channel: 'whatsapp',
			provider: 'meta',
			direction: 'outbound',
			externalId: SENT_ID,
			from: { identities: [] },
			account: PHONE_NUMBER_ID,
			to: { identities: [{ kind: 'phone', value: '+5511987654321' }] },
			text: 'Olá Ana, seu pedido saiu: https://example.com/t/4821',
			thread: { inReplyTo: 'wamid.CUSTOMER-MESSAGE' },
		});
		expect(event.raw).toBeUndefined();
		expect(JSON.stringify(output)).not.toContain(TOKEN);
	});

	it('Send Text to a business-scoped user id: sent in "recipient", never in "to"; the event carries the whatsapp_bsuid identity', async () => {
		const result = await run({ operation: 'sendText', recipient: 'US.13491208655302741918', text: 'Hello' });
		const body = server.requests[0].json as IDataObject;
		expect(body.recipient).toBe('US.13491208655302741918');
		expect(body).not.toHaveProperty('to');
		const [event] = events(result);
		expectCanonical(event);
		expect(event.to.identities).toEqual([{ kind: 'whatsapp_bsuid', value: 'US.13491208655302741918' }]);
	});

	it('the customer identity follows what Meta reports: an old Brazilian wa_id without the 9 still records +55 11 9…', async () => {
		scripted = [{ status: 200, body: fixture('send-success-brazil-old-mobile.json') }];
		const result = await run({ operation: 'sendText', recipient: '5511987654321', text: 'Oi' });
		expect((server.requests[0].json as IDataObject).to).toBe('5511987654321');
		expect(events(result)[0].to.identities).toEqual([{ kind: 'phone', value: '+5511987654321' }]);
	});

	it('Send Media by link: a document with caption and file name', async () => {
		const result = await run({
			operation: 'sendMedia',
			recipient: '+5511987654321',
			mediaType: 'document',
			mediaSource: 'url',
			mediaUrl: 'https://example.com/invoice-4821.pdf',
			caption: 'Your invoice',
			filename: 'invoice-4821.pdf',
		});
		expectSignedJsonPost(server.requests[0]);
		expect(server.requests[0].json).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5511987654321',
			type: 'document',
			document: { link: 'https://example.com/invoice-4821.pdf', caption: 'Your invoice', filename: 'invoice-4821.pdf' },
		});
		const [event] = events(result);
		expectCanonical(event);
		expect(event.text).toBe('Your invoice');
		expect(event.attachments).toEqual([{ type: 'document', url: 'https://example.com/invoice-4821.pdf', caption: 'Your invoice', filename: 'invoice-4821.pdf' }]);
	});

	it('Send Media from the input item: uploads it (multipart) and sends it by media id', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const result = await run(
			{ operation: 'sendMedia', recipient: '+5511987654321', mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'photo', caption: 'The damaged box' },
			[{ json: {}, binary: { photo: { data: png, mimeType: 'image/png', fileName: 'box.png' } } }],
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.path)).toEqual([MEDIA_PATH, MESSAGES_PATH]);
		const upload = server.requests[0];
		expect(upload.method).toBe('POST');
		expect(upload.headers.authorization).toBe(`Bearer ${TOKEN}`);
		const boundary = /boundary=(.+)$/.exec(String(upload.headers['content-type']))?.[1];
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const parts = upload.rawBody.toString('latin1').split(`--${boundary}`);
		expect(parts.find((part) => part.includes('name="messaging_product"'))).toContain('\r\n\r\nwhatsapp\r\n');
		expect(parts.find((part) => part.includes('name="type"'))).toContain('\r\n\r\nimage/png\r\n');
		const file = parts.find((part) => part.includes('name="file"')) ?? '';
		expect(file).toContain('filename="box.png"');
		expect(file).toContain('Content-Type: image/png');
		expect(Buffer.from(file.split('\r\n\r\n')[1].replace(/\r\n$/, ''), 'latin1')).toEqual(png);
		expect(server.requests[1].json).toMatchObject({ type: 'image', image: { id: '1037543291543636', caption: 'The damaged box' } });
		expect(events(result)[0].attachments).toEqual([{ type: 'image', mediaId: '1037543291543636', mimeType: 'image/png', caption: 'The damaged box' }]);
	});

	it('Send Media from the input item without that file stops before sending anything', async () => {
		const result = await run({ operation: 'sendMedia', recipient: '+5511987654321', mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'photo' });
		expect(result.error?.message).toContain('photo');
		expect(server.requests).toHaveLength(0);
	});

	it('Send Template: header image, body parameters in order, a quick-reply payload; text summarises it and the parameters are only in raw', async () => {
		const parameters = {
			operation: 'sendTemplate',
			recipient: '+5511987654321',
			templateName: 'order_update',
			languageCode: 'pt_BR',
			bodyParameters: { parameter: [{ text: 'Ana' }, { text: '#4821' }] },
			headerType: 'image',
			headerMediaUrl: 'https://example.com/banner.jpg',
			templateButtons: { button: [{ subType: 'quick_reply', index: 0, value: 'track-4821' }] },
		};
		const result = await run(parameters);
		expectSignedJsonPost(server.requests[0]);
		const sent = {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5511987654321',
			type: 'template',
			template: {
				name: 'order_update',
				language: { code: 'pt_BR' },
				components: [
					{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/banner.jpg' } }] },
					{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '#4821' }] },
					{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'track-4821' }] },
				],
			},
		};
		expect(server.requests[0].json).toEqual(sent);
		const [event] = events(result);
		expectCanonical(event);
		expect(event.text).toBe('template:order_update');
		expect(JSON.stringify(event)).not.toContain('track-4821');

		const withRaw = await run({ ...parameters, options: { includeRaw: true } });
		expect(events(withRaw)[0].raw).toEqual({ request: sent, response: fixture('send-success.json') });
	});

	it('Send Template with named variables and no components when there is nothing to fill', async () => {
		await run({ operation: 'sendTemplate', recipient: '+5511987654321', templateName: 'hello_world', languageCode: 'en_US' });
		await run({ operation: 'sendTemplate', recipient: '+5511987654321', templateName: 'welcome', languageCode: 'en_US', bodyParameters: { parameter: [{ text: 'Ana', name: 'first_name' }] } });
		expect((server.requests[0].json as IDataObject).template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
		expect((server.requests[1].json as IDataObject).template).toMatchObject({ components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }] }] });
	});

	it('Send Reply Buttons: up to 3, with header and footer; the event lists what was offered', async () => {
		const result = await run({
			operation: 'sendButtons',
			recipient: '+5511987654321',
			text: 'Did this solve your problem?',
			buttons: { button: [{ title: 'Yes', id: 'solved' }, { title: 'No', id: 'not-solved' }, { title: 'Talk to an agent' }] },
			options: { header: 'Order #4821', footer: 'Acme support' },
		});
		expect(server.requests[0].json).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5511987654321',
			type: 'interactive',
			interactive: {
				type: 'button',
				header: { type: 'text', text: 'Order #4821' },
				body: { text: 'Did this solve your problem?' },
				footer: { text: 'Acme support' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'solved', title: 'Yes' } },
						{ type: 'reply', reply: { id: 'not-solved', title: 'No' } },
						{ type: 'reply', reply: { id: 'Talk to an agent', title: 'Talk to an agent' } },
					],
				},
			},
		});
		const [event] = events(result);
		expectCanonical(event);
		expect(event).toMatchObject({ text: 'Did this solve your problem?', action: { payload: 'solved|not-solved|Talk to an agent', title: 'Yes | No | Talk to an agent' } });
	});

	it('Send Reply Buttons with 4 buttons is refused before anything is sent, and says what to do', async () => {
		const result = await run({ operation: 'sendButtons', recipient: '+5511987654321', text: 'Pick', buttons: { button: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }] } });
		expect(result.error?.message).toContain('1 to 3 reply buttons');
		expect(result.error?.message).toContain('Send List');
		expect(server.requests).toHaveLength(0);
	});

	it('Send List: rows grouped by section title', async () => {
		const result = await run({
			operation: 'sendList',
			recipient: '+5511987654321',
			text: 'How can we help?',
			listButtonText: 'Choose',
			rows: {
				row: [
					{ section: 'Orders', title: 'Track my order', id: 'track' },
					{ section: 'Orders', title: 'Cancel', id: 'cancel', description: 'Before it ships' },
					{ section: 'Account', title: 'Change address', id: 'address' },
				],
			},
		});
		expect((server.requests[0].json as IDataObject).interactive).toEqual({
			type: 'list',
			body: { text: 'How can we help?' },
			action: {
				button: 'Choose',
				sections: [
					{ title: 'Orders', rows: [{ id: 'track', title: 'Track my order' }, { id: 'cancel', title: 'Cancel', description: 'Before it ships' }] },
					{ title: 'Account', rows: [{ id: 'address', title: 'Change address' }] },
				],
			},
		});
		expectCanonical(events(result)[0]);
	});

	it('Mark as Read: the documented request with the typing indicator; a read status event for that message', async () => {
		const result = await run({ operation: 'markAsRead', messageId: '={{ $json.externalId }}', options: { showTyping: true } }, [{ json: { externalId: 'wamid.CUSTOMER-MESSAGE' } }]);
		expectSignedJsonPost(server.requests[0]);
		expect(server.requests[0].json).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.CUSTOMER-MESSAGE', typing_indicator: { type: 'text' } });
		const [event] = events(result);
		expectCanonical(event);
		expect(event).toMatchObject({ type: 'status', status: 'read', externalId: 'wamid.CUSTOMER-MESSAGE:read', thread: { messageId: 'wamid.CUSTOMER-MESSAGE' }, account: PHONE_NUMBER_ID, to: {} });
	});

	it('"Sender Phone Number ID" sends from another number of the account', async () => {
		const result = await run({ operation: 'sendText', recipient: '+5511987654321', text: 'Hi', options: { phoneNumberId: '106540000000002' } });
		expect(server.requests[0].path).toBe('/v26.0/106540000000002/messages');
		expect(events(result)[0].account).toBe('106540000000002');
	});

	it('a recipient that is not a phone number nor a user id is refused before sending, saying how to write it', async () => {
		const result = await run({ operation: 'sendText', recipient: '98765-4321', text: 'Hi' });
		expect(result.error?.message).toContain('Default Country');
		expect(server.requests).toHaveLength(0);
	});
});

describe('Omnichannel WhatsApp node: Meta\'s errors in plain words', () => {
	const cases: [string, string][] = [
		['131047', 'send an approved template instead'],
		['131026', 'not be on WhatsApp'],
		['190', 'System users'],
		['132000', 'exactly as many Body Parameters'],
		['132001', 'does not exist in that language'],
		['100', 'A field of the request is not valid'],
	];

	it.each(cases)('error %s becomes a NodeApiError with the code, Meta\'s details and a hint', async (code, hint) => {
		const { status, body } = ERRORS[code];
		scripted = [{ status, body }];
		const result = await run({ operation: 'sendText', recipient: '+5511987654321', text: 'Hi' });
		expect(server.requests).toHaveLength(1);
		const error = result.nodeError('WhatsApp') as unknown as { message: string; description?: string; httpCode?: string };
		expect(error.message).toContain(`WhatsApp Cloud API error ${code}`);
		expect(error.description).toContain(hint);
		expect(error.description).toContain(`fbtrace_id AbCdEfGh${code}`);
		const details = (body.error.error_data as IDataObject | undefined)?.details;
		if (details) expect(error.description).toContain(String(details));
		expect(error.httpCode).toBe(String(status));
		expect(result.error?.message).toContain(code);
	});

	it('an unknown code falls back to Meta\'s message, details and fbtrace_id', async () => {
		const { status, body } = ERRORS['131009'];
		scripted = [{ status, body }];
		const result = await run({ operation: 'sendText', recipient: '+5511987654321', text: 'Hi' });
		const error = result.nodeError('WhatsApp') as unknown as { message: string; description?: string };
		expect(error.message).toContain('WhatsApp Cloud API error 131009');
		expect(error.description).toContain('(#131009) Parameter value is not valid: Interactive list row ids must be unique');
		expect(error.description).toContain('fbtrace_id AbCdEfGh131009');
	});

	it('with continue-on-fail, a refused item becomes an error item and the next one is still sent', async () => {
		scripted = [ERRORS['131047']];
		const result = await run({ operation: 'sendText', recipient: '={{ $json.phone }}', text: 'Hi' }, [{ json: { phone: '+5511987654321' } }, { json: { phone: '+5511912345678' } }], 'continueRegularOutput');
		expect(result.error).toBeUndefined();
		const output = result.outputOf('WhatsApp');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(output[0].json.error)).toContain('131047');
		expect(output[0].json.phone).toBe('+5511987654321');
		expect(output[1].json).toMatchObject({ externalId: SENT_ID, direction: 'outbound' });
		expect(server.requests).toHaveLength(2);
	});

	it('429 with Retry-After is retried after the pause asked for, then succeeds', async () => {
		scripted = [{ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Too many calls', code: 4, type: 'OAuthException', fbtrace_id: 'Zz' } } }];
		const started = Date.now();
		const result = await run({ operation: 'sendText', recipient: '+5511987654321', text: 'Hi' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].json).toEqual(server.requests[0].json);
		expect(events(result)[0].externalId).toBe(SENT_ID);
	});

	it.each(['130429', '131056'])('rate-limit code %s (HTTP 400) is retried with backoff and then succeeds', async (code) => {
		scripted = [ERRORS[code]];
		const result = await run({ operation: 'sendText', recipient: '+5511987654321', text: 'Hi' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
	});

	it.each([
		['130429', 'smaller batches'],
		['131056', 'wait a few seconds'],
	])('rate-limit code %s that persists: retried 3 times, then explained', async (code, hint) => {
		const answer = { ...ERRORS[code], headers: { 'retry-after': '0' } };
		scripted = [answer, answer, answer, answer];
		const result = await run({ operation: 'sendText', recipient: '+5511987654321', text: 'Hi' });
		expect(server.requests).toHaveLength(4);
		const error = result.nodeError('WhatsApp') as unknown as { message: string; description?: string };
		expect(error.message).toContain(`WhatsApp Cloud API error ${code}`);
		expect(error.description).toContain(hint);
	});

	it('an error on the upload stops the send and is explained', async () => {
		scripted = [ERRORS['100']];
		const result = await run(
			{ operation: 'sendMedia', recipient: '+5511987654321', mediaType: 'document', mediaSource: 'binary', binaryPropertyName: 'data' },
			[{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4'), mimeType: 'application/pdf', fileName: 'a.pdf' } } }],
		);
		expect(server.requests.map((request) => request.path)).toEqual([MEDIA_PATH]);
		expect(result.nodeError('WhatsApp')?.message).toContain('Uploading the file to WhatsApp failed');
	});
});
