import type { HttpClient, HttpRequest, HttpResponse } from '../../../core/http/http-client';
import { OUTBOUND_DEFINITIONS } from '../../../core/channels/outbound-registry';
import type { OutboundEmail } from '../../../core/channels/smtp/outbound';
import type { CanonicalEvent } from '../../../core/model';
import { expectCanonical } from './fixtures';

/** A provider that records each request and answers with what its success looks like. */
function provider(answer: (request: HttpRequest) => unknown): HttpClient & { requests: HttpRequest[] } {
	const requests: HttpRequest[] = [];
	return {
		requests,
		async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			requests.push(request);
			return { status: 200, headers: {}, body: answer(request) as T };
		},
	};
}

const whatsappAnswer = () => ({ messaging_product: 'whatsapp', contacts: [{ input: '5511987654321', wa_id: '5511987654321' }], messages: [{ id: 'wamid.SENT' }] });
const metaAnswer = () => ({ recipient_id: '7000000000000001', message_id: 'm_SENT' });
const telegramAnswer = () => ({ ok: true, result: { message_id: 7, date: 1790000000, chat: { id: 5550001234, type: 'private' }, text: 'ok' } });
const twilioAnswer = () => ({ sid: 'SM00000000000000000000000000000001', status: 'queued', to: '+5511987654321', from: '+15550001111' });

const form = (request: HttpRequest) => request.form as Record<string, string | string[]>;

