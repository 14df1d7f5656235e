import { parseFormBody } from '../../../core/channels/shared/form-body';
import { twilioInbound } from '../../../core/channels/twilio/inbound';
import { matchOptOut } from '../../../core/channels/twilio/opt-out';
import { twilioSignature, twilioUrlVariants } from '../../../core/channels/twilio/signature';
import { expectCanonical, localFixture, sharedFixture, signedFile } from './fixtures';

const customer = { kind: 'phone', value: '+15555550123' };

function isRecent(iso: string): boolean {
	return Math.abs(Date.parse(iso) - Date.now()) < 60_000;
}

describe('twilio inbound parse', () => {
	it('reads an incoming SMS', () => {
		const [event, ...rest] = expectCanonical(twilioInbound.parse(sharedFixture('twilio-sms.form')));
		expect(rest).toHaveLength(0);
		const { timestamp, ...fields } = event;
		expect(isRecent(timestamp)).toBe(true);
		expect(fields).toEqual({
			id: 'sms:+15550001234:SM5550123abcdef0123456789abcdef01',
			type: 'message',
			channel: 'sms',
			provider: 'twilio',
			direction: 'inbound',
			externalId: 'SM5550123abcdef0123456789abcdef01',
			from: { identities: [customer] },
			account: '+15550001234',
			to: {},
			text: 'Hi, I need help with my order #4821',
		});
	});

	it('reads MMS media as attachments', () => {
		const [event] = expectCanonical(twilioInbound.parse(sharedFixture('twilio-mms.form')));
		expect(event.externalId).toBe('MM5550123abcdef0123456789abcdef02');
		expect(event.text).toBe('Photo of the damaged box');
		expect(event.attachments).toEqual([
			{
				type: 'image',
				url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM5550123abcdef0123456789abcdef02/Media/ME5550123abcdef0123456789abcdef04',
				mimeType: 'image/jpeg',
			},
		]);
		expect(event.from.identities).toEqual([customer]);
	});

	it('reads a delivered status callback of a message we sent', () => {
		const [event] = expectCanonical(twilioInbound.parse(sharedFixture('twilio-sms-status.form')));
		expect(event).toEqual({
			id: 'sms:+15550001234:SM5550123abcdef0123456789abcdef03:delivered',
			type: 'status',
			channel: 'sms',
			provider: 'twilio',
			direction: 'outbound',
			externalId: 'SM5550123abcdef0123456789abcdef03:delivered',
			timestamp: '2026-06-09T10:31:00.000Z',
			from: { identities: [] },
			account: '+15550001234',
			to: { identities: [customer] },
			status: 'delivered',
			thread: { messageId: 'SM5550123abcdef0123456789abcdef03' },
		});
	});

	it('reads an undelivered status as failed, with the error code', () => {
		const [event] = expectCanonical(twilioInbound.parse(sharedFixture('twilio-sms-status-undelivered.form')));
		expect(event.type).toBe('status');
		expect(event.status).toBe('failed');
		expect(event.externalId).toBe('SM5550123abcdef0123456789abcdef06:failed');
		expect(event.error).toEqual({ code: 30003, message: 'Unreachable destination handset' });
		expect(event.timestamp).toBe('2026-06-09T10:33:00.000Z');
		expect(event.to.identities).toEqual([customer]);
	});

	it('yields nothing for intermediate statuses', () => {
		for (const status of ['queued', 'accepted', 'sending', 'scheduled', 'canceled']) {
			const body = sharedFixture('twilio-sms-status.form').toString().replace('MessageStatus=delivered', `MessageStatus=${status}`);
			expect(twilioInbound.parse(body)).toEqual([]);
		}
		const read = sharedFixture('twilio-sms-status.form').toString().replace('MessageStatus=delivered', 'MessageStatus=read');
		expect(twilioInbound.parse(read)[0].status).toBe('read');
	});

	it('reads a call status callback as a call on the voice channel', () => {
		const [event] = expectCanonical(twilioInbound.parse(sharedFixture('twilio-voice-status.form')));
		expect(event).toEqual({
			id: 'voice:+15550001234:CA5550123abcdef0123456789abcdef07:completed',
			type: 'call',
			channel: 'voice',
			provider: 'twilio',
			direction: 'outbound',
			externalId: 'CA5550123abcdef0123456789abcdef07:completed',
			timestamp: '2026-06-09T10:45:12.000Z',
			from: { identities: [] },
			account: '+15550001234',
			to: { identities: [customer] },
			text: 'Call completed (74 s)',
			action: { payload: 'completed' },
			thread: { messageId: 'CA5550123abcdef0123456789abcdef07' },
		});
	});

	it('reads an unanswered inbound call as a failed call from the caller', () => {
		const [event] = expectCanonical(twilioInbound.parse(localFixture('twilio/voice-inbound-busy.form')));
		expect(event.direction).toBe('inbound');
		expect(event.from.identities).toEqual([customer]);
		expect(event.account).toBe('+15550001234');
		expect(event.to).toEqual({});
		expect(event.status).toBe('failed');
		expect(event.error).toEqual({ code: 'busy', message: 'The line was busy' });
		expect(event.action).toEqual({ payload: 'busy' });
	});

	it('reads whatsapp: addresses as the WhatsApp channel, with the profile name', () => {
		const [event] = expectCanonical(twilioInbound.parse(localFixture('twilio/whatsapp-inbound.form')));
		expect(event.channel).toBe('whatsapp');
		expect(event.provider).toBe('twilio');
		expect(event.id).toBe('whatsapp:+15550001234:SM5550123abcdef0123456789abcdef13');
		expect(event.from).toEqual({ identities: [{ kind: 'phone', value: '+5511955550123' }], name: 'Maria Silva' });
		expect(event.account).toBe('+15550001234');
		expect(event.to).toEqual({});
		expect(event.text).toBe('Oi, meu pedido #4821 chegou danificado');
	});

	it('reads a WhatsApp quick reply as an action, and "Yes" on WhatsApp is not an opt-in', () => {
		const [event] = expectCanonical(twilioInbound.parse(localFixture('twilio/whatsapp-button-reply.form')));
		expect(event.type).toBe('action');
		expect(event.action).toEqual({ payload: 'confirm_delivery', title: 'Yes' });
		const plain = localFixture('twilio/whatsapp-button-reply.form').toString().replace(/&Button(Text|Payload)=[^&]*/g, '');
		expect(twilioInbound.parse(plain)[0].type).toBe('message');
	});

	it('reads a whole-message STOP (any case, trimmed) as a consent event: unsubscribed from every message on SMS', () => {
		const [event] = expectCanonical(twilioInbound.parse(localFixture('twilio/sms-stop.form')));
		expect(event.type).toBe('consent');
		expect(event.consent).toEqual({ channel: 'sms', purpose: 'all', state: 'unsubscribed' });
		expect(event.action).toBeUndefined();
		expect(event.text).toBe(' stop ');
		expect(event.from.identities).toEqual([customer]);
		expect(event.account).toBe('+15550001234');
	});

	it('reads START as a consent event subscribing again', () => {
		const [event] = expectCanonical(twilioInbound.parse(localFixture('twilio/sms-start.form')));
		expect(event).toMatchObject({ type: 'consent', consent: { channel: 'sms', purpose: 'all', state: 'subscribed' }, text: 'Start' });
	});

	it('trusts Advanced Opt-Out’s OptOutType for custom keywords', () => {
		const [event] = expectCanonical(twilioInbound.parse(localFixture('twilio/sms-advanced-optout.form')));
		expect(event.type).toBe('consent');
		expect(event.consent).toEqual({ channel: 'sms', purpose: 'all', state: 'unsubscribed' });
		expect(event.text).toBe('PARAR');
	});

	it.each([
		['STOP', 'unsubscribed'],
		['stopall', 'unsubscribed'],
		['Unsubscribe', 'unsubscribed'],
		['cancel', 'unsubscribed'],
		['END', 'unsubscribed'],
		['quit ', 'unsubscribed'],
		['revoke', 'unsubscribed'],
		['optout', 'unsubscribed'],
		['start', 'subscribed'],
		[' YES', 'subscribed'],
		['unstop', 'subscribed'],
	])('matches the keyword %j: %s', (body, state) => {
		const form = sharedFixture('twilio-sms.form').toString().replace(/Body=[^&]*/, `Body=${encodeURIComponent(body)}`);
		const [event] = expectCanonical(twilioInbound.parse(form));
		expect(event.type).toBe('consent');
		expect(event.consent).toEqual({ channel: 'sms', purpose: 'all', state });
		expect(event.text).toBe(body);
	});

	it('keeps HELP a message, with action payload help', () => {
		const form = sharedFixture('twilio-sms.form').toString().replace(/Body=[^&]*/, 'Body=help');
		const [event] = expectCanonical(twilioInbound.parse(form));
		expect(event.type).toBe('message');
		expect(event.action).toEqual({ payload: 'help', title: 'HELP' });
		expect(event.text).toBe('help');
	});

	it('does not match keywords inside a longer message', () => {
		for (const body of ['stop please', 'STOP.', 'please stop', 'yes I want it']) {
			expect(matchOptOut(body, undefined)).toBeUndefined();
		}
		expect(matchOptOut('PARE', 'STOP')).toEqual({ intent: 'unsubscribe', keyword: 'PARE' });
		expect(matchOptOut('AYUDA', 'HELP')).toEqual({ intent: 'help', keyword: 'AYUDA' });
	});

	it('keeps every form field in raw only when asked', () => {
		const [event] = twilioInbound.parse(sharedFixture('twilio-sms.form'), { includeRaw: true });
		expect((event.raw as Record<string, string>).FromCity).toBe('SAN FRANCISCO');
		expect(twilioInbound.parse(sharedFixture('twilio-sms.form'))[0].raw).toBeUndefined();
	});

	it('refuses bodies that are not Twilio posts, naming the provider', () => {
		expect(() => twilioInbound.parse('{"MessageSid":"SM1"}')).toThrow(/^Twilio: .*not form encoded/);
		expect(() => twilioInbound.parse('hello=world')).toThrow(/^Twilio: .*MessageSid/);
		expect(() => twilioInbound.parse('')).toThrow(/^Twilio: /);
	});
});

