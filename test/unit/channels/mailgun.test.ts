import { createHmac } from 'node:crypto';
import { mailgunInbound, mailgunMessageEvent } from '../../../core/channels/mailgun/inbound';
import { ReplayCache, type SeenTokens } from '../../../core/channels/mailgun/replay-cache';
import { mailgunSignature, verifyMailgunFields } from '../../../core/channels/mailgun/signature';
import { parseFormBody } from '../../../core/channels/shared/form-body';
import { expectCanonical, localFixture } from './fixtures';

/** The test signing key the fixtures were signed with (see test/fixtures/channels/mailgun/README.md). */
const SIGNING_KEY = 'key-test-mailgun-signing-0123456789abcdef';

function fields(name: string): Record<string, string> {
	return parseFormBody(localFixture(name)).fields;
}

describe('mailgun inbound parse', () => {
	it('reads a route forward post: sender, recipient, subject and stripped reply, threading headers', () => {
		const [event, ...rest] = expectCanonical(mailgunInbound.parse(localFixture('mailgun/route-forward.form')));
		expect(rest).toHaveLength(0);
		expect(event).toEqual({
			id: 'email:support@mg.acme.example:CAF555mailgun0001@mail.example.com',
			type: 'message',
			channel: 'email',
			provider: 'mailgun',
			direction: 'inbound',
			externalId: 'CAF555mailgun0001@mail.example.com',
			timestamp: '2026-06-09T11:09:58.000Z',
			from: { identities: [{ kind: 'email', value: 'maria.silva@example.com' }], name: 'Maria Silva' },
			account: 'support@mg.acme.example',
			to: {},
			subject: 'Re: [Ticket #4821] Your order has shipped',
			text: 'Thanks, the tracking link works now.',
			thread: {
				messageId: '<CAF555mailgun0001@mail.example.com>',
				inReplyTo: '<ticket-4821.msg-2@support.acme.example>',
				references: ['<ticket-4821.msg-1@support.acme.example>', '<ticket-4821.msg-2@support.acme.example>'],
			},
		});
	});

	it('reads a new email with a quoted display name and a mixed-case address', () => {
		const [event] = expectCanonical(mailgunInbound.parse(localFixture('mailgun/route-forward-new-thread.form')));
		expect(event.from).toEqual({ identities: [{ kind: 'email', value: 'joao.souza@example.org' }], name: 'Souza, João' });
		expect(event.subject).toBe('Refund for order 4833');
		expect(event.text).toBe('Hello,\nI returned order 4833 last week and have not been refunded yet.');
		expect(event.thread).toEqual({ messageId: '<20260609111102.5555.joao@example.org>' });
		expect(event.externalId).toBe('20260609111102.5555.joao@example.org');
	});

	it('strips the history itself when stripped-text is absent, and reads headers from message-headers', () => {
		const input = fields('mailgun/route-forward.form');
		delete input['stripped-text'];
		delete input['Message-Id'];
		delete input['In-Reply-To'];
		const event = mailgunMessageEvent(input);
		expect(event.subject).toBe('Re: [Ticket #4821] Your order has shipped');
		expect(event.text).toBe('Thanks, the tracking link works now.');
		expect(event.thread?.messageId).toBe('<CAF555mailgun0001@mail.example.com>');
		expect(event.thread?.inReplyTo).toBe('<ticket-4821.msg-2@support.acme.example>');
	});

	it('lists the files of a multipart post the node parsed, and store() attachments with their URLs', () => {
		const input = { ...fields('mailgun/route-forward.form'), 'attachment-count': '1' };
		const [event] = expectCanonical([mailgunMessageEvent(input, [{ filename: 'receipt.pdf', mimeType: 'application/pdf' }])]);
		expect(event.attachments).toEqual([{ type: 'document', filename: 'receipt.pdf', mimeType: 'application/pdf' }]);
		const stored = {
			...input,
			attachments: JSON.stringify([{ url: 'https://storage.mailgun.net/v3/domains/mg.acme.example/messages/fake/attachments/0', 'content-type': 'image/png', name: 'box.png', size: 1234 }]),
		};
		expect(mailgunMessageEvent(stored).attachments).toEqual([
			{ type: 'image', url: 'https://storage.mailgun.net/v3/domains/mg.acme.example/messages/fake/attachments/0', mimeType: 'image/png', filename: 'box.png' },
		]);
	});

	it('gives a stable id to an email without Message-Id', () => {
		const input = fields('mailgun/route-forward-new-thread.form');
		delete input['Message-Id'];
		input['message-headers'] = '[]';
		const first = mailgunMessageEvent(input);
		const again = mailgunMessageEvent({ ...input, token: 'another-token', timestamp: '1781009999' });
		expect(first.externalId).toMatch(/^sha256-[0-9a-f]{32}$/);
		expect(again.externalId).toBe(first.externalId);
	});

	it('refuses bodies that are not route posts, naming the provider', () => {
		expect(() => mailgunInbound.parse('{"signature":{}}')).toThrow(/^Mailgun: .*not form encoded/);
		expect(() => mailgunInbound.parse('--boundary\r\nContent-Disposition: form-data')).toThrow(/^Mailgun: .*multipart/);
		expect(() => mailgunInbound.parse('hello=world')).toThrow(/^Mailgun: .*body-plain/);
		expect(() => mailgunInbound.parse('body-plain=hi')).toThrow(/^Mailgun: .*from or sender/);
	});
});

