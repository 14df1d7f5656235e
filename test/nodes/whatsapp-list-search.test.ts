import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelWhatsApp } from '../../nodes/OmnichannelWhatsApp/OmnichannelWhatsApp.node';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../support/local-server';
import { runListSearch, runWorkflow } from '../support/n8n-harness';

const TOKEN = 'EAAG-test-token-0123';
const WABA_ID = '102290000000001';
const PHONE_NUMBER_ID = '106540000000001';
const ERRORS = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/channels/whatsapp-cloud-outbound/errors.json'), 'utf8')) as Record<string, { status: number; body: IDataObject }>;

/** Graph's list shape: `data`, and `paging.next` only while there is another page. */
const graphPage = (data: IDataObject[], after: string, more: boolean) => ({
	data,
	paging: { cursors: { before: 'QVFIUBEFORE', after }, ...(more ? { next: `https://graph.facebook.com/v26.0/${WABA_ID}/message_templates?after=${after}` } : {}) },
});

const TEMPLATE_PAGES: Record<string, object> = {
	first: graphPage(
		[
			{ name: 'order_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', id: '5940000000000001' },
			{ name: 'order_update', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', id: '5940000000000002' },
			{ name: 'spring_sale', language: 'es', status: 'PENDING', category: 'MARKETING', id: '5940000000000003' },
		],
		'QVFIUPAGE2',
		true,
	),
	QVFIUPAGE2: graphPage([{ name: 'welcome', language: 'en_US', status: 'APPROVED', category: 'MARKETING', id: '5940000000000004' }], 'QVFIULAST', false),
};

let server: LocalServer;
let failWith: { status: number; body: IDataObject } | undefined;

function graph(request: RecordedRequest) {
	if (failWith) return failWith;
	if (request.path === `/v26.0/${WABA_ID}/message_templates`) return { status: 200, body: TEMPLATE_PAGES[request.query.get('after') ?? 'first'] };
	if (request.path === `/v26.0/${WABA_ID}/phone_numbers`) {
		return {
			status: 200,
			body: graphPage(
				[
					{ id: PHONE_NUMBER_ID, display_phone_number: '+1 555-010-0001', verified_name: 'Acme Support', quality_rating: 'GREEN' },
					{ id: '106540000000002', display_phone_number: '+55 11 4000-0002', verified_name: 'Acme Brasil', quality_rating: 'GREEN' },
				],
				'QVFIULAST',
				false,
			),
		};
	}
	if (request.path.endsWith('/messages')) return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '5511987654321', wa_id: '5511987654321' }], messages: [{ id: 'wamid.SENT' }] } };
	return { status: 404, body: { error: { message: `Unknown path ${request.path}`, code: 803 } } };
}

beforeAll(async () => {
	server = await startLocalServer((request, response) => {
		const answer = graph(request);
		sendJson(response, answer.status, answer.body);
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.requests.length = 0;
	failWith = undefined;
});

const credentials = (overrides: IDataObject = {}) => ({
	omnichannelWhatsAppCloudApi: { accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID, businessAccountId: WABA_ID, apiVersion: 'v26.0', baseUrl: server.url, ...overrides },
});

const search = (method: string, options: { filter?: string; paginationToken?: string; credentials?: IDataObject } = {}) =>
	runListSearch({
		nodeType: new OmnichannelWhatsApp(),
		parameters: { resource: 'message', operation: 'sendTemplate' },
		credentials: credentials(options.credentials),
		credentialTypes: [new WhatsAppCloudApi()],
		method,
		filter: options.filter,
		paginationToken: options.paginationToken,
	});

describe('WhatsApp list searches read the business account in the documented shapes', () => {
	it('lists templates a page at a time, one entry per name with its languages; the cursor leads to the next page and the last page has none', async () => {
		const first = await search('searchTemplates');
		expect(first).toEqual({
			results: [
				{ name: 'order_update', value: 'order_update', description: 'en_US, pt_BR · utility' },
				{ name: 'spring_sale', value: 'spring_sale', description: 'es (pending) · marketing' },
			],
			paginationToken: 'QVFIUPAGE2',
		});
		const [request] = server.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`/v26.0/${WABA_ID}/message_templates`);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(request.query.get('fields')).toBe('name,language,status,category');
		expect(request.query.has('after')).toBe(false);

		const last = await search('searchTemplates', { paginationToken: 'QVFIUPAGE2' });
		expect(server.requests[1].query.get('after')).toBe('QVFIUPAGE2');
		expect(last).toEqual({ results: [{ name: 'welcome', value: 'welcome', description: 'en_US · marketing' }] });
	});

	it('filters templates by what was typed, keeping the cursor so the rest can still be searched', async () => {
		expect(await search('searchTemplates', { filter: 'ORDER' })).toEqual({
			results: [{ name: 'order_update', value: 'order_update', description: 'en_US, pt_BR · utility' }],
			paginationToken: 'QVFIUPAGE2',
		});
	});

	it('lists the account\'s phone numbers by number and verified name; the value is the Phone Number ID', async () => {
		expect(await search('searchPhoneNumbers')).toEqual({
			results: [
				{ name: '+1 555-010-0001 (Acme Support)', value: PHONE_NUMBER_ID },
				{ name: '+55 11 4000-0002 (Acme Brasil)', value: '106540000000002' },
			],
		});
		expect(server.requests[0].path).toBe(`/v26.0/${WABA_ID}/phone_numbers`);
		expect((await search('searchPhoneNumbers', { filter: 'brasil' })).results.map((result) => result.value)).toEqual(['106540000000002']);
	});

	it('without a WhatsApp Business Account ID in the credential, says where to find it and calls nothing', async () => {
		await expect(search('searchTemplates', { credentials: { businessAccountId: '' } })).rejects.toThrow('No WhatsApp Business Account ID');
		expect(server.requests).toHaveLength(0);
	});

	it('a refused token is explained with Meta\'s code', async () => {
		failWith = ERRORS['190'];
		await expect(search('searchPhoneNumbers')).rejects.toThrow(/190/);
	});

	it('a template and a sender picked from the lists are sent like typed ones; plain text from older workflows still works', async () => {
		const run = (parameters: IDataObject) =>
			runWorkflow({
				nodeTypes: { omnichannelWhatsApp: new OmnichannelWhatsApp() },
				nodes: [{ name: 'WhatsApp', type: 'omnichannelWhatsApp', parameters: { resource: 'message', operation: 'sendTemplate', recipient: '+5511987654321', languageCode: 'pt_BR', ...parameters } }],
				credentials: credentials(),
				credentialTypes: [new WhatsAppCloudApi()],
			});
		const picked = await run({
			templateName: { __rl: true, mode: 'list', value: 'order_update', cachedResultName: 'order_update' },
			options: { phoneNumberId: { __rl: true, mode: 'list', value: '106540000000002', cachedResultName: '+55 11 4000-0002 (Acme Brasil)' } },
		});
		expect(picked.error).toBeUndefined();
		const typed = await run({ templateName: { __rl: true, mode: 'name', value: 'order_update' }, options: { phoneNumberId: { __rl: true, mode: 'id', value: '106540000000002' } } });
		expect(typed.error).toBeUndefined();
		const saved = await run({ templateName: 'order_update', options: { phoneNumberId: '106540000000002' } });
		expect(saved.error).toBeUndefined();
		expect(server.requests.map((request) => [request.path, (request.json as IDataObject).template])).toEqual(
			Array(3).fill([`/v26.0/106540000000002/messages`, { name: 'order_update', language: { code: 'pt_BR' } }]),
		);
	});
});
