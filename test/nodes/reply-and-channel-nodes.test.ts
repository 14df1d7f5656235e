/**
 * The Reply node and each channel's action node read the same credential the same way:
 * given one credential, both send the same request to the provider (same address, same
 * authentication, same body), and both go through the one connector of their route.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { OUTBOUND_ROUTES } from '../../core/channels/outbound-registry';
import { inboundAdapter } from '../../core/channels/registry';
import type { CanonicalEvent } from '../../core/model';
import { EvolutionApi } from '../../credentials/EvolutionApi.credentials';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { OmnichannelTelegramApi } from '../../credentials/OmnichannelTelegramApi.credentials';
import { OmnichannelTwilioApi } from '../../credentials/OmnichannelTwilioApi.credentials';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { OmnichannelEmail } from '../../nodes/OmnichannelEmail/OmnichannelEmail.node';
import { smtpConnector } from '../../nodes/OmnichannelEmail/transport';
import { OmnichannelEvolution } from '../../nodes/OmnichannelEvolution/OmnichannelEvolution.node';
import { evolutionConnector } from '../../nodes/OmnichannelEvolution/transport';
import { OmnichannelInstagram } from '../../nodes/OmnichannelInstagram/OmnichannelInstagram.node';
import { instagramConnector } from '../../nodes/OmnichannelInstagram/transport';
import { OmnichannelMessenger } from '../../nodes/OmnichannelMessenger/OmnichannelMessenger.node';
import { messengerConnector } from '../../nodes/OmnichannelMessenger/transport';
import { OmnichannelReply } from '../../nodes/OmnichannelReply/OmnichannelReply.node';
import { ROUTE_CREDENTIALS } from '../../nodes/OmnichannelReply/reply-senders';
import { OmnichannelTelegram } from '../../nodes/OmnichannelTelegram/OmnichannelTelegram.node';
import { telegramConnector } from '../../nodes/OmnichannelTelegram/transport';
import { OmnichannelTwilio } from '../../nodes/OmnichannelTwilio/OmnichannelTwilio.node';
import { twilioConnector } from '../../nodes/OmnichannelTwilio/transport';
import { OmnichannelWhatsApp } from '../../nodes/OmnichannelWhatsApp/OmnichannelWhatsApp.node';
import { whatsappCloudConnector } from '../../nodes/OmnichannelWhatsApp/transport';
import { CHANNEL_CONNECTORS } from '../../nodes/shared/channel-connectors';
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from '../support/local-server';
import { runWorkflow } from '../support/n8n-harness';
import { SHARED_CHANNEL_FIXTURES as SHARED } from '../support/shared-fixtures';
import { readMime, startSmtpServer, type TestSmtpServer } from '../support/smtp-server';

const PAGE_ID = '105000000000001';
const TEXT = 'Thanks, we are on it.';
// Telegram updates don't name the bot: the trigger gives its id, the part of the token before the colon.
const eventOf = (adapter: string, file: string) => inboundAdapter(adapter)!.parse(readFileSync(join(SHARED, file)), { account: '123456' })[0];
const identity = (event: CanonicalEvent, kind: string) => event.from.identities.find((candidate) => candidate.kind === kind)!.value;

function providerApis(request: RecordedRequest) {
	if (request.path.startsWith('/v23.0/') && request.path.endsWith('/messages')) return { status: 200, body: { recipient_id: '7000000000000001', message_id: 'm_SENT' } };
	if (request.path.startsWith('/v26.0/')) return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '1', wa_id: '15555550123' }], messages: [{ id: 'wamid.SENT' }] } };
	if (request.path.startsWith('/message/sendText/')) return { status: 201, body: { key: { remoteJid: '5511955550123@s.whatsapp.net', fromMe: true, id: 'EVOSENT' } } };
	if (request.path.endsWith('/sendMessage')) return { status: 200, body: { ok: true, result: { message_id: 9, date: 1790000000, chat: { id: 5550001234, type: 'private' }, text: TEXT } } };
	if (request.path.endsWith('/Messages.json')) return { status: 201, body: { sid: 'SM00000000000000000000000000000001', status: 'queued', to: '+15555550123', from: '+15550001111', body: TEXT } };
	return { status: 404, body: { error: `unexpected ${request.method} ${request.path}` } };
}

let api: LocalServer;
let smtp: TestSmtpServer;
beforeAll(async () => {
	api = await startLocalServer((request, response) => {
		const { status, body } = providerApis(request);
		sendJson(response, status, body);
	});
	smtp = await startSmtpServer();
});
afterAll(async () => {
	await api.close();
	await smtp.close();
});

const credentials = () => ({
	omnichannelWhatsAppCloudApi: { accessToken: 'wa-token', phoneNumberId: '106540000000001', apiVersion: 'v26.0', baseUrl: api.url },
	omnichannelMetaPageApi: { accessToken: 'page-token', pageId: PAGE_ID, igAccountId: '17841400000000001', graphApiVersion: 'v23.0', baseUrl: api.url },
	omnichannelEvolutionApi: { baseUrl: api.url, apiKey: 'evo-key', instanceName: 'fallback' },
	omnichannelTelegramApi: { accessToken: '123456:TEST-TOKEN', baseUrl: api.url },
	omnichannelTwilioApi: { authType: 'authToken', accountSid: 'AC00000000000000000000000000000000', authToken: 'tw-token', baseUrl: api.url },
	omnichannelSmtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', password: '', defaultFrom: 'support@acme.test' },
});
const ALL_ROUTES = ['whatsappCloud', 'evolution', 'messenger', 'instagram', 'telegram', 'twilio', 'email'];
const credentialTypes = [new WhatsAppCloudApi(), new MetaPageApi(), new EvolutionApi(), new OmnichannelTelegramApi(), new OmnichannelTwilioApi()];

async function runNode(type: string, node: INodeType | IVersionedNodeType, parameters: INodeParameters, items: IDataObject[] = [{}]) {
	const result = await runWorkflow({ nodeTypes: { [type]: node }, nodes: [{ name: 'Node', type, parameters }], credentials: credentials(), credentialTypes, items: items.map((json) => ({ json })) });
	expect(result.error).toBeUndefined();
	return result;
}

/** What the provider saw: the address, who signed it, and what was asked. */
const request = ({ method, path, headers, json, rawBody }: RecordedRequest) => ({
	method,
	path,
	authorization: headers.authorization ?? headers.apikey,
	contentType: headers['content-type']?.split(';')[0],
	body: json ?? rawBody.toString(),
});

