import { postmarkAttachments } from '../../../core/channels/postmark/attachments';
import { postmarkInbound } from '../../../core/channels/postmark/inbound';
import { stripQuotedReply } from '../../../core/channels/shared/strip-quoted-reply';
import { expectCanonical, localFixture, sharedFixture } from './fixtures';

const maria = { kind: 'email', value: 'maria.silva@example.com' };

describe('postmark inbound parse', () => {
	it('reads an inbound email: sender, recipient, subject and reply, threading headers', () => {
		const [event, ...rest] = expectCanonical(postmarkInbound.parse(sharedFixture('email-inbound-postmark.json')));
		expect(rest).toHaveLength(0);
		expect(event).toEqual({
			id: 'email:a1b2c3d4e5f60718293a4b5c6d7e8f90+ticket4821@inbound.postmarkapp.com:5f0c1e2d-0555-4c5d-8e9f-0a1b2c3d4e60',
			type: 'message',
			channel: 'email',
			provider: 'postmark',
			direction: 'inbound',
			externalId: '5f0c1e2d-0555-4c5d-8e9f-0a1b2c3d4e60',
			timestamp: '2026-06-09T10:40:12.000Z',
			from: { identities: [maria], name: 'Maria Silva' },
			account: 'a1b2c3d4e5f60718293a4b5c6d7e8f90+ticket4821@inbound.postmarkapp.com',
			to: {},
			subject: 'Re: [Ticket #4821] Your order has shipped',
			text: 'Thanks, but the tracking link does not work.',
			thread: {
				messageId: '<CAF555reply0001@mail.example.com>',
				inReplyTo: '<ticket-4821.msg-2@support.acme.example>',
				references: ['<ticket-4821.msg-1@support.acme.example>', '<ticket-4821.msg-2@support.acme.example>'],
			},
		});
	});

	it('describes attachments without their bytes, which postmarkAttachments decodes', () => {
		const body = sharedFixture('email-inbound-postmark-attachment.json');
		const [event] = expectCanonical(postmarkInbound.parse(body));
		expect(event.externalId).toBe('5f0c1e2d-0555-4c5d-8e9f-0a1b2c3d4e61');
		expect(event.subject).toBe('Re: [Ticket #4821] Receipt attached');
		expect(event.text).toBe('Receipt attached as requested.');
		expect(event.attachments).toEqual([{ type: 'document', filename: 'receipt-4821.pdf', mimeType: 'application/pdf' }]);
		expect(event.thread?.references).toHaveLength(3);
		expect(event.thread?.inReplyTo).toBe('<CAF555reply0001@mail.example.com>');
		const [file] = postmarkAttachments(body);
		expect(file.filename).toBe('receipt-4821.pdf');
		expect(file.mimeType).toBe('application/pdf');
		expect(file.content.length).toBe(70);
		expect(file.content.subarray(0, 8).toString()).toBe('%PDF-1.4');
	});

	it('strips the quoted history and the signature itself when Postmark gives no stripped reply', () => {
		const [event] = expectCanonical(postmarkInbound.parse(localFixture('postmark/inbound-quoted-reply.json')));
		expect(event.subject).toBe('Re: [Ticket #4821] Your order has shipped');
		expect(event.text).toBe('The package arrived today, thank you!\nCan you cancel the second one?');
		expect(event.thread).toEqual({
			messageId: '<CAF555reply0003@mail.example.com>',
			inReplyTo: '<ticket-4821.msg-2@support.acme.example>',
			references: ['<ticket-4821.msg-1@support.acme.example>', '<ticket-4821.msg-2@support.acme.example>'],
		});
		expect(event.timestamp).toBe('2026-06-09T11:10:44.000Z');
	});

	it('normalizes the sender address', () => {
		const body = JSON.parse(sharedFixture('email-inbound-postmark.json').toString());
		body.FromFull.Email = '  Maria.Silva@Example.COM ';
		const [event] = expectCanonical(postmarkInbound.parse(JSON.stringify(body)));
		expect(event.from.identities).toEqual([maria]);
	});

	it('keeps the payload in raw only when asked', () => {
		const [event] = postmarkInbound.parse(sharedFixture('email-inbound-postmark.json'), { includeRaw: true });
		expect((event.raw as { MailboxHash: string }).MailboxHash).toBe('ticket4821');
		expect(postmarkInbound.parse(sharedFixture('email-inbound-postmark.json'))[0].raw).toBeUndefined();
	});

	it('refuses bodies that are not Postmark inbound webhooks, naming the provider', () => {
		expect(() => postmarkInbound.parse('From=a')).toThrow(/^Postmark: .*not JSON.*MessageID/);
		expect(() => postmarkInbound.parse('{"RecordType":"Delivery"}')).toThrow(/^Postmark: .*MessageID/);
		expect(() => postmarkAttachments('{"MessageID":"x","From":"a@b.c","Attachments":{}}')).toThrow(/^Postmark: Attachments/);
	});
});