describe('twilio verify', () => {
	const files = ['twilio-sms.form', 'twilio-mms.form', 'twilio-sms-status.form', 'twilio-sms-status-undelivered.form', 'twilio-voice-status.form'];

	it.each(files)('accepts the expected signature of %s', (name) => {
		const { value, secret, url } = signedFile(name);
		expect(twilioInbound.verify({ body: sharedFixture(name), signature: value, secret, url })).toEqual({ valid: true });
	});

	it('accepts the URL with or without the default port, both ways', () => {
		const { value, secret } = signedFile('twilio-sms.form');
		const body = sharedFixture('twilio-sms.form');
		expect(twilioInbound.verify({ body, signature: value, secret, url: 'https://hooks.example.test:443/twilio/sms' })).toEqual({ valid: true });
		const signedWithPort = twilioSignature(secret, 'https://hooks.example.test:443/twilio/sms', parseFormBody(body).pairs);
		expect(twilioInbound.verify({ body, signature: signedWithPort, secret, url: 'https://hooks.example.test/twilio/sms' })).toEqual({ valid: true });
		const httpSigned = twilioSignature(secret, 'http://hooks.example.test:80/twilio/sms?x=1', parseFormBody(body).pairs);
		expect(twilioInbound.verify({ body, signature: httpSigned, secret, url: 'http://hooks.example.test/twilio/sms?x=1' })).toEqual({ valid: true });
	});

	it('does not treat another port as the default one', () => {
		expect(twilioUrlVariants('https://hooks.example.test:8443/twilio/sms')).toEqual(['https://hooks.example.test:8443/twilio/sms']);
		expect(twilioUrlVariants('https://hooks.example.test/a?b=c')).toEqual([
			'https://hooks.example.test/a?b=c',
			'https://hooks.example.test:443/a?b=c',
		]);
	});

	it('refuses a tampered body, another URL, a wrong token and a missing signature, with reasons', () => {
		const { value, secret, url } = signedFile('twilio-sms.form');
		const body = sharedFixture('twilio-sms.form');
		const tampered = Buffer.from(body.toString().replace('order+%234821', 'order+%234822'));
		expect(twilioInbound.verify({ body: tampered, signature: value, secret, url })).toEqual({
			valid: false,
			reason: expect.stringMatching(/^Twilio: the X-Twilio-Signature does not match/),
		});
		expect(twilioInbound.verify({ body, signature: value, secret, url: `${url}-status` }).valid).toBe(false);
		expect(twilioInbound.verify({ body, signature: value, secret: 'fedcba9876543210fedcba9876543210', url }).valid).toBe(false);
		expect(twilioInbound.verify({ body, secret, url })).toEqual({ valid: false, reason: expect.stringMatching(/header is missing/) });
		expect(twilioInbound.verify({ body, signature: value, secret: '', url })).toEqual({ valid: false, reason: expect.stringMatching(/no auth token/) });
	});

	it('requires the URL, saying why', () => {
		const { value, secret } = signedFile('twilio-sms.form');
		expect(twilioInbound.verify({ body: sharedFixture('twilio-sms.form'), signature: value, secret })).toEqual({
			valid: false,
			reason: expect.stringMatching(/URL is required.*signs the full URL/),
		});
	});
});