describe('mailgun verify', () => {
	it('the fixtures carry signatures made with the test key', () => {
		for (const name of ['mailgun/route-forward.form', 'mailgun/route-forward-new-thread.form']) {
			const { timestamp, token, signature } = fields(name);
			const expected = createHmac('sha256', SIGNING_KEY).update(timestamp + token).digest('hex');
			expect(signature).toBe(expected);
			expect(mailgunSignature(SIGNING_KEY, timestamp, token)).toBe(expected);
		}
	});

	it('accepts a fresh, correctly signed post', () => {
		const body = localFixture('mailgun/route-forward.form');
		const now = Number(fields('mailgun/route-forward.form').timestamp) + 30;
		expect(mailgunInbound.verify({ body, secret: SIGNING_KEY, now })).toEqual({ valid: true });
	});

	it('refuses a stale or future timestamp', () => {
		const body = localFixture('mailgun/route-forward.form');
		const timestamp = Number(fields('mailgun/route-forward.form').timestamp);
		expect(mailgunInbound.verify({ body, secret: SIGNING_KEY, now: timestamp + 301 })).toEqual({
			valid: false,
			reason: expect.stringMatching(/^Mailgun: the signature is 301 s old/),
		});
		expect(mailgunInbound.verify({ body, secret: SIGNING_KEY, now: timestamp - 600 })).toEqual({
			valid: false,
			reason: expect.stringMatching(/in the future/),
		});
	});

	it('refuses a wrong key, a tampered token or timestamp, and missing fields', () => {
		const input = fields('mailgun/route-forward.form');
		const now = Number(input.timestamp);
		expect(verifyMailgunFields(input, 'key-wrong', now)).toEqual({ valid: false, reason: expect.stringMatching(/signature does not match/) });
		expect(verifyMailgunFields({ ...input, token: `${input.token}0` }, SIGNING_KEY, now).valid).toBe(false);
		expect(verifyMailgunFields({ ...input, timestamp: String(now - 1) }, SIGNING_KEY, now).valid).toBe(false);
		expect(verifyMailgunFields({ ...input, signature: undefined }, SIGNING_KEY, now)).toEqual({
			valid: false,
			reason: expect.stringMatching(/no timestamp, token or signature/),
		});
		expect(verifyMailgunFields(input, '', now)).toEqual({ valid: false, reason: expect.stringMatching(/no HTTP webhook signing key/) });
		expect(mailgunInbound.verify({ body: Buffer.from('subject=hi'), secret: SIGNING_KEY, now }).valid).toBe(false);
	});
});

describe('mailgun replay cache', () => {
	it('accepts a token once, in the object it is given', () => {
		const state: SeenTokens = {};
		const cache = new ReplayCache(state);
		expect(cache.remember('token-a', 1000)).toBe(true);
		expect(cache.remember('token-a', 1001)).toBe(false);
		expect(new ReplayCache(state).remember('token-a', 1002)).toBe(false);
		expect(state).toEqual({ 'token-a': 1000 });
	});

	it('forgets tokens past their time and keeps at most maxEntries, oldest out first', () => {
		const state: SeenTokens = {};
		const cache = new ReplayCache(state, { ttlSeconds: 600, maxEntries: 2 });
		cache.remember('a', 1000);
		cache.remember('b', 1001);
		cache.remember('c', 1002);
		expect(Object.keys(state).sort()).toEqual(['b', 'c']);
		expect(cache.remember('b', 1500)).toBe(false);
		expect(cache.remember('b', 1602)).toBe(true);
		expect(cache.size).toBe(2);
		expect(cache.remember('d', 2300)).toBe(true);
		expect(Object.keys(state)).toEqual(['d']);
	});
});
