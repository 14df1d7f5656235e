/** The Messenger and Instagram senders outside n8n (as the CLI would use them), and Meta's errors in plain words. */
import { AxiosHttpClient } from '../../support/axios-http-client';
import type { HttpResponse } from '../../../core/http/http-client';
import { ProviderError } from '../../../core/channels/provider-error';
import { sendMessengerText } from '../../../core/channels/messenger/outbound';
import { sendInstagramQuickReplies } from '../../../core/channels/instagram/outbound';
import { parseRecipient } from '../../../core/channels/meta/recipient';
import { isRetryableGraphResponse, metaSendError } from '../../../core/channels/meta/send-errors';
import { sendJson, startLocalServer, type LocalServer } from '../../support/local-server';

const graphError = (status: number, error: Record<string, unknown>): HttpResponse => ({ status, headers: {}, body: { error } });

describe('parseRecipient', () => {
	it('accepts a bare id or a scoped identity, with spaces around', () => {
		expect(parseRecipient(' 7000000000000001 ', 'Messenger', 'PSID')).toEqual({ id: '7000000000000001' });
		expect(parseRecipient('105000000000001:7000000000000001', 'Messenger', 'PSID')).toEqual({ scope: '105000000000001', id: '7000000000000001' });
		expect(parseRecipient(7000000000000001, 'Messenger', 'PSID')).toEqual({ id: '7000000000000001' });
	});

	it.each(['', 'ana@example.com', '+5511987654321', '1:2:3', ':7000000000000001'])('refuses %p and says what is expected', (value) => {
		expect(() => parseRecipient(value, 'Instagram', 'IGSID')).toThrow(/IGSID/);
	});
});

describe('Meta errors', () => {
	it.each([
		[graphError(429, { code: 4 }), true],
		[{ status: 502, headers: {}, body: '<html>Bad gateway</html>' }, true],
		[graphError(400, { code: 613 }), true],
		[graphError(400, { code: 80006 }), true],
		[graphError(400, { code: 80002 }), true],
		[graphError(400, { code: 1200 }), true],
		[graphError(400, { code: 100, is_transient: true }), true],
		[graphError(400, { code: 10, error_subcode: 2018278 }), false],
		[graphError(400, { code: 190 }), false],
		[graphError(400, { code: 551, error_subcode: 1545041 }), false],
	])('retries %j: %s', (response, expected) => {
		expect(isRetryableGraphResponse(response)).toBe(expected);
	});

	it('keeps the code and subcode, the message and the body, and adds a hint', () => {
		const error = metaSendError(graphError(400, { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278, fbtrace_id: 'X' }), 'Messenger');
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.message).toBe('Messenger did not send the message: (#10) This message is sent outside of allowed window.');
		expect(error.details).toMatchObject({ status: 400, code: '10/2018278', hint: expect.stringContaining('7 days') });
		expect(error.details.body).toEqual({ error: expect.objectContaining({ fbtrace_id: 'X' }) });
	});

	it('prefers the message Meta wrote for people, and explains an answer without an error body', () => {
		expect(metaSendError(graphError(400, { message: 'Invalid parameter', error_user_msg: 'The image is too large', code: 100 }), 'Instagram').message).toBe(
			'Instagram did not send the message: The image is too large',
		);
		const bare = metaSendError({ status: 503, headers: {}, body: 'unavailable' }, 'Instagram');
		expect(bare.message).toBe('Instagram answered HTTP 503 without an error description');
		expect(bare.details.hint).toMatch(/Try again in a few minutes/);
	});
});

describe('senders with the axios client (outside n8n)', () => {
	let server: LocalServer;
	beforeAll(async () => {
		server = await startLocalServer((request, response) =>
			request.path.endsWith('/messages') ? sendJson(response, 200, { recipient_id: '1234567890123456', message_id: 'aWdfZmid' }) : sendJson(response, 404, {}),
		);
	});
	afterAll(async () => await server.close());

	it('posts to the versioned /messages edge and returns the outbound event', async () => {
		const event = await sendInstagramQuickReplies(
			new AxiosHttpClient(),
			{ baseUrl: `${server.url}/`, version: 'v23.0', igAccountId: '17841400000000001' },
			{ recipient: '1234567890123456', text: 'Pick one', options: [{ title: 'A' }], window: 'HUMAN_AGENT' },
		);
		expect(server.requests[0].path).toBe('/v23.0/17841400000000001/messages');
		expect(server.requests[0].json).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { quick_replies: [{ content_type: 'text', title: 'A', payload: 'A' }] } });
		expect(event).toMatchObject({ id: 'instagram:17841400000000001:aWdfZmid', account: '17841400000000001', to: { identities: [{ kind: 'instagram', value: '17841400000000001:1234567890123456' }] } });
	});

	it('refuses an unknown message window before sending', async () => {
		const before = server.requests.length;
		await expect(
			sendMessengerText(new AxiosHttpClient(), { baseUrl: server.url, version: 'v23.0', pageId: '105000000000001' }, { recipient: '7', text: 'Hi', window: 'PROMO' as never }),
		).rejects.toThrow(/Unknown message window/);
		expect(server.requests.length).toBe(before);
	});
});