describe('each route sends the contract\'s messages through its provider\'s own sender', () => {
	it('WhatsApp Cloud: text from the account the message names, a template with its variables, reply buttons', async () => {
		const http = provider(whatsappAnswer);
		const connection = { http, config: { baseUrl: 'https://graph.test', apiVersion: 'v26.0', phoneNumberId: '106540000000001' } };
		const { send } = OUTBOUND_DEFINITIONS.whatsappCloud;
		expectCanonical([await send.text(connection, { recipient: '+55 11 98765-4321', account: '106540000000002', text: 'Oi' })]);
		await send.template!(connection, { recipient: '+5511987654321', template: 'order_update', language: 'pt_BR', variables: ['Ana', '4821'] });
		await send.buttons!(connection, { recipient: '+5511987654321', text: 'Pick one', buttons: [{ id: 'yes', title: 'Yes' }] });
		expect(http.requests.map((request) => request.url)).toEqual([
			'https://graph.test/v26.0/106540000000002/messages',
			'https://graph.test/v26.0/106540000000001/messages',
			'https://graph.test/v26.0/106540000000001/messages',
		]);
		expect(http.requests[1].json).toMatchObject({
			type: 'template',
			template: { name: 'order_update', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '4821' }] }] },
		});
		expect(http.requests[2].json).toMatchObject({ type: 'interactive', interactive: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } } });
	});

	it('Evolution: the message\'s account is the instance, reply buttons carry their ids', async () => {
		const http = provider(() => ({ key: { remoteJid: '5511987654321@s.whatsapp.net', fromMe: true, id: 'EVO1' } }));
		const connection = { http, config: { baseUrl: 'https://evolution.test', instance: 'support' } };
		await OUTBOUND_DEFINITIONS.evolution.send.text(connection, { recipient: '+5511987654321', account: 'sales', text: 'Oi' });
		await OUTBOUND_DEFINITIONS.evolution.send.buttons!(connection, { recipient: '+5511987654321', text: 'Pick', buttons: [{ id: 'b1', title: 'One' }] });
		expect(http.requests.map((request) => request.url)).toEqual(['https://evolution.test/message/sendText/sales', 'https://evolution.test/message/sendButtons/support']);
		expect(http.requests[1].json).toMatchObject({ title: 'Pick', buttons: [{ type: 'reply', displayText: 'One', id: 'b1' }] });
	});

	it('Messenger and Instagram: the window becomes the HUMAN_AGENT tag, buttons are quick replies, a document is a "file", a caption is refused', async () => {
		const http = provider(metaAnswer);
		const messenger = { http, config: { baseUrl: 'https://graph.test', version: 'v23.0', pageId: '105000000000001' } };
		await OUTBOUND_DEFINITIONS.messenger.send.text(messenger, { recipient: '105000000000001:7000000000000001', text: 'Hello', window: 'HUMAN_AGENT' });
		await OUTBOUND_DEFINITIONS.messenger.send.buttons!(messenger, { recipient: '7000000000000001', text: 'Pick', buttons: [{ id: 'TRACK', title: 'Track' }] });
		await OUTBOUND_DEFINITIONS.messenger.send.media!(messenger, { recipient: '7000000000000001', mediaType: 'document', url: 'https://example.com/a.pdf' });
		expect(http.requests[0].json).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Hello' } });
		expect(http.requests[1].json).toMatchObject({ message: { text: 'Pick', quick_replies: [{ content_type: 'text', title: 'Track', payload: 'TRACK' }] } });
		expect(http.requests[2].json).toMatchObject({ message: { attachment: { type: 'file', payload: { url: 'https://example.com/a.pdf' } } } });
		await expect(OUTBOUND_DEFINITIONS.messenger.send.media!(messenger, { recipient: '7000000000000001', mediaType: 'image', url: 'https://example.com/a.jpg', caption: 'Look' })).rejects.toThrow(
			'Messenger shows no caption under media',
		);
		const instagram = { http, config: { baseUrl: 'https://graph.test', version: 'v23.0', pageId: '105000000000001', igAccountId: '17841400000000001' } };
		const event = await OUTBOUND_DEFINITIONS.instagram.send.text(instagram, { recipient: '1234567890', text: 'Hi' });
		expect(event.to.identities).toEqual([{ kind: 'instagram', value: '17841400000000001:7000000000000001' }]);
	});

	it('Telegram: photos and documents by link, buttons as one inline button per row; the answer as raw when asked', async () => {
		const http = provider(telegramAnswer);
		const connection = { http, config: { token: '123456:TEST', baseUrl: 'https://telegram.test' } };
		const { send } = OUTBOUND_DEFINITIONS.telegram;
		const withRaw = await send.text(connection, { recipient: '5550001234', text: 'Hi', includeRaw: true });
		expect(withRaw.raw).toEqual(telegramAnswer());
		await send.media!(connection, { recipient: '5550001234', mediaType: 'document', url: 'https://example.com/a.pdf', caption: 'Your invoice' });
		await send.buttons!(connection, { recipient: '5550001234', text: 'Pick', buttons: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] });
		expect(http.requests.map((request) => request.url.split('/').at(-1))).toEqual(['sendMessage', 'sendDocument', 'sendMessage']);
		expect(http.requests[1].json).toMatchObject({ document: 'https://example.com/a.pdf', caption: 'Your invoice' });
		expect(http.requests[2].json).toMatchObject({ reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }], [{ text: 'B', callback_data: 'b' }]] } });
		await expect(send.media!(connection, { recipient: '5550001234', mediaType: 'video', url: 'https://example.com/a.mp4' })).rejects.toThrow('send it as a document');
	});

	it('Twilio: WhatsApp by the "whatsapp:" recipient, a Messaging Service as the account, a Content Template with numbered variables', async () => {
		const http = provider(twilioAnswer);
		const connection = { http, config: { accountSid: 'AC00000000000000000000000000000000', baseUrl: 'https://twilio.test' } };
		const { send } = OUTBOUND_DEFINITIONS.twilio;
		const event = await send.text(connection, { recipient: 'whatsapp:+5511987654321', account: '+15550001111', text: 'Oi' });
		expect(event.channel).toBe('whatsapp');
		await send.template!(connection, { recipient: '+5511987654321', account: 'MG00000000000000000000000000000000', template: 'HX00000000000000000000000000000000', variables: ['Ana', '12 June'] });
		expect(form(http.requests[0])).toMatchObject({ To: 'whatsapp:+5511987654321', From: 'whatsapp:+15550001111', Body: 'Oi' });
		expect(form(http.requests[1])).toMatchObject({
			MessagingServiceSid: 'MG00000000000000000000000000000000',
			ContentSid: 'HX00000000000000000000000000000000',
			ContentVariables: '{"1":"Ana","2":"12 June"}',
		});
	});

	it('E-mail: the account is the From address, the subject and thread come with the message', async () => {
		const sent: OutboundEmail[] = [];
		const mailer = { send: async (email: OutboundEmail) => (sent.push(email), { id: 'email:x' } as unknown as CanonicalEvent) };
		await OUTBOUND_DEFINITIONS.email.send.text({ mailer }, { recipient: 'ana@example.org', account: 'support@acme.test', text: 'Hello', email: { subject: 'Re: Order', inReplyTo: 'abc@mail', references: ['first@mail'] } });
		expect(sent).toEqual([{ from: 'support@acme.test', to: 'ana@example.org', subject: 'Re: Order', text: 'Hello', inReplyTo: 'abc@mail', references: ['first@mail'] }]);
	});
});