/** Runs the channel node, then Reply on the event, and returns both requests. */
async function bothRequests(type: string, node: INodeType, parameters: INodeParameters, event: CanonicalEvent) {
	api.requests.length = 0;
	await runNode(type, node, parameters);
	await runNode('omnichannelReply', new OmnichannelReply(), { channels: ALL_ROUTES, text: TEXT }, [event as unknown as IDataObject]);
	expect(api.requests).toHaveLength(2);
	return api.requests.map(request);
}

describe('Reply and the channel nodes send alike from one credential', () => {
	it('uses each route\'s own connector, the one its channel node sends with', () => {
		const ownConnectors = {
			whatsappCloud: whatsappCloudConnector,
			evolution: evolutionConnector,
			messenger: messengerConnector,
			instagram: instagramConnector,
			telegram: telegramConnector,
			twilio: twilioConnector,
			email: smtpConnector,
		};
		expect(Object.keys(CHANNEL_CONNECTORS)).toEqual(OUTBOUND_ROUTES);
		for (const route of OUTBOUND_ROUTES) expect(CHANNEL_CONNECTORS[route]).toBe(ownConnectors[route]);
		expect(Object.fromEntries(OUTBOUND_ROUTES.map((route) => [route, ROUTE_CREDENTIALS[route].credential]))).toEqual({
			whatsappCloud: 'omnichannelWhatsAppCloudApi',
			evolution: 'omnichannelEvolutionApi',
			messenger: 'omnichannelMetaPageApi',
			instagram: 'omnichannelMetaPageApi',
			telegram: 'omnichannelTelegramApi',
			twilio: 'omnichannelTwilioApi',
			email: 'omnichannelSmtp',
		});
	});

	it('WhatsApp Cloud API', async () => {
		const event = eventOf('whatsapp', 'whatsapp-text.json');
		const parameters = { resource: 'message', operation: 'sendText', recipient: identity(event, 'phone'), text: TEXT, options: { phoneNumberId: event.account } };
		const [channel, reply] = await bothRequests('omnichannelWhatsApp', new OmnichannelWhatsApp(), parameters, event);
		expect(reply).toEqual(channel);
		expect(channel).toMatchObject({ path: `/v26.0/${event.account}/messages`, authorization: 'Bearer wa-token' });
	});

	it('Evolution API', async () => {
		const event = eventOf('evolution', 'evolution-messages-upsert.json');
		const parameters = { operation: 'sendText', to: identity(event, 'phone'), text: TEXT, options: { instanceName: event.account } };
		const [channel, reply] = await bothRequests('omnichannelEvolution', new OmnichannelEvolution(), parameters, event);
		expect(reply).toEqual(channel);
		expect(channel).toMatchObject({ path: `/message/sendText/${event.account}`, authorization: 'evo-key' });
	});

	it('Messenger and Instagram', async () => {
		const messenger = eventOf('messenger', 'messenger-text.json');
		const [fromMessenger, replyOnMessenger] = await bothRequests(
			'omnichannelMessenger',
			new OmnichannelMessenger(),
			{ operation: 'sendText', recipient: identity(messenger, 'messenger'), text: TEXT },
			messenger,
		);
		expect(replyOnMessenger).toEqual(fromMessenger);
		expect(fromMessenger).toMatchObject({ path: `/v23.0/${PAGE_ID}/messages`, authorization: 'Bearer page-token' });

		const instagram = eventOf('instagram', 'instagram-text.json');
		const [fromInstagram, replyOnInstagram] = await bothRequests(
			'omnichannelInstagram',
			new OmnichannelInstagram(),
			{ operation: 'sendText', recipient: identity(instagram, 'instagram'), text: TEXT },
			instagram,
		);
		expect(replyOnInstagram).toEqual(fromInstagram);
	});

	it('Telegram', async () => {
		const event = eventOf('telegram', 'telegram-text.json');
		const [channel, reply] = await bothRequests('omnichannelTelegram', new OmnichannelTelegram(), { operation: 'sendMessage', chatId: event.externalId.split(':')[0], text: TEXT }, event);
		expect(reply).toEqual(channel);
		expect(channel.path).toBe('/bot123456:TEST-TOKEN/sendMessage');
	});

	it('Twilio', async () => {
		const event = eventOf('twilio', 'twilio-sms.form');
		const parameters = { operation: 'send', channel: 'sms', to: identity(event, 'phone'), sendFrom: 'phoneNumber', from: event.account, body: TEXT };
		const [channel, reply] = await bothRequests('omnichannelTwilio', new OmnichannelTwilio(), parameters, event);
		expect(reply).toEqual(channel);
		expect(channel.authorization).toBe(`Basic ${Buffer.from('AC00000000000000000000000000000000:tw-token').toString('base64')}`);
	});

	it('E-mail', async () => {
		const event = eventOf('postmark', 'email-inbound-postmark.json');
		const target = { to: identity(event, 'email'), subject: `Re: ${event.subject!.replace(/^re:\s*/i, '')}`, messageId: event.thread?.messageId ?? event.externalId };
		await runNode('omnichannelEmail', new OmnichannelEmail(), { operation: 'sendEmail', to: target.to, subject: target.subject, text: TEXT, replyToMessageId: target.messageId, references: event.thread?.references ?? '' });
		await runNode('omnichannelReply', new OmnichannelReply(), { channels: ALL_ROUTES, text: TEXT }, [event as unknown as IDataObject]);
		const [channel, reply] = smtp.messages.slice(-2).map((mail) => {
			const { headers } = readMime(mail.raw);
			return { mailFrom: mail.mailFrom, rcptTo: mail.rcptTo, from: headers.from, subject: headers.subject, inReplyTo: headers['in-reply-to'], references: headers.references };
		});
		expect(reply).toEqual(channel);
		expect(channel.mailFrom).toBe('support@acme.test');
	});
});
