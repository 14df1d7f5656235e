import type { HttpClient, HttpRequest, HttpResponse } from '../../../core/http/http-client';
import { ProviderError } from '../../../core/channels/provider-error';
import { sendEvolutionButtons, sendEvolutionMedia, sendEvolutionText } from '../../../core/channels/evolution/outbound';
import { evolutionRecipient } from '../../../core/channels/evolution/recipient';
import { evolutionSendError, isRetryableEvolutionAnswer } from '../../../core/channels/evolution/send-errors';
import { expectCanonical, localFixture } from './fixtures';

const json = (name: string): unknown => JSON.parse(localFixture(`evolution/${name}`).toString('utf8'));
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body });

/** An HttpClient that records requests and plays back answers. */
function scripted(...answers: HttpResponse[]): HttpClient & { requests: HttpRequest[] } {
	const requests: HttpRequest[] = [];
	return {
		requests,
		async request<T>(request: HttpRequest) {
			requests.push(request);
			return answers.shift() as HttpResponse<T>;
		},
	};
}

const config = { baseUrl: 'https://evolution.example.test/', instance: 'acme support', sleep: async () => {} };

describe('evolution recipient', () => {
	it.each([
		['+55 (11) 98765-4321', undefined, '5511987654321', [{ kind: 'phone', value: '+5511987654321' }]],
		['11 98765-4321', 'BR', '5511987654321', [{ kind: 'phone', value: '+5511987654321' }]],
		['5511987654321', undefined, '5511987654321', [{ kind: 'phone', value: '+5511987654321' }]],
		['5511987654321@s.whatsapp.net', undefined, '5511987654321@s.whatsapp.net', [{ kind: 'phone', value: '+5511987654321' }]],
		['218743000000555@lid', undefined, '218743000000555@lid', [{ kind: 'external', value: '218743000000555@lid' }]],
		['120363025246125486@g.us', undefined, '120363025246125486@g.us', []],
	])('reads %s (country %s) as number %s', (input, country, number, identities) => {
		expect(evolutionRecipient(input, country)).toEqual({ number, identities });
	});

	it.each([
		['', 'No recipient'],
		['98765-4321', 'no country code'],
		['status@broadcast', 'broadcast'],
		['maria@', 'not a WhatsApp JID'],
	])('refuses %j with a plain reason', (input, reason) => {
		expect(() => evolutionRecipient(input)).toThrow(reason);
	});
});

describe('evolution send errors', () => {
	it.each([
		[400, 'error-not-on-whatsapp.json', 'NOT_ON_WHATSAPP', 'The number 5511955550199 is not on WhatsApp'],
		[401, 'error-unauthorized.json', 'UNAUTHORIZED', 'Evolution API refused the API key'],
		[404, 'error-instance-not-found.json', 'INSTANCE_NOT_FOUND', 'Evolution API has no instance named "acme-support"'],
		[500, 'error-connection-closed.json', 'INSTANCE_DISCONNECTED', 'The WhatsApp number of instance "acme-support" is not connected'],
		[400, 'error-connection-closed-on-send.json', 'INSTANCE_DISCONNECTED', 'The WhatsApp number of instance "acme-support" is not connected'],
		[400, 'error-bad-request.json', 'BAD_REQUEST', 'Evolution API refused the message: Maximum of 3 reply buttons allowed'],
	])('maps a %i of %s to %s', (status, file, code, message) => {
		const error = evolutionSendError(answer(status, json(file)), 'acme-support');
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.message).toBe(message);
		expect(error.details).toMatchObject({ status, code, body: json(file) });
		expect(error.details.hint).toBeTruthy();
	});

	it('tells a wrong Base URL (an unknown route) from an unknown instance', () => {
		const error = evolutionSendError(answer(404, { status: 404, error: 'Not Found', response: { message: ['Cannot POST /v1/message/sendText/x'] } }), 'x');
		expect(error.details.code).toBe('NOT_FOUND');
		expect(error.details.hint).toContain('Base URL');
	});

	it('retries 429 and 5xx, but not a disconnected instance nor a 4xx', () => {
		expect(isRetryableEvolutionAnswer(answer(429, {}))).toBe(true);
		expect(isRetryableEvolutionAnswer(answer(503, 'Service Unavailable'))).toBe(true);
		expect(isRetryableEvolutionAnswer(answer(500, json('error-connection-closed.json')))).toBe(false);
		expect(isRetryableEvolutionAnswer(answer(400, json('error-not-on-whatsapp.json')))).toBe(false);
	});
});

describe('evolution outbound', () => {
	it('posts to the instance (URL-encoded) after a 503, and returns the canonical outbound event', async () => {
		const client = scripted(answer(503, 'Service Unavailable'), answer(201, json('send-text-response.json')));
		const [event] = expectCanonical([await sendEvolutionText(client, config, { to: '+5511987654321', text: 'Oi' })]);
		expect(client.requests.map((request) => request.url)).toEqual([
			'https://evolution.example.test/message/sendText/acme%20support',
			'https://evolution.example.test/message/sendText/acme%20support',
		]);
		expect(client.requests[0]).toMatchObject({ method: 'POST', json: { number: '5511987654321', text: 'Oi' } });
		expect(event).toMatchObject({ id: 'whatsapp:acme support:3EB0F1E2D3C4B5A69788', account: 'acme support', to: { identities: [{ kind: 'phone', value: '+5511987654321' }] } });
	});

	it('refuses an answer without a message id', async () => {
		const client = scripted(answer(201, { ok: true }));
		await expect(sendEvolutionText(client, config, { to: '+5511987654321', text: 'Oi' })).rejects.toMatchObject({ details: { code: 'NO_MESSAGE_ID' } });
	});

	it('checks its input before sending anything', async () => {
		const client = scripted();
		await expect(sendEvolutionText(client, config, { to: '+5511987654321', text: '  ' })).rejects.toThrow('text is empty');
		await expect(sendEvolutionMedia(client, config, { to: '+5511987654321', mediaType: 'document', media: 'JVBERi0=' })).rejects.toThrow('needs a file name');
		await expect(sendEvolutionButtons(client, config, { to: '+5511987654321', title: 'T', buttons: [] })).rejects.toThrow('at least one button');
		await expect(sendEvolutionButtons(client, config, { to: '+5511987654321', title: 'T', buttons: [{ type: 'reply', displayText: 'Sim' }] })).rejects.toThrow('without an ID');
		await expect(sendEvolutionText(client, { ...config, baseUrl: 'evolution.example.test' }, { to: '+5511987654321', text: 'Oi' })).rejects.toThrow('not an http(s) address');
		expect(client.requests).toHaveLength(0);
	});

	it('sends to a group without taking the group for a customer', async () => {
		const client = scripted(answer(201, { key: { remoteJid: '120363025246125486@g.us', fromMe: true, id: 'GROUPMSG1' } }));
		const event = await sendEvolutionText(client, config, { to: '120363025246125486@g.us', text: 'Oi grupo' });
		expect(event.account).toBe('acme support');
		expect(event.to).toEqual({ identities: [] });
	});
});
