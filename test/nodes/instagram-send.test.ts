/**
 * The Omnichannel Instagram node through n8n's execution engine against a local Graph API
 * that checks each request against Instagram Messaging's Send API and answers its
 * documented success and error bodies.
 */
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelInstagram } from '../../nodes/OmnichannelInstagram/OmnichannelInstagram.node';
import { IG_ACCOUNT_ID, metaNodeRunner, sendApiBody, sendFixture, useGraphServer } from './meta-send-support';

const IGSID = '1234567890123456';
const SUCCESS = sendFixture('instagram', 'success.json');
const MESSAGE_ID = String(SUCCESS.message_id);

const graph = useGraphServer(SUCCESS);
const run = metaNodeRunner(graph, 'Instagram', 'omnichannelInstagram', new OmnichannelInstagram());

describe('Send Text', () => {
	it('sends through the linked Page and outputs the outbound event with the instagram identity', async () => {
		const result = await run({ operation: 'sendText', recipient: '={{ $json.from.identities[0].value }}', text: 'Sim, enviamos para o Brasil! \u{1F69A}' }, [
			{ from: { identities: [{ kind: 'instagram', value: `${IG_ACCOUNT_ID}:${IGSID}` }] } },
		]);
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toEqual({ recipient: { id: IGSID }, messaging_type: 'RESPONSE', message: { text: 'Sim, enviamos para o Brasil! \u{1F69A}' } });
		const [item] = result.outputOf('Instagram');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(canonicalEventSchema.parse(item.json)).toEqual(item.json);
		expect(item.json).toEqual({
			id: `instagram:${IG_ACCOUNT_ID}:${MESSAGE_ID}`,
			type: 'message',
			channel: 'instagram',
			provider: 'meta',
			direction: 'outbound',
			externalId: MESSAGE_ID,
			timestamp: expect.any(String),
			from: { identities: [] },
			account: IG_ACCOUNT_ID,
			to: { identities: [{ kind: 'instagram', value: `${IG_ACCOUNT_ID}:${IGSID}` }] },
			text: 'Sim, enviamos para o Brasil! \u{1F69A}',
			author: { type: 'automation' },
			category: 'service',
		});
	});

	it('without a Page ID, sends as the Instagram account itself (Instagram Login)', async () => {
		const result = await run({ operation: 'sendText', recipient: IGSID, text: 'Hello', messagingType: 'HUMAN_AGENT' }, [{}], { credentials: { pageId: '' } });
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0, IG_ACCOUNT_ID)).toEqual({ recipient: { id: IGSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Hello' } });
	});

	it('takes the Instagram account from a scoped recipient when the credential has none, and refuses a bare IGSID then', async () => {
		const scoped = await run({ operation: 'sendText', recipient: `${IG_ACCOUNT_ID}:${IGSID}`, text: 'Hello' }, [{}], { credentials: { igAccountId: '' } });
		expect(scoped.error).toBeUndefined();
		expect(scoped.jsonOf('Instagram')[0]).toMatchObject({ account: IG_ACCOUNT_ID, to: { identities: [{ kind: 'instagram', value: `${IG_ACCOUNT_ID}:${IGSID}` }] } });

		const bare = await run({ operation: 'sendText', recipient: IGSID, text: 'Hello' }, [{}], { credentials: { igAccountId: '' } });
		expect(bare.error).toMatchObject({ name: 'NodeOperationError', message: expect.stringContaining('set Instagram Account ID') });
		expect(graph.server.requests).toHaveLength(1);
	});

	it('counts the 1000-byte limit in bytes, not characters', async () => {
		const result = await run({ operation: 'sendText', recipient: IGSID, text: '\u00e3'.repeat(501) });
		expect(result.error?.message).toMatch(/1002 bytes long; Instagram accepts at most 1000/);
		expect(graph.server.requests).toHaveLength(0);
	});
});

describe('Send Media', () => {
	it.each(['image', 'video', 'audio'])('sends a %s by URL', async (mediaType) => {
		const url = `https://cdn.example.test/ig/sample-${mediaType}`;
		const result = await run({ operation: 'sendMedia', recipient: IGSID, mediaType, mediaUrl: url, options: { includeRaw: true } });
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toEqual({ recipient: { id: IGSID }, messaging_type: 'RESPONSE', message: { attachment: { type: mediaType, payload: { url } } } });
		expect(result.jsonOf('Instagram')[0]).toMatchObject({ attachments: [{ type: mediaType, url }], raw: SUCCESS });
	});

	it('refuses a file, which Instagram does not take by this node', async () => {
		const result = await run({ operation: 'sendMedia', recipient: IGSID, mediaType: 'file', mediaUrl: 'https://cdn.example.test/doc.pdf' });
		expect(result.error?.message).toMatch(/Instagram can't send "file" media/);
		expect(graph.server.requests).toHaveLength(0);
	});
});

describe('Send Quick Replies', () => {
	it('sends the text with its quick replies', async () => {
		const result = await run({
			operation: 'sendQuickReplies',
			recipient: IGSID,
			text: 'Quer falar com quem?',
			messagingType: 'UPDATE',
			quickReplies: { option: [{ title: 'Vendas', payload: 'SALES' }, { title: 'Suporte', payload: 'SUPPORT' }] },
		});
		expect(result.error).toBeUndefined();
		expect(sendApiBody(graph, 0)).toEqual({
			recipient: { id: IGSID },
			messaging_type: 'UPDATE',
			message: {
				text: 'Quer falar com quem?',
				quick_replies: [
					{ content_type: 'text', title: 'Vendas', payload: 'SALES' },
					{ content_type: 'text', title: 'Suporte', payload: 'SUPPORT' },
				],
			},
		});
	});
});

describe('errors from Meta', () => {
	it.each([
		['error-outside-window.json', '10/2534022', /Human Agent Reply \(Within 7 Days\)/],
		['error-no-matching-user.json', '100/2534014', /no customer with this id/],
		['error-token-invalid.json', '190', /access token .* has expired or was revoked/],
	])('%s becomes a NodeApiError with code %s and a hint', async (file, code, hint) => {
		graph.script.push({ status: 400, body: sendFixture('instagram', file) });
		const result = await run({ operation: 'sendText', recipient: IGSID, text: 'Hello' });
		expect(graph.server.requests).toHaveLength(1);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringContaining(`(Instagram error ${code})`),
			description: expect.stringMatching(hint),
		});
	});

	it('with continue-on-fail, outputs the error as an item paired with its input', async () => {
		graph.script.push({ status: 400, body: sendFixture('instagram', 'error-outside-window.json') });
		const result = await run({ operation: 'sendText', recipient: IGSID, text: 'Hello' }, [{ ticket: 7 }], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.outputOf('Instagram')).toEqual([
			{ json: { ticket: 7, error: expect.stringContaining('Instagram did not send the message: This message is sent outside of allowed window.') }, pairedItem: { item: 0 } },
		]);
	});

	it('retries the Instagram rate limit (80002) and a 429 with Retry-After, then succeeds', async () => {
		graph.script.push(
			{ status: 400, body: sendFixture('instagram', 'error-rate-limit-80002.json') },
			{ status: 429, body: { error: { message: 'Too many calls', code: 4 } }, headers: { 'retry-after': '1' } },
		);
		const started = Date.now();
		const result = await run({ operation: 'sendText', recipient: IGSID, text: 'Hello' });
		expect(result.error).toBeUndefined();
		expect(graph.server.requests).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.jsonOf('Instagram')[0].externalId).toBe(MESSAGE_ID);
	});
});
