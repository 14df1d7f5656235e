import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { inboundAdapter } from '../../core/channels/registry';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { OmnichannelTelegramApi } from '../../credentials/OmnichannelTelegramApi.credentials';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelReply } from '../../nodes/OmnichannelReply/OmnichannelReply.node';
import { runWorkflow } from '../support/n8n-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';
import { startProviderStandIns, type ProviderStandIns } from '../support/stand-ins';

// Telegram updates don't name the bot: the trigger gives its id.
const eventsOf = (channel: string, file: string) => inboundAdapter(channel)!.parse(readFileSync(join(SHARED, file)), { account: '123456' });
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

/** The stand-ins that npm start, the demo and end-to-end tests point the example credentials at. */
describe('provider stand-ins: the send nodes get documented answers, and every send is recorded', () => {
	let standIns: ProviderStandIns;
	beforeAll(async () => {
		standIns = await startProviderStandIns({
			accept: { graphTokens: ['wa-token', 'page-token'], telegramTokens: ['123456:TEST-TOKEN'], twilioAuthTokens: { [ACCOUNT_SID]: 'tw-token' }, evolutionApiKeys: ['evo-key'] },
		});
	});
	afterAll(async () => await standIns.close());
	beforeEach(() => standIns.records.splice(0));

	const credentials = (overrides: Record<string, IDataObject> = {}) => ({
		omnichannelWhatsAppCloudApi: { accessToken: 'wa-token', appSecret: 's', verifyToken: 'v', phoneNumberId: '106540000000001', apiVersion: 'v26.0', baseUrl: standIns.url },
		omnichannelMetaPageApi: { accessToken: 'page-token', appSecret: 's', verifyToken: 'v', pageId: '105000000000001', igAccountId: '17841400000000001', graphApiVersion: 'v23.0', baseUrl: standIns.url },
		omnichannelEvolutionApi: { baseUrl: standIns.url, apiKey: 'evo-key', instanceName: 'acme-support' },
		omnichannelTelegramApi: { accessToken: '123456:TEST-TOKEN', baseUrl: standIns.url },
		omnichannelTwilioApi: { authType: 'authToken', accountSid: ACCOUNT_SID, authToken: 'tw-token', baseUrl: standIns.url },
		omnichannelSmtp: { host: '127.0.0.1', port: standIns.smtpPort, security: 'none', user: '', password: '', defaultFrom: 'Acme Support <support@acme.test>' },
		...overrides,
	});
	const reply = (items: object[], credentialSet = credentials()) =>
		runWorkflow({
			nodeTypes: { omnichannelReply: new OmnichannelReply() },
			nodes: [{ name: 'Reply', type: 'omnichannelReply', parameters: { channels: ['whatsappCloud', 'evolution', 'instagram', 'telegram', 'twilio', 'email'], text: 'We got it, thank you.' } }],
			credentials: credentialSet,
			credentialTypes: [new WhatsAppCloudApi(), new MetaPageApi(), new EvolutionApi(), new OmnichannelTelegramApi(), new OmnichannelTwilioApi()],
			items: items.map((json) => ({ json: json as IDataObject })),
		});

	it('answers a reply on every channel the way its provider does, and records each one', async () => {
		const items = [
			eventsOf('whatsapp', 'whatsapp-text.json')[0],
			eventsOf('instagram', 'instagram-text.json')[0],
			eventsOf('evolution', 'evolution-messages-upsert.json')[0],
			eventsOf('telegram', 'telegram-text.json')[0],
			eventsOf('twilio', 'twilio-sms.form')[0],
			eventsOf('postmark', 'email-inbound-postmark.json')[0],
		];
		const result = await reply(items);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Reply').map((event) => [event.channel, event.direction, typeof event.externalId])).toEqual([
			['whatsapp', 'outbound', 'string'],
			['instagram', 'outbound', 'string'],
			['whatsapp', 'outbound', 'string'],
			['telegram', 'outbound', 'string'],
			['sms', 'outbound', 'string'],
			['email', 'outbound', 'string'],
		]);
		expect(standIns.records.map((record) => [record.api, record.status, record.text])).toEqual([
			['whatsapp-cloud', 200, 'We got it, thank you.'],
			['meta-send', 200, 'We got it, thank you.'],
			['evolution', 201, 'We got it, thank you.'],
			['telegram', 200, 'We got it, thank you.'],
			['twilio', 201, 'We got it, thank you.'],
			['smtp', 250, 'We got it, thank you.'],
		]);
		expect(standIns.records.map((record) => record.to)).toEqual([
			items[0].from.identities.find((identity) => identity.kind === 'phone')!.value.replace('+', ''),
			items[1].from.identities[0].value.split(':')[1],
			'5511955550123',
			String(items[3].to.identities?.[0]?.value ?? items[3].from.identities[0].value),
			items[4].from.identities[0].value,
			items[5].from.identities[0].value,
		]);
	});

	it('refuses a wrong credential as the provider does, and the node reports it', async () => {
		const wrong = credentials({ omnichannelTwilioApi: { authType: 'authToken', accountSid: ACCOUNT_SID, authToken: 'not-the-token', baseUrl: standIns.url } });
		const result = await reply([eventsOf('twilio', 'twilio-sms.form')[0]], wrong);
		expect(result.error?.message).toMatch(/20003|Authenticate/);
		expect(standIns.records.map((record) => [record.api, record.status])).toEqual([['twilio', 401]]);
	});

	it('keeps the webhook a bot registered, with its secret, as Telegram does', async () => {
		const response = await fetch(`${standIns.url}/bot123456:TEST-TOKEN/setWebhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: 'http://127.0.0.1:5678/webhook/abc/webhook', secret_token: 'secret_0123', allowed_updates: ['message'] }),
		});
		expect(await response.json()).toEqual({ ok: true, result: true, description: 'Webhook was set' });
		const info = (await (await fetch(`${standIns.url}/bot123456:TEST-TOKEN/getWebhookInfo`, { method: 'POST' })).json()) as { result: { url: string } };
		expect(info.result.url).toBe('http://127.0.0.1:5678/webhook/abc/webhook');
		expect(await (await fetch(`${standIns.url}/__telegram/webhook?token=123456:TEST-TOKEN`)).json()).toEqual({ url: 'http://127.0.0.1:5678/webhook/abc/webhook', secretToken: 'secret_0123', allowedUpdates: ['message'] });
		const records = (await (await fetch(`${standIns.url}/__records`)).json()) as { api: string; path: string }[];
		expect(records.map((record) => record.path)).toEqual(['/bot123456:TEST-TOKEN/setWebhook', '/bot123456:TEST-TOKEN/getWebhookInfo']);
	});
});
