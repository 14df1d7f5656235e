/**
 * The Omnichannel Messenger node through n8n's execution engine against a local Graph API
 * that checks each request against the Send API reference and answers its documented
 * success and error bodies.
 */
import type { IDataObject } from 'n8n-workflow';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelMessenger } from '../../nodes/OmnichannelMessenger/OmnichannelMessenger.node';
import { ACCESS_TOKEN, PAGE_ID, metaNodeRunner, sendApiBody, sendFixture, useGraphServer } from './meta-send-support';

const PSID = '7000000000000001';
const SUCCESS = sendFixture('messenger', 'success.json');
const MESSAGE_ID = String(SUCCESS.message_id);

const graph = useGraphServer(SUCCESS);
const run = metaNodeRunner(graph, 'Messenger', 'omnichannelMessenger', new OmnichannelMessenger());

describe('Send Text', () => {
	it('posts the documented request for each item and outputs the canonical outbound event, paired with its item', async () => {
		const result = await run({ operation: 'sendText', recipient: '={{ $json.customer }}', text: '={{ "Hi " + $json.name + ", your order has shipped." }}' }, [
			{ customer: PSID, name: 'Ana' },
			{ customer: `${PAGE_ID}:${PSID}`, name: 'Ana again' },
		]);
		expect(result.error).toBeUndefined();
		expect(graph.server.requests).toHaveLength(2);
		expect(sendApiBody(graph, 0)).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Hi Ana, your order has shipped.' } });
		expect(sendApiBody(graph, 1)).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Hi Ana again, your order has shipped.' } });

		const output = result.outputOf('Messenger');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const event = output[0].json;
		expect(canonicalEventSchema.parse(event)).toEqual(event);
		expect(event).toEqual({
			id: `messenger:${PAGE_ID}:${MESSAGE_ID}`,
			type: 'message',
			channel: 'messenger',
			provider: 'meta',
			direction: 'outbound',
			externalId: MESSAGE_ID,
			timestamp: expect.any(String),
			from: { identities: [] },
			account: PAGE_ID,
			to: { identities: [{ kind: 'messenger', value: `${PAGE_ID}:${PSID}` }] },
			text: 'Hi Ana, your order has shipped.',
			// Unless the flow says otherwise, an automation sent it, answering the customer.
			author: { type: 'automation' },
			category: 'service',
		});
		expect(Math.abs(Date.parse(String(event.timestamp)) - Date.now())).toBeLessThan(60_000);
		expect(output[1].json.text).toBe('Hi Ana again, your order has shipped.');
	});

	it.each([
		['HUMAN_AGENT', { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }],
		['UPDATE', { messaging_type: 'UPDATE' }],
		['RESPONSE', { messaging_type: 'RESPONSE' }],
	])('sends message window %s as the Send API expects', async (window, expected) => {
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Following up on your ticket', messagingType: window });
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toEqual({ recipient: { id: PSID }, ...expected, message: { text: 'Following up on your ticket' } });
	});

	it('sends the notification type and adds the raw response only when asked', async () => {
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Quiet hello', options: { notificationType: 'SILENT_PUSH', includeRaw: true } });
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toMatchObject({ notification_type: 'SILENT_PUSH' });
		expect(result.jsonOf('Messenger')[0].raw).toEqual(SUCCESS);

		const plain = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' });
		expect(plain.jsonOf('Messenger')[0]).not.toHaveProperty('raw');
		expect(graph.server.requests[1].json).not.toHaveProperty('notification_type');
	});

	it.each([
		['a name instead of an id', 'Ana Souza', /not a Messenger recipient/],
		['an empty recipient', '={{ "" }}', /No recipient/],
		['a customer of another Page', `999000000000001:${PSID}`, /customer of Page 999000000000001, but the credential sends as Page 105000000000001/],
	])('refuses %s with a NodeOperationError before calling Meta', async (_case, recipient, message) => {
		const result = await run({ operation: 'sendText', recipient, text: 'Hello' });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: expect.stringMatching(message) });
		expect(graph.server.requests).toHaveLength(0);
	});

	it('refuses an empty or too long text, and a credential without a Page ID', async () => {
		const empty = await run({ operation: 'sendText', recipient: PSID, text: '   ' });
		const long = await run({ operation: 'sendText', recipient: PSID, text: 'x'.repeat(2001) });
		const noPage = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' }, [{}], { credentials: { pageId: '' } });
		expect(empty.error?.message).toMatch(/text is empty/);
		expect(long.error?.message).toMatch(/2001 characters long; Messenger accepts at most 2000/);
		expect(noPage.error?.message).toMatch(/set Page ID/);
		expect(graph.server.requests).toHaveLength(0);
	});
});

describe('Send Media', () => {
	it.each(['image', 'video', 'audio', 'file'])('sends a %s by URL as an attachment and outputs it in the event', async (mediaType) => {
		const url = `https://cdn.example.test/media/sample.${mediaType}`;
		const result = await run({ operation: 'sendMedia', recipient: PSID, mediaType, mediaUrl: url, options: { reusable: mediaType === 'file' } });
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toEqual({
			recipient: { id: PSID },
			messaging_type: 'RESPONSE',
			message: { attachment: { type: mediaType, payload: mediaType === 'file' ? { url, is_reusable: true } : { url } } },
		});
		expect(result.jsonOf('Messenger')[0]).toMatchObject({ id: `messenger:${PAGE_ID}:${MESSAGE_ID}`, attachments: [{ type: mediaType, url }] });
		expect(result.jsonOf('Messenger')[0]).not.toHaveProperty('text');
	});

	it('refuses a media URL that is not http(s)', async () => {
		const result = await run({ operation: 'sendMedia', recipient: PSID, mediaType: 'image', mediaUrl: 'file:///etc/passwd' });
		expect(result.error?.message).toMatch(/not a media URL/);
		expect(graph.server.requests).toHaveLength(0);
	});
});

