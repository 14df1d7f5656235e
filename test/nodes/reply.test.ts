import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { inboundAdapter } from '../../core/channels/registry';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { OmnichannelTelegramApi } from '../../credentials/OmnichannelTelegramApi.credentials';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelReply } from '../../nodes/OmnichannelReply/OmnichannelReply.node';
import { sendJson, startLocalServer, type LocalServer } from '../support/local-server';
import { runWorkflow } from '../support/n8n-harness';
import { readMime, startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';

/** The Facebook Page of the shared Messenger fixtures. */
const PAGE_ID = '105000000000001';

/** The events a trigger would emit for a shared fixture (Telegram's trigger names the bot, 123456). */
const eventsOf = (channel: string, file: string) => inboundAdapter(channel)!.parse(readFileSync(join(SHARED, file)), { account: '123456' });

/** One local server that answers like every provider's send API. */
function providerApis(request: { method: string; path: string }, response: Parameters<Parameters<typeof startLocalServer>[0]>[1]) {
	if (request.path === `/v23.0/${PAGE_ID}/messages`) return sendJson(response, 200, { recipient_id: '7000000000000001', message_id: 'm_REPLY' });
	if (request.path.startsWith('/v26.0/') && request.path.endsWith('/messages')) {
		return sendJson(response, 200, { messaging_product: 'whatsapp', contacts: [{ input: '15555550123', wa_id: '15555550123' }], messages: [{ id: 'wamid.REPLY' }] });
	}
	if (request.path.startsWith('/message/sendText/')) return sendJson(response, 201, { key: { remoteJid: '5511955550123@s.whatsapp.net', fromMe: true, id: 'EVOREPLY' }, status: 'PENDING' });
	if (request.path.endsWith('/sendMessage')) return sendJson(response, 200, { ok: true, result: { message_id: 99, date: 1790000000, chat: { id: 5550001234, type: 'private' }, text: 'ok' } });
	if (request.path.endsWith('/Messages.json')) return sendJson(response, 201, { sid: 'SM00000000000000000000000000000001', status: 'queued', to: '+15555550123', from: '+15550001111', body: 'ok' });
	return sendJson(response, 404, { error: `unexpected ${request.method} ${request.path}` });
}

describe('Omnichannel Reply: answers on the channel each event came from, through n8n', () => {
	let api: LocalServer;
	let smtp: TestSmtpServer;
	beforeAll(async () => {
		api = await startLocalServer((request, response) => providerApis(request, response));
		smtp = await startSmtpServer();
	});
	afterAll(async () => {
		await api.close();
		await smtp.close();
	});

	const credentials = () => ({
		omnichannelWhatsAppCloudApi: { accessToken: 'wa-token', appSecret: 's', verifyToken: 'v', phoneNumberId: 'PHONE_ID', apiVersion: 'v26.0', baseUrl: api.url },
		omnichannelMetaPageApi: { accessToken: 'page-token', appSecret: 's', verifyToken: 'v', pageId: PAGE_ID, igAccountId: '17841400000000001', graphApiVersion: 'v23.0', baseUrl: api.url },
		omnichannelEvolutionApi: { baseUrl: api.url, apiKey: 'evo-key', instanceName: 'fallback' },
		omnichannelTelegramApi: { accessToken: '123456:TEST-TOKEN', baseUrl: api.url },
		omnichannelTwilioApi: { authType: 'authToken', accountSid: 'AC00000000000000000000000000000000', authToken: 'tw-token', baseUrl: api.url },
		omnichannelSmtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', password: '', defaultFrom: 'support@acme.test' },
	});
	const ALL_CHANNELS = ['whatsappCloud', 'evolution', 'messenger', 'instagram', 'telegram', 'twilio', 'email'];
	const run = (items: object[], parameters: INodeParameters = { channels: ALL_CHANNELS, text: 'Thanks, we are on it.' }, credentialSet: Record<string, ICredentialDataDecryptedObject> = credentials(), typeVersion = 2) =>
		runWorkflow({
			nodeTypes: { omnichannelReply: new OmnichannelReply() },
			nodes: [{ name: 'Reply', type: 'omnichannelReply', typeVersion, parameters }],
			credentials: credentialSet,
			credentialTypes: [new WhatsAppCloudApi(), new MetaPageApi(), new EvolutionApi(), new OmnichannelTelegramApi(), new OmnichannelTwilioApi()],
			items: items.map((json) => ({ json: json as IDataObject })),
		});

	it('answers WhatsApp, Messenger, Evolution, Telegram, SMS and e-mail in one run, each with its own account', async () => {
		api.requests.length = 0;
		const items = [
			{ ...eventsOf('whatsapp', 'whatsapp-text.json')[0], customer: { id: 'kept-from-customer-merge' } },
			eventsOf('messenger', 'messenger-text.json')[0],
			eventsOf('evolution', 'evolution-messages-upsert.json')[0],
			eventsOf('telegram', 'telegram-text.json')[0],
			eventsOf('twilio', 'twilio-sms.form')[0],
			eventsOf('postmark', 'email-inbound-postmark.json')[0],
		];
		const result = await run(items);
		expect(result.error).toBeUndefined();
		const output = result.jsonOf('Reply');
		expect(output.map((event) => [event.channel, event.provider, event.direction])).toEqual([
			['whatsapp', 'meta', 'outbound'],
			['messenger', 'meta', 'outbound'],
			['whatsapp', 'evolution', 'outbound'],
			['telegram', 'telegram', 'outbound'],
			['sms', 'twilio', 'outbound'],
			['email', 'smtp', 'outbound'],
		]);
		expect(result.outputOf('Reply').map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));

		const [whatsapp, messenger, evolution, telegram, twilio] = api.requests;
		expect(whatsapp).toMatchObject({ method: 'POST', path: `/v26.0/${items[0].account}/messages` });
		expect(whatsapp.headers.authorization).toBe('Bearer wa-token');
		expect(whatsapp.json).toMatchObject({ messaging_product: 'whatsapp', to: '15555550123', type: 'text', text: { body: 'Thanks, we are on it.' } });
		expect(messenger.path).toBe(`/v23.0/${PAGE_ID}/messages`);
		expect(messenger.json).toMatchObject({ recipient: { id: items[1].from.identities[0].value.split(':')[1] }, messaging_type: 'RESPONSE', message: { text: 'Thanks, we are on it.' } });
		expect(evolution.path).toBe(`/message/sendText/${items[2].account}`);
		expect(evolution.headers.apikey).toBe('evo-key');
		expect(evolution.json).toMatchObject({ number: '5511955550123', text: 'Thanks, we are on it.' });
		expect(telegram.path).toBe('/bot123456:TEST-TOKEN/sendMessage');
		expect(telegram.json).toMatchObject({ chat_id: Number(items[3].externalId.split(':')[0]), text: 'Thanks, we are on it.' });
		expect(twilio.path).toBe('/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json');
		const form = new URLSearchParams(twilio.rawBody.toString());
		expect([form.get('To'), form.get('From'), form.get('Body')]).toEqual([items[4].from.identities[0].value, items[4].account, 'Thanks, we are on it.']);
		expect(items[4].account).toMatch(/^\+1/);

		const mail = readMime(smtp.messages.at(-1)!.raw);
		const email = items[5];
		expect(smtp.messages.at(-1)!.rcptTo).toEqual([email.from.identities[0].value]);
		expect(mail.headers['in-reply-to']).toBe(`<${(email.thread?.messageId ?? email.externalId).replace(/^<|>$/g, '')}>`);
		// The customer's subject already starts with Re: and is not prefixed again.
		expect(email.subject).toBe('Re: [Ticket #4821] Your order has shipped');
		expect(mail.headers.subject).toBe('Re: [Ticket #4821] Your order has shipped');
	});

	it('says which credential to add when an event comes from a channel without one', async () => {
		const { omnichannelTelegramApi: _telegram, ...withoutTelegram } = credentials();
		const result = await run([eventsOf('telegram', 'telegram-text.json')[0]], { channels: ALL_CHANNELS, text: 'hi' }, withoutTelegram);
		expect(result.error?.message).toBe('Item 1 came from telegram (telegram): select its "Omnichannel Telegram API" credential under Channels to Answer On');
	});

	it('answers only on the channels picked, and says which to add for another', async () => {
		const telegram = eventsOf('telegram', 'telegram-text.json')[0];
		const picked = await run([telegram], { channels: ['telegram', 'email'], text: 'hi' });
		expect(picked.error).toBeUndefined();
		expect(picked.jsonOf('Reply').map((event) => event.channel)).toEqual(['telegram']);
		const notPicked = await run([eventsOf('twilio', 'twilio-sms.form')[0]], { channels: ['telegram', 'email'], text: 'hi' });
		expect(notPicked.error?.message).toBe('Item 1 came from sms (twilio), which is not among the Channels to Answer On: add "SMS and WhatsApp (Twilio)" there and select its credential');
	});

	it('keeps version 1 working as it was saved: the credentials set on the node decide', async () => {
		const items = [eventsOf('telegram', 'telegram-text.json')[0], eventsOf('twilio', 'twilio-sms.form')[0]];
		const result = await run(items, { text: 'hi' }, credentials(), 1);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Reply').map((event) => event.channel)).toEqual(['telegram', 'sms']);
		const { omnichannelTelegramApi: _telegram, ...withoutTelegram } = credentials();
		const missing = await run([items[0]], { text: 'hi' }, withoutTelegram, 1);
		expect(missing.error?.message).toBe('Item 1 came from telegram (telegram): select its "Omnichannel Telegram API" credential on the Reply node');
	});

	it('refuses what cannot be answered, with the reason, or reports it per item on continue', async () => {
		const status = eventsOf('whatsapp', 'whatsapp-status.json')[0];
		const call = eventsOf('twilio', 'twilio-voice-status.form')[0];
		expect((await run([status])).error?.message).toContain('delivery status');
		expect((await run([call])).error?.message).toContain('A call cannot be answered with a message');
		expect((await run([{ hello: 'world' }])).error?.message).toBe('Item 1 is not a channel event, so there is nothing to reply to');
	});
});
