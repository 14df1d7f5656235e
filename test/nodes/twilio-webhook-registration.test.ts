/**
 * The Omnichannel Twilio Trigger sets a number's or a Messaging Service's webhook URLs on
 * activation and puts back the earlier ones on deactivation, through n8n's hook context,
 * against a local stand-in of Twilio's REST API.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { messagingBaseUrl } from '../../core/channels/twilio/api-urls';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { OmnichannelTwilioTrigger } from '../../nodes/OmnichannelTwilioTrigger/OmnichannelTwilioTrigger.node';
import { runWebhookLifecycle } from '../support/n8n-harness';
import { startFakeTwilioApi, twilioNumber, twilioService, type FakeTwilioApi } from '../support/twilio-api';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token-for-tests-0123';
const NUMBER_SID = 'PN0123456789abcdef0123456789abcdef';
const PHONE = '+14155550100';
const SERVICE_SID = 'MG0123456789abcdef0123456789abcdef';
const WEBHOOK_URL = 'http://localhost:5678/webhook/test-webhook-id/webhook';
const DEMO_SMS_URL = 'https://demo.twilio.com/welcome/sms/reply';

describe('Omnichannel Twilio Trigger: webhook registration', () => {
	let twilio: FakeTwilioApi;
	beforeAll(async () => {
		twilio = await startFakeTwilioApi(ACCOUNT_SID, AUTH_TOKEN);
	});
	afterAll(async () => await twilio.close());
	beforeEach(() => {
		twilio.reset();
		twilio.numbers.set(NUMBER_SID, twilioNumber(ACCOUNT_SID, NUMBER_SID, PHONE));
		twilio.services.set(SERVICE_SID, twilioService(ACCOUNT_SID, SERVICE_SID));
	});

	const lifecycle = (method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, parameters: INodeParameters, authToken = AUTH_TOKEN) =>
		runWebhookLifecycle({
			nodeType: new OmnichannelTwilioTrigger(),
			parameters,
			credentials: { omnichannelTwilioApi: { authType: 'authToken', accountSid: ACCOUNT_SID, authToken, baseUrl: twilio.url } },
			credentialTypes: [new OmnichannelTwilioApi()],
			method,
			staticData,
		});
	const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

	describe('on a phone number', () => {
		const parameters = { webhookRegistration: 'phoneNumber', phoneNumber: '+1 (415) 555-0100' };

		it('finds the number by E.164, points its SMS and call status URLs here, and puts the earlier ones back', async () => {
			const staticData: IDataObject = {};
			expect((await lifecycle('checkExists', staticData, parameters)).result).toBe(false);
			await lifecycle('create', staticData, parameters);
			expect(twilio.violations).toEqual([]);
			const lookup = twilio.requests.find((request) => request.method === 'GET');
			expect(lookup?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`);
			expect(lookup?.query.get('PhoneNumber')).toBe(PHONE);
			const update = twilio.requests.find((request) => request.method === 'POST');
			expect(update?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers/${NUMBER_SID}.json`);
			expect(update?.headers.authorization).toBe(basic);
			expect(twilio.updates[0].form).toEqual({ SmsUrl: WEBHOOK_URL, SmsMethod: 'POST', StatusCallback: WEBHOOK_URL, StatusCallbackMethod: 'POST' });
			expect(twilio.numbers.get(NUMBER_SID)).toMatchObject({ sms_url: WEBHOOK_URL, status_callback: WEBHOOK_URL });

			expect((await lifecycle('checkExists', staticData, parameters)).result).toBe(true);
			expect(twilio.updates).toHaveLength(1);

			expect((await lifecycle('delete', staticData, parameters)).result).toBe(true);
			expect(twilio.updates[1].form).toEqual({ SmsUrl: DEMO_SMS_URL, SmsMethod: 'POST', StatusCallback: '', StatusCallbackMethod: 'POST' });
			expect(twilio.numbers.get(NUMBER_SID)).toEqual(twilioNumber(ACCOUNT_SID, NUMBER_SID, PHONE));
			expect((await lifecycle('checkExists', staticData, parameters)).result).toBe(false);
			expect(twilio.violations).toEqual([]);
		});

		it('registers the Public Webhook URL (what Twilio signs), and only the callbacks of the chosen events', async () => {
			const publicUrl = 'https://hooks.acme.example/webhook/test-webhook-id/webhook';
			await lifecycle('create', {}, { ...parameters, publicUrl, events: ['message'] });
			expect(twilio.updates[0].form).toEqual({ SmsUrl: publicUrl, SmsMethod: 'POST' });
		});

		it('puts back only what still points here', async () => {
			const staticData: IDataObject = {};
			await lifecycle('create', staticData, parameters);
			const number = twilio.numbers.get(NUMBER_SID) as IDataObject;
			number.sms_url = 'https://studio.twilio.com/v2/Flows/FW0/Webhooks/IncomingMessage';
			await lifecycle('delete', staticData, parameters);
			expect(twilio.updates[1].form).toEqual({ StatusCallback: '', StatusCallbackMethod: 'POST' });
			expect(number.sms_url).toBe('https://studio.twilio.com/v2/Flows/FW0/Webhooks/IncomingMessage');
		});

		it('fails activation clearly for a number the account does not have, or a credential Twilio refuses', async () => {
			const other = lifecycle('create', {}, { ...parameters, phoneNumber: '+14155550199' });
			await expect(other).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Active numbers') });
			await expect(other).rejects.toThrow('The phone number +14155550199 is not a number of this Twilio account');
			const refused = lifecycle('create', {}, parameters, 'wrong-token');
			await expect(refused).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Account SID and Auth Token') });
			await expect(refused).rejects.toThrow('Authenticate');
			expect(twilio.updates).toEqual([]);
		});

		it('asks for a number it can read before calling Twilio', async () => {
			await expect(lifecycle('create', {}, { ...parameters, phoneNumber: '0800' })).rejects.toThrow(/^Phone Number: /);
			expect(twilio.requests).toEqual([]);
		});
	});

	describe('on a Messaging Service', () => {
		const parameters = { webhookRegistration: 'messagingService', messagingServiceSid: SERVICE_SID };

		it("points the service's incoming and status callbacks here, over its own number's URLs, and puts them back", async () => {
			const staticData: IDataObject = {};
			await lifecycle('create', staticData, parameters);
			expect(twilio.violations).toEqual([]);
			const update = twilio.requests.find((request) => request.method === 'POST');
			expect(update?.path).toBe(`/v1/Services/${SERVICE_SID}`);
			expect(update?.headers.authorization).toBe(basic);
			expect(twilio.updates[0].form).toEqual({ InboundRequestUrl: WEBHOOK_URL, InboundMethod: 'POST', UseInboundWebhookOnNumber: 'false', StatusCallback: WEBHOOK_URL });
			expect((await lifecycle('checkExists', staticData, parameters)).result).toBe(true);
			await lifecycle('delete', staticData, parameters);
			expect(twilio.updates[1].form).toEqual({ InboundRequestUrl: '', InboundMethod: 'POST', UseInboundWebhookOnNumber: 'true', StatusCallback: '' });
			expect(twilio.services.get(SERVICE_SID)).toMatchObject({ inbound_request_url: '', use_inbound_webhook_on_number: true, status_callback: '' });
		});

		it('reports an unknown service with a hint', async () => {
			const attempt = lifecycle('create', {}, { ...parameters, messagingServiceSid: 'MGffffffffffffffffffffffffffffffff' });
			await expect(attempt).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Twilio has no Messaging Service MGffffffffffffffffffffffffffffffff in this account') });
		});

		it('finds Messaging Services on messaging.twilio.com, beside every API edge', () => {
			expect(messagingBaseUrl({ accountSid: ACCOUNT_SID })).toBe('https://messaging.twilio.com');
			expect(messagingBaseUrl({ accountSid: ACCOUNT_SID, baseUrl: 'https://api.dublin.ie1.twilio.com/' })).toBe('https://messaging.dublin.ie1.twilio.com');
			expect(messagingBaseUrl({ accountSid: ACCOUNT_SID, baseUrl: twilio.url })).toBe(twilio.url);
		});
	});

	it('calls nothing unless asked to: the notice says what to paste where', async () => {
		expect((await lifecycle('checkExists', {}, {})).result).toBe(true);
		expect((await lifecycle('create', {}, { webhookRegistration: 'manual' })).result).toBe(true);
		expect(twilio.requests).toEqual([]);
		const notice = new OmnichannelTwilioTrigger().description.properties.find((property) => property.name === 'notice');
		expect(notice?.displayName).toContain('"A message comes in" and "Call status changes", both HTTP POST');
	});
});