describe('Send Quick Replies', () => {
	it('sends the text with its options; an option without payload sends its title', async () => {
		const result = await run({
			operation: 'sendQuickReplies',
			recipient: PSID,
			text: 'How can we help?',
			quickReplies: { option: [{ title: 'Track my order', payload: 'TRACK_ORDER' }, { title: 'Talk to a person' }] },
		});
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toEqual({
			recipient: { id: PSID },
			messaging_type: 'RESPONSE',
			message: {
				text: 'How can we help?',
				quick_replies: [
					{ content_type: 'text', title: 'Track my order', payload: 'TRACK_ORDER' },
					{ content_type: 'text', title: 'Talk to a person', payload: 'Talk to a person' },
				],
			},
		});
		expect(result.jsonOf('Messenger')[0]).toMatchObject({ type: 'message', direction: 'outbound', text: 'How can we help?' });
	});

	it('accepts 13 options and refuses 14 or none before calling Meta', async () => {
		const options = (count: number) => ({ option: Array.from({ length: count }, (_, index) => ({ title: `Option ${index + 1}` })) });
		const thirteen = await run({ operation: 'sendQuickReplies', recipient: PSID, text: 'Pick one', quickReplies: options(13) });
		expect(thirteen.error).toBeUndefined();
		expect((graph.server.requests[0].json as { message: { quick_replies: unknown[] } }).message.quick_replies).toHaveLength(13);

		const fourteen = await run({ operation: 'sendQuickReplies', recipient: PSID, text: 'Pick one', quickReplies: options(14) });
		const none = await run({ operation: 'sendQuickReplies', recipient: PSID, text: 'Pick one' });
		expect(fourteen.error?.message).toMatch(/14 quick replies given; Messenger shows at most 13/);
		expect(none.error?.message).toMatch(/No quick replies/);
		expect(graph.server.requests).toHaveLength(1);
	});
});

describe('errors from Meta', () => {
	it.each([
		['error-outside-window.json', '10/2018278', /Human Agent Reply \(Within 7 Days\)/],
		['error-outside-window-permission.json', '200/2018065', /page_messaging_subscriptions/],
		['error-person-unavailable.json', '551/1545041', /can't receive your messages/],
		['error-no-matching-user.json', '100/2018001', /no customer with this id/],
		['error-token-expired.json', '190/463', /access token .* has expired or was revoked/],
		['error-attachment-upload.json', '100/2018047', /could not fetch the media/],
		['error-permission.json', '10', /pages_messaging permission/],
	])('%s becomes a NodeApiError with code %s and a hint, sent once', async (file, code, hint) => {
		const body = sendFixture('messenger', file);
		graph.script.push({ status: file.includes('token') ? 401 : 400, body });
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' });
		expect(graph.server.requests).toHaveLength(1);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringContaining(`(Messenger error ${code})`),
			description: expect.stringMatching(hint),
		});
		expect(result.error?.message).toContain((body.error as IDataObject).message as string);
		expect(JSON.stringify(result.error)).not.toContain(ACCESS_TOKEN);
	});

	it('with continue-on-fail, outputs an error item for the refused item and sends the others', async () => {
		graph.script.push({ status: 200, body: SUCCESS }, { status: 400, body: sendFixture('messenger', 'error-outside-window.json') });
		const result = await run({ operation: 'sendText', recipient: '={{ $json.psid }}', text: 'Hello' }, [{ psid: PSID }, { psid: '7000000000000002' }, { psid: PSID }], {
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const output = result.outputOf('Messenger');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.externalId).toBe(MESSAGE_ID);
		expect(output[1].json).toEqual({ psid: '7000000000000002', error: expect.stringContaining('(Messenger error 10/2018278)') });
		expect(output[2].json.externalId).toBe(MESSAGE_ID);
		expect(graph.server.requests).toHaveLength(3);
	});
});

describe('rate limits and passing failures', () => {
	it('retries a 429 after the time given in Retry-After, then succeeds', async () => {
		graph.script.push({ status: 429, body: { error: { message: 'Too many requests', code: 4 } }, headers: { 'retry-after': '1' } });
		const started = Date.now();
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' });
		expect(result.error).toBeUndefined();
		expect(graph.server.requests).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(sendApiBody(graph, 1)).toEqual(sendApiBody(graph, 0));
		expect(result.jsonOf('Messenger')[0].externalId).toBe(MESSAGE_ID);
	});

	it.each(['error-rate-limit-613.json', 'error-rate-limit-4.json', 'error-rate-limit-80006.json'])('retries Meta’s rate-limit answer %s (HTTP 400), then succeeds', async (file) => {
		graph.script.push({ status: 400, body: sendFixture('messenger', file) });
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' });
		expect(result.error).toBeUndefined();
		expect(graph.server.requests).toHaveLength(2);
	});

	it('gives up after three retries with the rate-limit hint', async () => {
		const body = sendFixture('messenger', 'error-rate-limit-80006.json');
		graph.script.push(...Array.from({ length: 4 }, () => ({ status: 400, body })));
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' });
		expect(graph.server.requests).toHaveLength(4);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringContaining('(Messenger error 80006)'),
			description: expect.stringContaining('limiting how many messages'),
		});
	});

	it('retries a 503 without a Graph error body, then succeeds', async () => {
		graph.script.push({ status: 503, body: 'Service Unavailable', headers: { 'retry-after': '0' } });
		const result = await run({ operation: 'sendText', recipient: PSID, text: 'Hello' });
		expect(result.error).toBeUndefined();
		expect(graph.server.requests).toHaveLength(2);
	});
});
