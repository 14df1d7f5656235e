import { AxiosHttpClient } from '../../support/axios-http-client';
import { multipartBody } from '../../../core/http/multipart-body';
import { ProviderError } from '../../../core/channels/provider-error';
import { isRetryableWhatsAppResponse, whatsappProviderError } from '../../../core/channels/whatsapp/error-codes';
import { graphUrl, normalizeGraphApiVersion } from '../../../core/channels/meta/graph-url';
import { phoneNumberUrl } from '../../../core/channels/whatsapp/graph-request';
import { listMessage, mediaMessage, replyButtonsMessage, templateMessage, textMessage } from '../../../core/channels/whatsapp/message-builders';
import { sendText, sendUploadedMedia } from '../../../core/channels/whatsapp/outbound';
import { parseRecipient } from '../../../core/channels/whatsapp/recipient';
import { sendJson, startLocalServer } from '../../support/local-server';

describe('WhatsApp recipients', () => {
	it.each([
		['+55 11 98765-4321', undefined, '5511987654321'],
		['(11) 98765-4321', 'BR', '5511987654321'],
		['5511987654321', undefined, '5511987654321'],
		['5511987654321', 'BR', '5511987654321'],
		['551187654321', undefined, '5511987654321'],
		['5215512345678', undefined, '525512345678'],
		['00 1 555 555 0123', undefined, '15555550123'],
	])('%s (default country %s) is sent to %s', (input, country, to) => {
		expect(parseRecipient(input, country)).toEqual({ kind: 'phone', to, identity: { kind: 'phone', value: `+${to}` } });
	});

	it.each(['US.13491208655302741918', 'US.ENT.11815799212886844830'])('%s is a business-scoped user id, kept verbatim', (input) => {
		expect(parseRecipient(` ${input} `)).toEqual({ kind: 'bsuid', recipient: input, identity: { kind: 'whatsapp_bsuid', value: input } });
	});

	it.each(['', '   ', 'ana@example.com', '98765-4321'])('"%s" is refused with what to write instead', (input) => {
		expect(() => parseRecipient(input)).toThrow(/phone number|recipient/i);
	});
});

describe('WhatsApp message content checks', () => {
	it('text: empty and too long are refused; preview off unless asked', () => {
		expect(textMessage({ text: 'Hi' }).payload).toEqual({ type: 'text', text: { preview_url: false, body: 'Hi' } });
		expect(() => textMessage({ text: '  ' })).toThrow('The message text is empty');
		expect(() => textMessage({ text: 'x'.repeat(4097) })).toThrow('at most 4096');
	});

	it('media: a link or an id, captions only where WhatsApp shows them, file names only for documents', () => {
		expect(mediaMessage({ type: 'audio', link: 'https://e.x/a.ogg', caption: 'ignored', filename: 'ignored' }).payload).toEqual({ type: 'audio', audio: { link: 'https://e.x/a.ogg' } });
		expect(mediaMessage({ type: 'sticker', mediaId: '42' }).summary).toEqual({ attachments: [{ type: 'sticker', mediaId: '42' }] });
		expect(() => mediaMessage({ type: 'image' })).toThrow('No media');
		expect(() => mediaMessage({ type: 'image', link: 'file:///etc/passwd' })).toThrow('not a web link');
		expect(() => mediaMessage({ type: 'gif' as never, link: 'https://e.x/a.gif' })).toThrow('not a media type');
	});

	it('templates: language code format, button positions and coupon codes', () => {
		expect(() => templateMessage({ name: 'x', languageCode: 'Portuguese' })).toThrow('not a template language code');
		expect(() => templateMessage({ name: 'x', languageCode: 'en', buttons: [{ subType: 'url', index: 12, value: 'a' }] })).toThrow('Button position 12');
		const built = templateMessage({
			name: 'promo',
			languageCode: 'es',
			header: { type: 'document', link: 'https://e.x/c.pdf', filename: 'cupon.pdf' },
			buttons: [
				{ subType: 'url', index: 1, value: 'track/4821' },
				{ subType: 'copy_code', index: 0, value: 'SAVE10' },
			],
		});
		expect(built.payload).toEqual({
			type: 'template',
			template: {
				name: 'promo',
				language: { code: 'es' },
				components: [
					{ type: 'header', parameters: [{ type: 'document', document: { link: 'https://e.x/c.pdf', filename: 'cupon.pdf' } }] },
					{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'track/4821' }] },
					{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
				],
			},
		});
		expect(built.summary).toEqual({ text: 'template:promo', attachments: [{ type: 'document', url: 'https://e.x/c.pdf', filename: 'cupon.pdf' }] });
	});

	it('reply buttons: titles up to 20 characters and distinct ids', () => {
		expect(() => replyButtonsMessage({ body: 'b', buttons: [{ title: 'x'.repeat(21) }] })).toThrow('at most 20');
		expect(() => replyButtonsMessage({ body: 'b', buttons: [{ title: 'Yes', id: 'a' }, { title: 'No', id: 'a' }] })).toThrow('Two buttons have the ID "a"');
		expect(() => replyButtonsMessage({ body: 'b', buttons: [] })).toThrow('1 to 3');
	});

	it('lists: at most 10 rows, every row titled, sections titled when there are several', () => {
		const rows = Array.from({ length: 11 }, (_, index) => ({ title: `Row ${index}` }));
		expect(() => listMessage({ body: 'b', buttonText: 'Open', rows })).toThrow('1 to 10 rows');
		expect(() => listMessage({ body: 'b', buttonText: 'Open', rows: [{ title: 'A', section: 'S1' }, { title: 'B' }] })).toThrow('every row needs a section title');
		expect(() => listMessage({ body: 'b', buttonText: 'Open', rows: [{ title: 'A', description: 'd'.repeat(73) }] })).toThrow('at most 72');
		expect(listMessage({ body: 'b', buttonText: 'Open', rows: [{ title: 'A' }] }).payload).toEqual({
			type: 'interactive',
			interactive: { type: 'list', body: { text: 'b' }, action: { button: 'Open', sections: [{ rows: [{ id: 'A', title: 'A' }] }] } },
		});
	});
});

