import { Workflow, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { canonicalEventSchema } from '../../core/model';
import { OmnichannelTelegramApi } from '../../credentials/OmnichannelTelegramApi.credentials';
import { OmnichannelTelegram } from '../../nodes/OmnichannelTelegram/OmnichannelTelegram.node';
import { runWorkflow, type HarnessInputItem } from '../support/n8n-harness';
import { botApiFixture, startFakeBotApi, type FakeBotApi } from '../support/telegram-bot-api';

const TOKEN = '5550009999:AAFakeTokenForTests_0123456789abcdef';
const SECRET_PART = 'AAFakeTokenForTests_0123456789abcdef';
const CUSTOMER = '5550001234';

describe('Omnichannel Telegram node through n8n', () => {
	let api: FakeBotApi;
	beforeAll(async () => {
		api = await startFakeBotApi(TOKEN);
	});
	afterAll(async () => await api.close());
	beforeEach(() => api.reset());

	const run = (parameters: INodeParameters, options: { items?: HarnessInputItem[]; onError?: 'continueRegularOutput' | 'continueErrorOutput'; token?: string } = {}) =>
		runWorkflow({
			nodeTypes: { omnichannelTelegram: new OmnichannelTelegram() },
			nodes: [{ name: 'Telegram', type: 'omnichannelTelegram', parameters, onError: options.onError }],
			credentials: { omnichannelTelegramApi: { accessToken: options.token ?? TOKEN, baseUrl: api.url } },
			credentialTypes: [new OmnichannelTelegramApi()],
			items: options.items,
		});

	const expectCanonical = (json: IDataObject) => expect(canonicalEventSchema.safeParse(json).success).toBe(true);

	describe('Send Message', () => {
		it('sends text with parse mode, inline buttons, a reply and no sound, and outputs the canonical outbound event', async () => {
			const result = await run({
				operation: 'sendMessage',
				chatId: CUSTOMER,
				text: 'Thanks *Maria*, was your problem solved?',
				parseMode: 'MarkdownV2',
				keyboardType: 'buttons',
				inlineKeyboard: {
					rows: [
						{ buttons: { button: [{ text: 'Yes, thanks', onPress: 'callback', callbackData: 'solved:yes' }, { text: 'No, talk to a person', onPress: 'callback', callbackData: 'solved:no' }] } },
						{ buttons: { button: [{ text: 'Order status', onPress: 'url', url: 'https://shop.example.test/orders/4821' }] } },
					],
				},
				options: { replyToMessageId: `${CUSTOMER}:42`, disableNotification: true },
			});
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			const [call] = api.calls;
			expect(call.request.method).toBe('POST');
			expect(call.request.path).toBe(`/bot${TOKEN}/sendMessage`);
			expect(call.contentType).toMatch(/^application\/json/);
			expect(call.params).toEqual({
				chat_id: 5550001234,
				text: 'Thanks *Maria*, was your problem solved?',
				parse_mode: 'MarkdownV2',
				reply_markup: {
					inline_keyboard: [
						[{ text: 'Yes, thanks', callback_data: 'solved:yes' }, { text: 'No, talk to a person', callback_data: 'solved:no' }],
						[{ text: 'Order status', url: 'https://shop.example.test/orders/4821' }],
					],
				},
				reply_parameters: { message_id: 42 },
				disable_notification: true,
			});
			const output = result.outputOf('Telegram');
			expect(output).toHaveLength(1);
			expect(output[0].pairedItem).toEqual({ item: 0 });
			const event = output[0].json;
			expectCanonical(event);
			expect(event).toMatchObject({
				id: `telegram:5550009999:${CUSTOMER}:46`,
				type: 'message',
				channel: 'telegram',
				provider: 'telegram',
				direction: 'outbound',
				externalId: `${CUSTOMER}:46`,
				account: '5550009999',
				to: { identities: [{ kind: 'telegram', value: CUSTOMER }] },
				text: 'Thanks *Maria*, was your problem solved?',
				thread: { inReplyTo: `${CUSTOMER}:42` },
			});
			expect(Math.abs(Date.parse(String(event.timestamp)) - Date.now())).toBeLessThan(60_000);
			expect(event.raw).toBeUndefined();
		});

		it('takes the chat from the incoming event by default, one send per item, paired, with the raw answer when asked', async () => {
			const inbound = (value: string) => ({ json: { type: 'message', from: { identities: [{ kind: 'phone', value: '+5511987654321' }, { kind: 'telegram', value }] } } });
			const result = await run(
				{ operation: 'sendMessage', chatId: '={{ $json.from?.identities?.find(identity => identity.kind === "telegram")?.value }}', text: '=Hello {{ $json.from.identities[1].value }}', options: { includeRaw: true } },
				{ items: [inbound('5550001234'), inbound('5550005678')] },
			);
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls.map((call) => [call.params.chat_id, call.params.text])).toEqual([
				[5550001234, 'Hello 5550001234'],
				[5550005678, 'Hello 5550005678'],
			]);
			const output = result.outputOf('Telegram');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(output[0].json.raw).toEqual(botApiFixture('send-message-ok'));
			expect(output[0].json.text).toBe('Hello 5550001234');
		});

		it('sends a keyboard written as JSON, and sends @channel names as text', async () => {
			const result = await run({
				operation: 'sendMessage',
				chatId: '@acme_news',
				text: 'New stock',
				keyboardType: 'json',
				keyboardJson: '{"inline_keyboard":[[{"text":"Buy","url":"https://shop.example.test"}]]}',
			});
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].params).toEqual({ chat_id: '@acme_news', text: 'New stock', reply_markup: { inline_keyboard: [[{ text: 'Buy', url: 'https://shop.example.test' }]] } });
		});

		it('sends to a group by its negative chat id; a group is no customer identity', async () => {
			api.script('sendMessage', { status: 200, body: botApiFixture('send-message-group-ok') });
			const result = await run({ operation: 'sendMessage', chatId: '-1005550001111', text: 'We are back online.' });
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].params).toEqual({ chat_id: -1005550001111, text: 'We are back online.' });
			expect(result.jsonOf('Telegram')[0]).toMatchObject({ externalId: '-1005550001111:812', account: '5550009999', to: { identities: [] } });
		});

		it('refuses an empty chat id or text before calling Telegram', async () => {
			const noChat = await run({ operation: 'sendMessage', chatId: '={{ $json.from?.identities?.find(identity => identity.kind === "telegram")?.value }}', text: 'Hi' }, { items: [{ json: { from: { identities: [] } } }] });
			expect(noChat.status).toBe('error');
			expect(noChat.error?.message).toContain('Chat ID is empty');
			const noText = await run({ operation: 'sendMessage', chatId: CUSTOMER, text: '  ' });
			expect(noText.error?.message).toContain('text is empty');
			expect(api.calls).toHaveLength(0);
		});

		it('refuses a button with callback data over 64 bytes before calling Telegram', async () => {
			const result = await run({
				operation: 'sendMessage',
				chatId: CUSTOMER,
				text: 'Pick one',
				keyboardType: 'buttons',
				inlineKeyboard: { rows: [{ buttons: { button: [{ text: 'Long', onPress: 'callback', callbackData: 'x'.repeat(65) }] } }] },
			});
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(result.error?.message).toContain('65 bytes');
			expect(api.calls).toHaveLength(0);
		});
	});

	describe('Send Photo and Send Document', () => {
		it('sends a photo by URL with a caption', async () => {
			const result = await run({ operation: 'sendPhoto', chatId: CUSTOMER, source: 'url', fileUrl: 'https://cdn.example.test/box.jpg', caption: 'Your replacement box is on its way' });
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].request.path).toBe(`/bot${TOKEN}/sendPhoto`);
			expect(api.calls[0].params).toEqual({ chat_id: 5550001234, photo: 'https://cdn.example.test/box.jpg', caption: 'Your replacement box is on its way' });
			const event = result.jsonOf('Telegram')[0];
			expectCanonical(event);
			expect(event).toMatchObject({
				id: `telegram:5550009999:${CUSTOMER}:47`,
				direction: 'outbound',
				text: 'Your replacement box is on its way',
				attachments: [{ type: 'image', url: 'https://cdn.example.test/box.jpg', mediaId: 'AgACAgEAAxkDAAIBL2fakeSentPhoto0003AAMCAAN5AAM2BA', caption: 'Your replacement box is on its way' }],
			});
		});

		it('sends a document by file_id', async () => {
			const fileId = 'BQACAgEAAxkBAAIBLWfakeDocumentFileId0001AAMCAANtAAM2BA';
			const result = await run({ operation: 'sendDocument', chatId: CUSTOMER, source: 'fileId', fileId });
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].request.path).toBe(`/bot${TOKEN}/sendDocument`);
			expect(api.calls[0].params).toEqual({ chat_id: 5550001234, document: fileId });
			expect(result.jsonOf('Telegram')[0]).toMatchObject({ externalId: `${CUSTOMER}:48`, attachments: [{ type: 'document', mediaId: 'BQACAgEAAxkDAAIBMGfakeSentDocument01AAMCAANtAAM2BA', filename: 'refund-4821.pdf' }] });
		});

		it('uploads a binary file from the input item as multipart/form-data, with the keyboard JSON-serialized', async () => {
			const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 13, 10, 255]), Buffer.from('\n%%EOF')]);
			const result = await run(
				{
					operation: 'sendDocument',
					chatId: CUSTOMER,
					source: 'binary',
					binaryPropertyName: 'receipt',
					caption: 'Your refund receipt',
					keyboardType: 'buttons',
					inlineKeyboard: { rows: [{ buttons: { button: [{ text: 'Thanks', onPress: 'callback', callbackData: 'thanks' }] } }] },
					options: { replyToMessageId: '45' },
				},
				{ items: [{ json: {}, binary: { receipt: { data: pdf, mimeType: 'application/pdf', fileName: 'refund-4821.pdf' } } }] },
			);
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			const [call] = api.calls;
			expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
			expect(call.files.document).toEqual({ fileName: 'refund-4821.pdf', contentType: 'application/pdf', data: pdf });
			expect(call.params).toMatchObject({
				chat_id: 5550001234,
				caption: 'Your refund receipt',
				reply_markup: { inline_keyboard: [[{ text: 'Thanks', callback_data: 'thanks' }]] },
				reply_parameters: { message_id: 45 },
			});
			expect(result.jsonOf('Telegram')[0]).toMatchObject({ attachments: [{ type: 'document', filename: 'refund-4821.pdf', mimeType: 'application/pdf' }], thread: { inReplyTo: `${CUSTOMER}:45` } });
		});

		it('uploads a photo from the input item', async () => {
			const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
			const result = await run(
				{ operation: 'sendPhoto', chatId: CUSTOMER, source: 'binary', binaryPropertyName: 'data' },
				{ items: [{ json: {}, binary: { data: { data: jpeg, mimeType: 'image/jpeg', fileName: 'box.jpg' } } }] },
			);
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].request.path).toBe(`/bot${TOKEN}/sendPhoto`);
			expect(api.calls[0].files.photo).toMatchObject({ fileName: 'box.jpg', contentType: 'image/jpeg', data: jpeg });
			expect(result.jsonOf('Telegram')[0]).toMatchObject({ externalId: `${CUSTOMER}:47`, attachments: [{ type: 'image', filename: 'box.jpg' }] });
		});

		it('says which binary field is missing', async () => {
			const result = await run({ operation: 'sendPhoto', chatId: CUSTOMER, source: 'binary', binaryPropertyName: 'picture' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('picture');
			expect(api.calls).toHaveLength(0);
		});
	});

	describe('Edit Message Text and Answer Button Press', () => {
		it('edits a message by its event key and outputs an edit event keyed like the inbound adapter', async () => {
			const result = await run({ operation: 'editMessageText', chatId: CUSTOMER, messageId: `${CUSTOMER}:46`, text: 'Thanks Maria, a person will write to you shortly.', parseMode: 'HTML' });
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].request.path).toBe(`/bot${TOKEN}/editMessageText`);
			expect(api.calls[0].params).toEqual({ chat_id: 5550001234, message_id: 46, text: 'Thanks Maria, a person will write to you shortly.', parse_mode: 'HTML' });
			const event = result.jsonOf('Telegram')[0];
			expectCanonical(event);
			expect(event).toMatchObject({ id: `telegram:5550009999:${CUSTOMER}:46:edited:1781001500`, externalId: `${CUSTOMER}:46:edited:1781001500`, direction: 'outbound', thread: { messageId: `${CUSTOMER}:46` } });
		});

		it('answers a button press with a notice shown as an alert', async () => {
			const result = await run(
				{ operation: 'answerCallbackQuery', callbackQueryId: '={{ $json.externalId }}', answerText: 'A person will write to you', showAlert: true },
				{ items: [{ json: { type: 'action', externalId: '4382bfdwdsb323b2d9' } }] },
			);
			expect(result.error).toBeUndefined();
			expect(api.violations).toEqual([]);
			expect(api.calls[0].request.path).toBe(`/bot${TOKEN}/answerCallbackQuery`);
			expect(api.calls[0].params).toEqual({ callback_query_id: '4382bfdwdsb323b2d9', text: 'A person will write to you', show_alert: true });
			const event = result.jsonOf('Telegram')[0];
			expectCanonical(event);
			expect(event).toMatchObject({ type: 'action', direction: 'outbound', externalId: '4382bfdwdsb323b2d9:answer', action: { payload: '4382bfdwdsb323b2d9' }, text: 'A person will write to you' });
		});
	});

	describe('errors', () => {
		const send = (onError?: 'continueRegularOutput' | 'continueErrorOutput', items?: HarnessInputItem[]) => run({ operation: 'sendMessage', chatId: CUSTOMER, text: 'Hello' }, { onError, items });

		it.each([
			['chat not found', 'error-chat-not-found', 400, /Chat ID/],
			['bot was blocked by the user', 'error-bot-blocked', 403, /blocked this bot/],
			['Unauthorized', 'error-unauthorized', 401, /token is not valid.*@BotFather/],
		])('turns "%s" into a NodeApiError with Telegram’s code and a hint', async (description, fixture, code, hint) => {
			api.script('sendMessage', { status: code, body: botApiFixture(fixture) });
			const result = await send();
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: String(code) });
			expect(result.error?.message).toContain(description);
			expect(result.error?.message).toContain(`telegram error ${code}`);
			expect(result.error?.description).toMatch(hint);
			expect(api.calls).toHaveLength(1);
		});

		it('gives a wrong token the documented 401, explained, and never shows the token', async () => {
			const wrong = await run({ operation: 'sendMessage', chatId: CUSTOMER, text: 'Hello' }, { token: '5550009999:WrongSecretValue' });
			expect(wrong.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			expect(wrong.error?.description).toContain('@BotFather');
			expect(JSON.stringify(wrong.run)).not.toContain('WrongSecretValue');
		});

		it('keeps the token out of errors when the Bot API cannot be reached', async () => {
			const result = await runWorkflow({
				nodeTypes: { omnichannelTelegram: new OmnichannelTelegram() },
				nodes: [{ name: 'Telegram', type: 'omnichannelTelegram', parameters: { operation: 'sendMessage', chatId: CUSTOMER, text: 'Hello' } }],
				credentials: { omnichannelTelegramApi: { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:1' } },
				credentialTypes: [new OmnichannelTelegramApi()],
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('Could not reach the Telegram Bot API');
			expect(JSON.stringify(result.run)).not.toContain(SECRET_PART);
		});

		it('outputs an error item in place of a refused send on continue-on-fail, and goes on with the next items', async () => {
			api.script('sendMessage', { status: 200, body: botApiFixture('send-message-ok') }, { status: 403, body: botApiFixture('error-bot-blocked') });
			const result = await send('continueRegularOutput', [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }]);
			expect(result.error).toBeUndefined();
			const output = result.outputOf('Telegram');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output[0].json.direction).toBe('outbound');
			expect(output[1].json).toMatchObject({ n: 2 });
			expect(String(output[1].json.error)).toContain('bot was blocked by the user');
			expect(output[2].json.direction).toBe('outbound');
			expect(api.calls).toHaveLength(3);
		});

		it('sends a refused send to the error output, with its input fields, when the node continues using the error output', async () => {
			api.script('sendMessage', { status: 200, body: botApiFixture('send-message-ok') }, { status: 403, body: botApiFixture('error-bot-blocked') });
			const result = await send('continueErrorOutput', [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }]);
			expect(result.error).toBeUndefined();
			expect(result.outputOf('Telegram', 0).map((item) => [item.pairedItem, item.json.direction])).toEqual([
				[{ item: 0 }, 'outbound'],
				[{ item: 2 }, 'outbound'],
			]);
			const [failed, ...others] = result.outputOf('Telegram', 1);
			expect(others).toEqual([]);
			expect(failed.pairedItem).toEqual({ item: 1 });
			expect(failed.json).toMatchObject({ n: 2, error: expect.stringContaining('bot was blocked by the user') });
		});

		it('waits as long as a 429 says in parameters.retry_after, then sends again and succeeds', async () => {
			api.script('sendMessage', { status: 429, body: botApiFixture('error-too-many-requests') });
			const started = Date.now();
			const result = await send();
			const elapsed = Date.now() - started;
			expect(result.error).toBeUndefined();
			expect(api.calls).toHaveLength(2);
			expect(api.calls[1].params).toEqual(api.calls[0].params);
			expect(elapsed).toBeGreaterThanOrEqual(950);
			expect(result.jsonOf('Telegram')[0]).toMatchObject({ externalId: `${CUSTOMER}:46` });
		});

		it('honours a Retry-After header on a 5xx too, and gives up with a hint when the limit persists', async () => {
			const limited = { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 0', parameters: { retry_after: 0 } } };
			api.script('sendMessage', { status: 502, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'retry-after': '0' } }, limited, limited, limited);
			const started = Date.now();
			const result = await send();
			// Backoff alone would wait at least 250 + 500 + 1000 ms; the provider asked for none.
			expect(Date.now() - started).toBeLessThan(1500);
			expect(api.calls).toHaveLength(4);
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '429' });
			expect(result.error?.description).toMatch(/limiting how fast/);
		});
	});

	describe('credential', () => {
		/** Resolves the credential test request's URL with n8n's expression engine, as n8n's credential tester does. */
		const testUrl = (credentials: IDataObject) => {
			const { request } = new OmnichannelTelegramApi().test;
			const workflow = new Workflow({
				nodes: [],
				connections: {},
				active: false,
				nodeTypes: { getByName: () => { throw new Error('none'); }, getByNameAndVersion: () => { throw new Error('none'); }, getKnownTypes: () => ({}) },
			});
			const node: INode = { id: 'credential-test', name: 'Credential test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
			const baseURL = workflow.expression.getSimpleParameterValue(node, request.baseURL ?? '', 'internal', { $credentials: credentials }, undefined, '');
			return { url: `${String(baseURL)}${request.url}`, method: request.method };
		};

		it('tests the token with GET getMe on the configured or the default Bot API address', () => {
			expect(testUrl({ accessToken: TOKEN, baseUrl: 'https://bots.example.test/' })).toEqual({ url: `https://bots.example.test/bot${TOKEN}/getMe`, method: 'GET' });
			expect(testUrl({ accessToken: TOKEN, baseUrl: '' })).toEqual({ url: `https://api.telegram.org/bot${TOKEN}/getMe`, method: 'GET' });
		});

		it('keeps the token in a password field', () => {
			const token = new OmnichannelTelegramApi().properties.find((property) => property.name === 'accessToken');
			expect(token?.typeOptions?.password).toBe(true);
		});
	});
});
