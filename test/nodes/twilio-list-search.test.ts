/**
 * The numbers and Messaging Services the Twilio node offers, read from a local Twilio API
 * in the documented list shapes (next page by address), and sends from what was picked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';
import { messagingBaseUrl } from '../../core/channels/twilio/api-urls';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { OmnichannelTwilio } from '../../nodes/OmnichannelTwilio/OmnichannelTwilio.node';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../support/local-server';
import { runListSearch, runWorkflow } from '../support/n8n-harness';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
const SERVICE_SID = 'MG0123456789abcdef0123456789abcdef';
const NUMBERS_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`;
const API = path.resolve(__dirname, '../fixtures/channels/twilio/api');
const apiBody = (file: string) => JSON.parse(readFileSync(path.join(API, file), 'utf8')) as IDataObject;

const number = (phone: string, friendly: string, capabilities: IDataObject) => ({
	sid: `PN${phone.replace(/\D/g, '').padEnd(32, '0')}`,
	account_sid: ACCOUNT_SID,
	phone_number: phone,
	friendly_name: friendly,
	capabilities,
});

let server: LocalServer;
let unauthorized = false;

function twilio(request: RecordedRequest): { status: number; body: unknown } {
	if (unauthorized) return { status: 401, body: apiBody('error-20003.json') };
	if (request.path === NUMBERS_PATH) {
		if (request.query.get('Page') === '1') {
			return { status: 200, body: { incoming_phone_numbers: [number('+15550009999', 'Night line', { voice: true, sms: false, mms: false })], next_page_uri: null, page: 1, page_size: 2 } };
		}
		return {
			status: 200,
			body: {
				incoming_phone_numbers: [number('+15550001234', '(555) 000-1234', { voice: true, sms: true, mms: true }), number('+15550005678', 'Support line', { voice: false, sms: true, mms: false })],
				next_page_uri: `${NUMBERS_PATH}?PageSize=50&Page=1&PageToken=PAPN00000000000000000000000000000001`,
				page: 0,
				page_size: 2,
			},
		};
	}
	if (request.path === '/v1/Services') {
		const meta = (next: string | null) => ({ page: 0, page_size: 50, first_page_url: `${server.url}/v1/Services?PageSize=50&Page=0`, previous_page_url: null, next_page_url: next, key: 'services' });
		if (request.query.get('Page') === '1') return { status: 200, body: { services: [{ sid: 'MG00000000000000000000000000000002', friendly_name: 'Campaigns', account_sid: ACCOUNT_SID }], meta: meta(null) } };
		return { status: 200, body: { services: [{ sid: SERVICE_SID, friendly_name: 'Customer care', account_sid: ACCOUNT_SID }], meta: meta(`${server.url}/v1/Services?PageSize=50&Page=1&PageToken=PTMG01`) } };
	}
	if (request.method === 'POST' && request.path.endsWith('/Messages.json')) return { status: 201, body: apiBody('message-queued.json') };
	return { status: 404, body: apiBody('error-20404.json') };
}

beforeAll(async () => {
	server = await startLocalServer((request, response) => {
		const { status, body } = twilio(request);
		sendJson(response, status, body);
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.requests.length = 0;
	unauthorized = false;
});

const credentials = () => ({ omnichannelTwilioApi: { authType: 'authToken', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: server.url } });
const search = (method: string, options: { filter?: string; paginationToken?: string } = {}) =>
	runListSearch({ nodeType: new OmnichannelTwilio(), parameters: { operation: 'send' }, credentials: credentials(), credentialTypes: [new OmnichannelTwilioApi()], method, ...options });

describe('Twilio list searches', () => {
	it('lists the account\'s numbers with what each can do, then the next page by the address Twilio gives', async () => {
		const first = await search('searchPhoneNumbers');
		expect(first).toEqual({
			results: [
				{ name: '+15550001234 ((555) 000-1234)', value: '+15550001234', description: 'Voice, SMS, MMS' },
				{ name: '+15550005678 (Support line)', value: '+15550005678', description: 'SMS' },
			],
			paginationToken: `${NUMBERS_PATH}?PageSize=50&Page=1&PageToken=PAPN00000000000000000000000000000001`,
		});
		expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
		expect(server.requests[0].query.get('PageSize')).toBe('50');
		const last = await search('searchPhoneNumbers', { paginationToken: first.paginationToken as string });
		expect(server.requests[1].query.get('PageToken')).toBe('PAPN00000000000000000000000000000001');
		expect(last).toEqual({ results: [{ name: '+15550009999 (Night line)', value: '+15550009999', description: 'Voice' }] });
	});

	it('filters numbers by number or name, and never follows a cursor off the account\'s numbers', async () => {
		expect((await search('searchPhoneNumbers', { filter: 'support' })).results.map((result) => result.value)).toEqual(['+15550005678']);
		await search('searchPhoneNumbers', { paginationToken: 'https://elsewhere.example/steal?x=1' });
		expect(`${server.requests[1].path}?${server.requests[1].query}`).toBe(`${NUMBERS_PATH}?PageSize=50`);
	});

	it('lists the Messaging Services on Twilio\'s messaging host, page by page', async () => {
		const first = await search('searchMessagingServices');
		expect(first.results).toEqual([
			{ name: 'Customer care', value: SERVICE_SID, description: SERVICE_SID, url: `https://console.twilio.com/us1/service/sms/${SERVICE_SID}/sms-service-instance-configure` },
		]);
		expect(first.paginationToken).toBe('/v1/Services?PageSize=50&Page=1&PageToken=PTMG01');
		const last = await search('searchMessagingServices', { paginationToken: first.paginationToken });
		expect(last.results.map((result) => result.name)).toEqual(['Campaigns']);
		expect(last.paginationToken).toBeUndefined();
		expect(messagingBaseUrl({ accountSid: ACCOUNT_SID })).toBe('https://messaging.twilio.com');
		expect(messagingBaseUrl({ accountSid: ACCOUNT_SID, baseUrl: 'https://api.dublin.ie1.twilio.com/' })).toBe('https://messaging.dublin.ie1.twilio.com');
	});

	it('a refused credential is explained', async () => {
		unauthorized = true;
		await expect(search('searchMessagingServices')).rejects.toThrow('Twilio could not list the Messaging Services');
	});

	it('sends from a number or Messaging Service picked from the list, typed, pasted as a Console link, or saved as plain text', async () => {
		const run = (parameters: INodeParameters) =>
			runWorkflow({
				nodeTypes: { omnichannelTwilio: new OmnichannelTwilio() },
				nodes: [{ name: 'Twilio', type: 'omnichannelTwilio', parameters: { operation: 'send', channel: 'sms', to: '+15555550123', body: 'Hi', ...parameters } }],
				credentials: credentials(),
				credentialTypes: [new OmnichannelTwilioApi()],
			});
		const fromList: INodeParameterResourceLocator = { __rl: true, mode: 'list', value: '+15550005678', cachedResultName: '+15550005678 (Support line)' };
		const serviceByUrl: INodeParameterResourceLocator = { __rl: true, mode: 'url', value: `https://console.twilio.com/us1/service/sms/${SERVICE_SID}/sms-service-instance-configure` };
		for (const parameters of [
			{ sendFrom: 'phoneNumber', from: fromList },
			{ sendFrom: 'phoneNumber', from: '+15550005678' },
			{ sendFrom: 'messagingService', messagingServiceSid: serviceByUrl },
			{ sendFrom: 'messagingService', messagingServiceSid: { __rl: true, mode: 'id', value: SERVICE_SID } },
		]) {
			expect((await run(parameters)).error).toBeUndefined();
		}
		const senders = server.requests.map((request) => {
			const form = new URLSearchParams(request.rawBody.toString());
			return form.get('From') ?? form.get('MessagingServiceSid');
		});
		expect(senders).toEqual(['+15550005678', '+15550005678', SERVICE_SID, SERVICE_SID]);
	});
});