describe('WhatsApp Graph API addressing and errors', () => {
	it('versions are written as Meta writes them', () => {
		expect(['26', 'v21.0', '22.0', '/v23.0/', undefined].map(normalizeGraphApiVersion)).toEqual(['v26.0', 'v21.0', 'v22.0', 'v23.0', 'v26.0']);
	});

	it('every Meta channel without a configured version calls the same one', () => {
		expect(graphUrl({}, '/me/accounts')).toBe('https://graph.facebook.com/v26.0/me/accounts');
		expect(graphUrl({ baseUrl: 'http://gw.local/', version: '' }, '105/messages')).toBe('http://gw.local/v26.0/105/messages');
	});

	it('a phone number instead of its id is refused with where to find the id', () => {
		expect(phoneNumberUrl({ phoneNumberId: '106540000000001', baseUrl: 'http://gw.local//' }, 'media')).toBe('http://gw.local/v26.0/106540000000001/media');
		expect(() => phoneNumberUrl({ phoneNumberId: '+1 555 000 1234' }, 'messages')).toThrow('API Setup');
		expect(() => phoneNumberUrl({ phoneNumberId: ' ' }, 'messages')).toThrow('No Phone Number ID');
	});

	it('rate-limit codes and 5xx are retryable; other refusals are not', () => {
		const answer = (status: number, code?: number) => ({ status, headers: {}, body: code === undefined ? 'oops' : { error: { code, message: 'm' } } });
		expect([answer(400, 130429), answer(400, 131056), answer(400, 80007), answer(429), answer(503)].every(isRetryableWhatsAppResponse)).toBe(true);
		expect([answer(400, 131047), answer(401, 190), answer(400, 100)].some(isRetryableWhatsAppResponse)).toBe(false);
	});

	it('an answer that is not Meta\'s still says what to check', () => {
		const error = whatsappProviderError({ status: 404, headers: {}, body: '<html>Not found</html>' }, 'Sending');
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.details.hint).toContain('Phone Number ID');
		expect(error.details.code).toBeUndefined();
	});
});

describe('multipart bodies', () => {
	it('writes fields and files with their names and types, bytes untouched', () => {
		const data = Buffer.from([0, 255, 13, 10, 45, 45]);
		const { contentType, body } = multipartBody(
			[
				{ name: 'type', value: 'image/png' },
				{ name: 'file', data, filename: 'a "b".png', contentType: 'image/png' },
			],
			'XyZ',
		);
		expect(contentType).toBe('multipart/form-data; boundary=XyZ');
		const expected = Buffer.concat([
			Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="type"\r\n\r\nimage/png\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a %22b%22.png"\r\nContent-Type: image/png\r\n\r\n'),
			data,
			Buffer.from('\r\n--XyZ--\r\n'),
		]);
		expect(body).toEqual(expected);
	});
});

describe('WhatsApp senders outside n8n (axios client)', () => {
	it('sends with the access token as a Bearer header and returns the outbound event', async () => {
		const server = await startLocalServer((request, response) => sendJson(response, 200, { messaging_product: 'whatsapp', contacts: [{ input: '15555550123', wa_id: '15555550123' }], messages: [{ id: 'wamid.X1' }] }));
		try {
			const event = await sendText(new AxiosHttpClient(), { baseUrl: server.url, phoneNumberId: '1065', accessToken: 'tok' }, { recipient: '+1 555 555 0123', text: 'Hi' });
			expect(server.requests[0].headers.authorization).toBe('Bearer tok');
			expect(server.requests[0].path).toBe('/v26.0/1065/messages');
			expect(event).toMatchObject({ id: 'whatsapp:1065:wamid.X1', account: '1065', to: { identities: [{ kind: 'phone', value: '+15555550123' }] }, text: 'Hi' });
		} finally {
			await server.close();
		}
	});

	it('checks the recipient and the content before uploading anything', async () => {
		const server = await startLocalServer((request, response) => sendJson(response, 200, { id: '1' }));
		try {
			const config = { baseUrl: server.url, phoneNumberId: '1065' };
			const file = { data: Buffer.from('x'), mimeType: 'image/png', uploadFilename: 'x.png', type: 'image' as const };
			await expect(sendUploadedMedia(new AxiosHttpClient(), config, { ...file, recipient: 'nobody' })).rejects.toThrow(/recipient/i);
			await expect(sendUploadedMedia(new AxiosHttpClient(), config, { ...file, recipient: '+15555550123', caption: 'c'.repeat(1025) })).rejects.toThrow('at most 1024');
			expect(server.requests).toHaveLength(0);
		} finally {
			await server.close();
		}
	});

	it('a success answer without a message id is not taken for a sent message', async () => {
		const server = await startLocalServer((request, response) => sendJson(response, 200, { ok: true }));
		try {
			await expect(sendText(new AxiosHttpClient(), { baseUrl: server.url, phoneNumberId: '1065' }, { recipient: '+15555550123', text: 'Hi' })).rejects.toThrow('no message id');
		} finally {
			await server.close();
		}
	});
});