describe('quoted reply stripping', () => {
	it.each([
		['Thanks!\n\nOn Tue, Jun 9, 2026 at 7:30 AM Acme <a@b.c> wrote:\n> old', 'Thanks!'],
		['Thanks!\r\n\r\nOn Tue, Jun 9, 2026 at 7:30 AM Acme Support <\r\nsupport@acme.example> wrote:\r\n> old', 'Thanks!'],
		['Obrigada!\nEm ter., 9 de jun. de 2026 às 07:30, Acme <a@b.c> escreveu:\n> antigo', 'Obrigada!'],
		['Gracias\nEl mar, 9 jun 2026 a las 7:30, Acme (<a@b.c>) escribió:\n> viejo', 'Gracias'],
		['Sure.\n\n-----Original Message-----\nFrom: Acme', 'Sure.'],
		['Done.\n\n-- \nMaria\n+55 11 95555-0123', 'Done.'],
		['> quoted question?\nMy answer.\n> another\nSecond answer.', 'My answer.\nSecond answer.'],
		['A new email with no history.', 'A new email with no history.'],
	])('strips %j', (text, expected) => {
		expect(stripQuotedReply(text)).toBe(expected);
	});
});

describe('postmark verify (basic auth)', () => {
	const body = sharedFixture('email-inbound-postmark.json');
	const secret = 'postmark:s3cret-pass';
	const header = `Basic ${Buffer.from(secret).toString('base64')}`;

	it('accepts the configured credentials', () => {
		expect(postmarkInbound.signatureHeader).toBe('authorization');
		expect(postmarkInbound.verify({ body, signature: header, secret })).toEqual({ valid: true });
	});

	it('refuses wrong, missing or malformed credentials, with reasons', () => {
		const wrong = `Basic ${Buffer.from('postmark:guess').toString('base64')}`;
		expect(postmarkInbound.verify({ body, signature: wrong, secret })).toEqual({ valid: false, reason: 'Postmark: the Basic credentials do not match' });
		expect(postmarkInbound.verify({ body, secret })).toEqual({ valid: false, reason: expect.stringMatching(/Authorization header is missing/) });
		expect(postmarkInbound.verify({ body, signature: 'Bearer abc', secret })).toEqual({ valid: false, reason: expect.stringMatching(/not Basic/) });
		expect(postmarkInbound.verify({ body, signature: header, secret: 'no-colon' })).toEqual({ valid: false, reason: expect.stringMatching(/user:password/) });
	});

	it('never accepts empty credentials: an empty user or password is a configuration error saying what to set', () => {
		const empty = `Basic ${Buffer.from(':').toString('base64')}`;
		expect(empty).toBe('Basic Og==');
		for (const secret of [':', 'postmark:', ':s3cret-pass']) {
			expect(postmarkInbound.verify({ body, signature: empty, secret })).toEqual({ valid: false, reason: expect.stringContaining('empty user or password; set both') });
		}
		expect(postmarkInbound.verify({ body, signature: empty, secret })).toEqual({ valid: false, reason: 'Postmark: the Basic credentials have an empty user or password' });
		// A password may hold colons; the user ends at the first one.
		const colons = 'postmark:pa:ss';
		expect(postmarkInbound.verify({ body, signature: `Basic ${Buffer.from(colons).toString('base64')}`, secret: colons })).toEqual({ valid: true });
	});
});
