/**
 * The Omnichannel Messenger and Instagram triggers through n8n's webhook engine: every
 * Messenger and Instagram fixture (shared and local) with good, bad and missing
 * signatures, Meta's GET handshake, redelivery, echoes, and bodies of the wrong product.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { CanonicalEvent } from '../../core/model';
import { MetaPageApi } from '../../credentials/MetaPageApi.credentials';
import { OmnichannelInstagramTrigger } from '../../nodes/OmnichannelInstagramTrigger/OmnichannelInstagramTrigger.node';
import { OmnichannelMessengerTrigger } from '../../nodes/OmnichannelMessengerTrigger/OmnichannelMessengerTrigger.node';
import { getLogger, runWebhook } from '../support/n8n-harness';
import { expectCanonical, localFixture, localSignature, sharedFixture, sharedSignature } from '../unit/channels/meta-fixtures';

const APP_SECRET = sharedSignature('messenger-text.json').secret;
const VERIFY_TOKEN = 'verify-token-for-tests';
const PAGE_ID = '105000000000001';
const IG_ACCOUNT_ID = '17841400000000001';
const ACCESS_TOKEN = 'EAAtestPageAccessToken';

const credentials = (overrides: IDataObject = {}) => ({
	omnichannelMetaPageApi: {
		accessToken: ACCESS_TOKEN,
		appSecret: APP_SECRET,
		verifyToken: VERIFY_TOKEN,
		pageId: PAGE_ID,
		igAccountId: IG_ACCOUNT_ID,
		graphApiVersion: 'v23.0',
		baseUrl: 'http://127.0.0.1:9',
		...overrides,
	},
});

type Channel = 'messenger' | 'instagram';
const triggers = { messenger: new OmnichannelMessengerTrigger(), instagram: new OmnichannelInstagramTrigger() };

interface Case {
	channel: Channel;
	name: string;
	body: Buffer;
	signature: string;
	/** type/direction/status of each event emitted by default. */
	expected: string[];
	/** How many events with "Include Our Own Messages". */
	withEchoes: number;
}

const shared = (channel: Channel, file: string, expected: string[]): Case => ({
	channel,
	name: file,
	body: sharedFixture(file),
	signature: sharedSignature(file).signature,
	expected,
	withEchoes: expected.length,
});
const local = (channel: Channel, file: string, expected: string[], withEchoes = expected.length): Case => ({
	channel,
	name: `${channel}/${file}`,
	body: localFixture(`${channel}/${file}`),
	signature: localSignature(`${channel}/${file}`).signature,
	expected,
	withEchoes,
});

const CASES: Case[] = [
	shared('messenger', 'messenger-text.json', ['message/inbound/']),
	shared('messenger', 'messenger-image.json', ['message/inbound/']),
	shared('messenger', 'messenger-delivery.json', ['status/outbound/delivered']),
	shared('messenger', 'messenger-read.json', ['status/outbound/read']),
	shared('instagram', 'instagram-text.json', ['message/inbound/']),
	shared('instagram', 'instagram-image.json', ['message/inbound/']),
	local('messenger', 'quick-reply.json', ['action/inbound/']),
	local('messenger', 'postback.json', ['action/inbound/']),
	local('messenger', 'reaction.json', ['action/inbound/']),
	local('messenger', 'delivery-watermark.json', ['status/outbound/delivered']),
	local('messenger', 'echo.json', [], 1),
	local('instagram', 'reply-unicode.json', ['message/inbound/']),
	local('instagram', 'seen.json', ['status/outbound/read']),
	local('instagram', 'echo.json', [], 1),
	local('instagram', 'deleted.json', []),
];

function post(channel: Channel, body: Buffer, headers: Record<string, string>, options: { staticData?: IDataObject; parameters?: INodeParameters; credentialData?: IDataObject } = {}) {
	return runWebhook({
		nodeType: triggers[channel],
		credentials: credentials(options.credentialData),
		credentialTypes: [new MetaPageApi()],
		parameters: options.parameters ?? {},
		staticData: options.staticData ?? {},
		request: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, rawBody: body },
	});
}

const summary = (event: IDataObject) => `${String(event.type)}/${String(event.direction)}/${String(event.status ?? '')}`;
const wrongSignature = (signature: string) => `sha256=${signature.slice(7).split('').reverse().join('')}`;

