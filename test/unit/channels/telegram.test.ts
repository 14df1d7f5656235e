import { telegramInbound } from '../../../core/channels/telegram/inbound';
import { telegramSender } from '../../../core/channels/telegram/sender';
import { expectCanonical, localFixture, sharedFixture, signedFile } from './fixtures';

const maria = { kind: 'telegram', value: '5550001234' };
/** Updates never name the bot: the trigger gives its id, from the token. */
const BOT = '7000000001';
const bot = { account: BOT };

describe('telegram inbound parse', () => {
	it('reads a text message', () => {
		const [event, ...rest] = expectCanonical(telegramInbound.parse(sharedFixture('telegram-text.json'), bot));
		expect(rest).toHaveLength(0);
		expect(event).toEqual({
			id: `telegram:${BOT}:5550001234:42`,
			type: 'message',
			channel: 'telegram',
			provider: 'telegram',
			direction: 'inbound',
			account: BOT,
			externalId: '5550001234:42',
			timestamp: '2026-06-09T10:30:00.000Z',
			from: { identities: [maria], name: 'Maria Silva' },
			to: {},
			text: 'Hello, I need help with my order #4821',
		});
	});

	it('reads a photo as its largest size, with the caption', () => {
		const [event] = expectCanonical(telegramInbound.parse(sharedFixture('telegram-photo.json'), bot));
		expect(event.externalId).toBe('5550001234:43');
		expect(event.timestamp).toBe('2026-06-09T10:31:00.000Z');
		expect(event.text).toBe('Photo of the damaged box');
		expect(event.attachments).toEqual([
			{ type: 'image', mediaId: 'AgACAgEAAxkBAAIBK2fakePhotoFileId0004AAMCAAN3AAM2BA', caption: 'Photo of the damaged box' },
		]);
		expect(event.from).toEqual({ identities: [maria], name: 'Maria Silva' });
	});

	it('reads a document with its file name and MIME type', () => {
		const [event] = expectCanonical(telegramInbound.parse(localFixture('telegram/document.json'), bot));
		expect(event.type).toBe('message');
		expect(event.text).toBe('Here is the invoice');
		expect(event.attachments).toEqual([
			{
				type: 'document',
				mediaId: 'BQACAgEAAxkBAAIBLWfakeDocumentFileId0001AAMCAANtAAM2BA',
				mimeType: 'application/pdf',
				filename: 'invoice-4821.pdf',
				caption: 'Here is the invoice',
			},
		]);
	});

	it('reads a callback query as an action keyed by the callback id, titled by the button pressed', () => {
		const [event] = expectCanonical(telegramInbound.parse(localFixture('telegram/callback-query.json'), bot));
		expect(event.type).toBe('action');
		expect(event.id).toBe(`telegram:${BOT}:4382bfdwdsb323b2d9`);
		expect(event.externalId).toBe('4382bfdwdsb323b2d9');
		expect(event.action).toEqual({ payload: 'solved:no', title: 'No, talk to a person' });
		expect(event.thread).toEqual({ messageId: '5550001234:44' });
		expect(event.from).toEqual({ identities: [maria], name: 'Maria Silva' });
		expect(event.text).toBeUndefined();
	});

	it('records an edited message as a new message that points at the original', () => {
		const [event] = expectCanonical(telegramInbound.parse(localFixture('telegram/edited-message.json'), bot));
		expect(event.type).toBe('message');
		expect(event.externalId).toBe('5550001234:42:edited:1781001030');
		expect(event.timestamp).toBe('2026-06-09T10:30:30.000Z');
		expect(event.text).toBe('Hello, I need help with my order #4822');
		expect(event.thread).toEqual({ messageId: '5550001234:42' });
	});

	it('adds the phone of a contact the user shared as their own', () => {
		const [event] = expectCanonical(telegramInbound.parse(localFixture('telegram/contact-own.json'), bot));
		expect(event.from.identities).toEqual([maria, { kind: 'phone', value: '+5511955550123' }]);
		expect(event.attachments).toEqual([{ type: 'contact', url: 'tel:+5511955550123', caption: 'Maria Silva' }]);
	});

	it('does not take the phone of someone else’s contact', () => {
		const update = JSON.parse(localFixture('telegram/contact-own.json').toString());
		update.message.contact.user_id = 5550007777;
		const [event] = telegramInbound.parse(JSON.stringify(update), bot);
		expect(event.from.identities).toEqual([maria]);
	});

	it('yields no event for my_chat_member and service messages', () => {
		expect(telegramInbound.parse(localFixture('telegram/my-chat-member.json'), bot)).toEqual([]);
		const service = { update_id: 1, message: { message_id: 9, from: { id: 1, first_name: 'A' }, chat: { id: 1 }, date: 1781001000, pinned_message: {} } };
		expect(telegramInbound.parse(JSON.stringify(service), bot)).toEqual([]);
	});

	it('keeps the provider payload, username included, only when asked', () => {
		const [plain] = telegramInbound.parse(sharedFixture('telegram-text.json'), bot);
		expect(plain.raw).toBeUndefined();
		const [event] = expectCanonical(telegramInbound.parse(sharedFixture('telegram-text.json'), { ...bot, includeRaw: true }));
		expect((event.raw as { update_id: number; message: { from: { username: string } } }).message.from.username).toBe('maria_silva_555');
		expect((event.raw as { update_id: number }).update_id).toBe(810000001);
	});

	it('exposes the username and language as traits of the sender', () => {
		expect(telegramSender({ id: 5550001234, first_name: 'Maria', last_name: 'Silva', username: 'maria_silva_555', language_code: 'pt-br' })).toEqual({
			identity: maria,
			name: 'Maria Silva',
			username: 'maria_silva_555',
			languageCode: 'pt-br',
		});
	});

	it('keeps two bots apart: the same person and message id on two bots are two events', () => {
		const [first] = telegramInbound.parse(sharedFixture('telegram-text.json'), { account: '7000000001' });
		const [second] = telegramInbound.parse(sharedFixture('telegram-text.json'), { account: '7000000002' });
		expect(first.externalId).toBe(second.externalId);
		expect(first.id).not.toBe(second.id);
	});

	it('needs to be told the bot, which updates never name', () => {
		expect(telegramInbound.accountToGive).toMatch(/bot's id/);
		expect(() => telegramInbound.parse(sharedFixture('telegram-text.json'))).toThrow(/^Telegram: updates do not say which bot/);
		// An update without events needs no bot.
		expect(telegramInbound.parse(localFixture('telegram/my-chat-member.json'))).toEqual([]);
	});

	it('refuses bodies that are not Telegram updates, naming the provider', () => {
		expect(() => telegramInbound.parse('not json')).toThrow(/^Telegram: .*not JSON.*update_id/);
		expect(() => telegramInbound.parse('[1,2]')).toThrow(/^Telegram: .*not a JSON object/);
		expect(() => telegramInbound.parse('{"message":{}}')).toThrow(/^Telegram: .*update_id/);
	});
});

describe('telegram verify', () => {
	for (const name of ['telegram-text.json', 'telegram-photo.json']) {
		it(`accepts the secret token of ${name}`, () => {
			const { value, secret } = signedFile(name);
			expect(telegramInbound.verify({ body: sharedFixture(name), signature: value, secret })).toEqual({ valid: true });
		});
	}

	it('names the header it reads', () => {
		expect(telegramInbound.signatureHeader).toBe('x-telegram-bot-api-secret-token');
	});

	it('refuses a wrong or missing token', () => {
		const { value, secret } = signedFile('telegram-text.json');
		const body = sharedFixture('telegram-text.json');
		expect(telegramInbound.verify({ body, signature: `${value}x`, secret })).toEqual({
			valid: false,
			reason: expect.stringMatching(/does not match/),
		});
		expect(telegramInbound.verify({ body, signature: value, secret: 'another-secret' })).toMatchObject({ valid: false });
		expect(telegramInbound.verify({ body, secret })).toEqual({ valid: false, reason: expect.stringMatching(/header is missing/) });
		expect(telegramInbound.verify({ body, signature: value, secret: '' })).toEqual({ valid: false, reason: expect.stringMatching(/no secret token/) });
	});
});