describe.each(CASES)('$channel trigger with $name', ({ channel, body, signature, expected, withEchoes }) => {
	it('answers 200 to a good signature and starts one execution with an item per event (none when there is nothing new)', async () => {
		const result = await post(channel, body, { 'x-hub-signature-256': signature });
		expect(result.error).toBeUndefined();
		expect(result.statusCode).toBe(200);
		if (expected.length === 0) {
			expect(result.items).toBeUndefined();
			return;
		}
		const items = result.items?.[0] ?? [];
		expect(items.map((item) => summary(item.json))).toEqual(expected);
		const events = expectCanonical(items.map((item) => item.json as unknown as CanonicalEvent));
		for (const event of events) {
			expect(event.channel).toBe(channel);
			expect(event.raw).toBeUndefined();
			const customer = event.direction === 'inbound' ? event.from.identities : (event.to.identities ?? []);
			expect(customer).toEqual([{ kind: channel, value: expect.stringMatching(new RegExp(`^${channel === 'messenger' ? PAGE_ID : IG_ACCOUNT_ID}:\\d+$`)) }]);
			expect(event.account).toBe(channel === 'messenger' ? PAGE_ID : IG_ACCOUNT_ID);
		}
	});

	it('refuses a wrong signature with 403 and a missing one with 401, starting nothing', async () => {
		const wrong = await post(channel, body, { 'x-hub-signature-256': wrongSignature(signature) });
		const missing = await post(channel, body, {});
		expect([wrong.statusCode, missing.statusCode]).toEqual([403, 401]);
		expect(wrong.items).toBeUndefined();
		expect(missing.items).toBeUndefined();
	});

	it('emits our own echoes only with "Include Our Own Messages", and the raw payload only when asked', async () => {
		const result = await post(channel, body, { 'x-hub-signature-256': signature }, { parameters: { options: { includeEchoes: true, includeRaw: true } } });
		expect(result.statusCode).toBe(200);
		const items = result.items?.[0] ?? [];
		expect(items).toHaveLength(withEchoes);
		for (const item of items) expect(item.json.raw).toEqual(expect.objectContaining({ sender: expect.any(Object), recipient: expect.any(Object) }));
	});
});

describe('echoes of our own messages', () => {
	it('become outbound messages with the customer in "to" when included', async () => {
		const result = await post('messenger', localFixture('messenger/echo.json'), { 'x-hub-signature-256': localSignature('messenger/echo.json').signature }, {
			parameters: { options: { includeEchoes: true } },
		});
		expect(result.items?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				type: 'message',
				direction: 'outbound',
				text: 'Your order ships today \u2014 tracking to follow.',
				account: PAGE_ID,
				to: { identities: [{ kind: 'messenger', value: `${PAGE_ID}:7000000000000001` }] },
			}),
		]);
	});
});

describe('redelivery', () => {
	it.each([
		['messenger', 'messenger-text.json'],
		['instagram', 'instagram-text.json'],
	] as const)('%s: the same body twice with the same static data starts a second execution for nothing', async (channel, file) => {
		const staticData: IDataObject = {};
		const headers = { 'x-hub-signature-256': sharedSignature(file).signature };
		const first = await post(channel, sharedFixture(file), headers, { staticData });
		const again = await post(channel, sharedFixture(file), headers, { staticData });
		expect(first.items?.[0]).toHaveLength(1);
		expect(again.statusCode).toBe(200);
		expect(again.items).toBeUndefined();
	});
});

describe('bodies and secrets that do not fit', () => {
	it('answers 400 to a signed Instagram body sent to the Messenger trigger, and the other way round', async () => {
		const toMessenger = await post('messenger', sharedFixture('instagram-text.json'), { 'x-hub-signature-256': sharedSignature('instagram-text.json').signature });
		const toInstagram = await post('instagram', sharedFixture('messenger-text.json'), { 'x-hub-signature-256': sharedSignature('messenger-text.json').signature });
		expect([toMessenger.statusCode, toInstagram.statusCode]).toEqual([400, 400]);
		expect(toMessenger.items).toBeUndefined();
		expect(toInstagram.items).toBeUndefined();
	});

	it('refuses every POST when the credential has no App Secret, and logs why without secrets', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		const result = await post('messenger', sharedFixture('messenger-text.json'), { 'x-hub-signature-256': sharedSignature('messenger-text.json').signature }, {
			credentialData: { appSecret: '' },
		});
		expect(result.statusCode).toBe(403);
		expect(result.items).toBeUndefined();
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('no App Secret configured');
		warn.mockRestore();
	});

	it('logs a refused signature without the App Secret or the access token', async () => {
		const warn = jest.spyOn(getLogger(), 'warn');
		await post('instagram', sharedFixture('instagram-text.json'), { 'x-hub-signature-256': wrongSignature(sharedSignature('instagram-text.json').signature) });
		const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
		expect(logged).toContain('refused a instagram webhook');
		expect(logged).not.toContain(APP_SECRET);
		expect(logged).not.toContain(ACCESS_TOKEN);
		warn.mockRestore();
	});
});

describe.each(['messenger', 'instagram'] as const)('%s trigger: Meta’s GET verification handshake', (channel) => {
	const handshake = (query: Record<string, string>, credentialData: IDataObject = {}) =>
		runWebhook({
			nodeType: triggers[channel],
			credentials: credentials(credentialData),
			credentialTypes: [new MetaPageApi()],
			webhookName: 'setup',
			request: { method: 'GET', query },
		});

	it('answers 200 with hub.challenge as plain text when the verify token matches, and starts nothing', async () => {
		const result = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
		expect(result.statusCode).toBe(200);
		expect(result.headers['content-type']).toMatch(/^text\/plain/);
		expect(result.rawResponseBody.toString('utf8')).toBe('1158201444');
		expect(result.items).toBeUndefined();
	});

	it.each([
		['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1158201444' }],
		['a missing verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }],
		['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }],
		['no query at all', {}],
	])('answers 403 to %s, without echoing the challenge', async (_case, query) => {
		const result = await handshake(query as Record<string, string>);
		expect(result.statusCode).toBe(403);
		expect(result.rawResponseBody.toString('utf8')).not.toContain('1158201444');
		expect(result.items).toBeUndefined();
	});

	it('answers 403 when the credential has no verify token, even to an empty one', async () => {
		const result = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '42' }, { verifyToken: '' });
		expect(result.statusCode).toBe(403);
	});
});
