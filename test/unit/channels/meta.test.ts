import { readdirSync } from 'fs';
import type { InboundAdapter } from '../../../core/channels/types';
import { answerVerificationRequest, META_SIGNATURE_HEADER, verifyMetaSignature } from '../../../core/channels/meta/signature';
import { whatsappInboundAdapter } from '../../../core/channels/whatsapp/inbound';
import { messengerInboundAdapter } from '../../../core/channels/messenger/inbound';
import { instagramInboundAdapter } from '../../../core/channels/instagram/inbound';
import { expectCanonical, localFixture, localSignature, SHARED_FIXTURES, sharedFixture, sharedSignature } from './meta-fixtures';

const ADAPTERS: Record<string, InboundAdapter> = {
	whatsapp: whatsappInboundAdapter,
	messenger: messengerInboundAdapter,
	instagram: instagramInboundAdapter,
};

const META_FILES = readdirSync(SHARED_FIXTURES).filter((name) => /^(whatsapp|messenger|instagram)-.*\.json$/.test(name));

function adapterFor(file: string): InboundAdapter {
	return ADAPTERS[file.split('-')[0]];
}

describe('Meta adapters', () => {
	it.each(Object.entries(ADAPTERS))('%s follows the InboundAdapter contract', (name, adapter) => {
		expect(adapter.name).toBe(name);
		expect(adapter.bodyFormat).toBe('json');
		expect(adapter.signatureHeader).toBe('x-hub-signature-256');
		expect(META_SIGNATURE_HEADER).toBe('x-hub-signature-256');
	});

	it('finds every shared Meta fixture', () => {
		expect(META_FILES.sort()).toEqual([
			'instagram-image.json',
			'instagram-text.json',
			'messenger-delivery.json',
			'messenger-image.json',
			'messenger-read.json',
			'messenger-text.json',
			'whatsapp-image.json',
			'whatsapp-interactive-button-reply.json',
			'whatsapp-status-failed.json',
			'whatsapp-status.json',
			'whatsapp-text.json',
		]);
	});

	describe.each(META_FILES)('%s', (file) => {
		const body = sharedFixture(file);
		const { secret, signature } = sharedSignature(file);

		it('verifies with the App Secret and the value in signatures.json', () => {
			expect(adapterFor(file).verify({ body, signature, secret })).toEqual({ valid: true });
		});

		it('rejects a tampered body (one byte changed)', () => {
			const tampered = Buffer.from(body);
			const index = tampered.indexOf('"timestamp"') + 2;
			tampered[index] ^= 0x01;
			expect(tampered.equals(body)).toBe(false);
			const result = adapterFor(file).verify({ body: tampered, signature, secret });
			expect(result).toEqual({ valid: false, reason: expect.stringContaining('signature does not match') });
		});

		it('rejects the wrong App Secret', () => {
			const result = adapterFor(file).verify({ body, signature, secret: 'another_app_secret' });
			expect(result).toEqual({ valid: false, reason: expect.stringContaining('check the App Secret') });
		});

		it('parses into canonical events', () => {
			const events = expectCanonical(adapterFor(file).parse(body));
			expect(events.length).toBeGreaterThan(0);
			expect(adapterFor(file).parse(body.toString('utf8'))).toEqual(events);
		});
	});
});

describe('shared WhatsApp fixtures', () => {
	const parse = (file: string) => expectCanonical(whatsappInboundAdapter.parse(sharedFixture(file)));
	const sender = { identities: [{ kind: 'phone', value: '+15555550123' }], name: 'Maria Silva' };

	it('whatsapp-text: an inbound text with phone identity, name and business account', () => {
		expect(parse('whatsapp-text.json')).toEqual([
			{
				id: 'whatsapp:106540000000001:wamid.HBgLMTU1NTU1NTAxMjMVAgASGBQzQUYxMjM0NTY3ODlBQkNERUYwMTIA',
				type: 'message',
				channel: 'whatsapp',
				provider: 'meta',
				direction: 'inbound',
				externalId: 'wamid.HBgLMTU1NTU1NTAxMjMVAgASGBQzQUYxMjM0NTY3ODlBQkNERUYwMTIA',
				timestamp: new Date(1781001000 * 1000).toISOString(),
				from: sender,
				account: '106540000000001',
				to: {},
				text: 'Hi, I need help with my order #4821',
			},
		]);
	});

	it('whatsapp-image: an attachment by media id, without url; the caption is also the text', () => {
		const [event] = parse('whatsapp-image.json');
		expect(event.type).toBe('message');
		expect(event.from).toEqual(sender);
		expect(event.text).toBe('Photo of the damaged box');
		expect(event.attachments).toEqual([
			{ type: 'image', mediaId: '1003383400000001', mimeType: 'image/jpeg', caption: 'Photo of the damaged box' },
		]);
		expect(event.attachments?.[0].url).toBeUndefined();
		expect(event.timestamp).toBe('2026-06-09T10:31:00.000Z');
	});

	it('whatsapp-interactive-button-reply: an action with payload and title, replying to our message', () => {
		const [event] = parse('whatsapp-interactive-button-reply.json');
		expect(event.type).toBe('action');
		expect(event.direction).toBe('inbound');
		expect(event.action).toEqual({ payload: 'talk-to-agent', title: 'Talk to an agent' });
		expect(event.text).toBe('Talk to an agent');
		expect(event.thread).toEqual({ inReplyTo: 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA' });
		expect(event.from).toEqual(sender);
	});

	it('whatsapp-status: delivered, outbound, the customer in to.identities', () => {
		expect(parse('whatsapp-status.json')).toEqual([
			{
				id: 'whatsapp:106540000000001:wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA:delivered',
				type: 'status',
				channel: 'whatsapp',
				provider: 'meta',
				direction: 'outbound',
				externalId: 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA:delivered',
				timestamp: new Date(1781001300 * 1000).toISOString(),
				from: { identities: [] },
				account: '106540000000001',
				to: { identities: [{ kind: 'phone', value: '+15555550123' }] },
				status: 'delivered',
				thread: { messageId: 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA' },
			},
		]);
	});

	it('whatsapp-status-failed: failed with the error code and title + details', () => {
		const [event] = parse('whatsapp-status-failed.json');
		expect(event.type).toBe('status');
		expect(event.status).toBe('failed');
		expect(event.externalId).toBe('wamid.HBgLMTU1NTU1NTAxMjMVAgARGBIxMjM0NTY3ODlBQkNERUYwMTIA:failed');
		expect(event.error).toEqual({
			code: 131047,
			message: 'Re-engagement message: More than 24 hours have passed since the recipient last replied to the sender number.',
		});
		expect(event.to.identities).toEqual([{ kind: 'phone', value: '+15555550123' }]);
		expect(event.timestamp).toBe('2026-06-10T12:00:00.000Z');
	});
});

describe('shared Messenger and Instagram fixtures', () => {
	const psid = { kind: 'messenger', value: '105000000000001:7000000000000001' };
	const igsid = { kind: 'instagram', value: '17841400000000001:1234567890123456' };

	it('messenger-text: page-scoped identity, page as account, millisecond timestamp', () => {
		expect(expectCanonical(messengerInboundAdapter.parse(sharedFixture('messenger-text.json')))).toEqual([
			{
				id: 'messenger:105000000000001:m_MFa8Xq1fZkR0VtSxN2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7A8B9C0D',
				type: 'message',
				channel: 'messenger',
				provider: 'meta',
				direction: 'inbound',
				externalId: 'm_MFa8Xq1fZkR0VtSxN2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7A8B9C0D',
				timestamp: '2026-06-09T10:30:00.123Z',
				from: { identities: [psid] },
				account: '105000000000001',
				to: {},
				text: 'Hi! Has my order shipped yet?',
			},
		]);
	});

	it('messenger-image: an attachment with its CDN url', () => {
		const [event] = expectCanonical(messengerInboundAdapter.parse(sharedFixture('messenger-image.json')));
		expect(event.type).toBe('message');
		expect(event.text).toBeUndefined();
		expect(event.from.identities).toEqual([psid]);
		expect(event.attachments).toEqual([
			{
				type: 'image',
				url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/555000001_0000000000000001_n.jpg?_nc_cat=1&ccb=1-7&_nc_sid=fc17b8&_nc_ohc=fakeOhc&oh=03_fakeOh&oe=6A3F0000',
			},
		]);
	});

	it('messenger-delivery: one delivered status per mid, the customer in to', () => {
		const mid = 'm_PId1At4iCnU3YwVaQ5c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7A8B9C0G';
		expect(expectCanonical(messengerInboundAdapter.parse(sharedFixture('messenger-delivery.json')))).toEqual([
			{
				id: `messenger:105000000000001:${mid}:delivered`,
				type: 'status',
				channel: 'messenger',
				provider: 'meta',
				direction: 'outbound',
				externalId: `${mid}:delivered`,
				timestamp: '2026-06-09T10:33:20.999Z',
				from: { identities: [] },
				account: '105000000000001',
				to: { identities: [psid] },
				status: 'delivered',
				thread: { messageId: mid },
			},
		]);
	});

	it('messenger-read: one read status for the watermark', () => {
		const [event, ...rest] = expectCanonical(messengerInboundAdapter.parse(sharedFixture('messenger-read.json')));
		expect(rest).toEqual([]);
		expect(event.type).toBe('status');
		expect(event.status).toBe('read');
		expect(event.direction).toBe('outbound');
		expect(event.externalId).toBe('watermark:105000000000001:7000000000000001:1781001200500:read');
		expect(event.account).toBe('105000000000001');
		expect(event.to).toEqual({ identities: [psid] });
		expect(event.thread).toBeUndefined();
	});

	it('instagram-text: IG-scoped identity, IG account as account', () => {
		const [event] = expectCanonical(instagramInboundAdapter.parse(sharedFixture('instagram-text.json')));
		expect(event.channel).toBe('instagram');
		expect(event.type).toBe('message');
		expect(event.direction).toBe('inbound');
		expect(event.text).toBe('Hello! Do you ship to Brazil?');
		expect(event.from).toEqual({ identities: [igsid] });
		expect(event.account).toBe('17841400000000001');
		expect(event.to).toEqual({});
		expect(event.timestamp).toBe('2026-06-09T10:30:00.789Z');
	});

	it('instagram-image: an image attachment with its url', () => {
		const [event] = expectCanonical(instagramInboundAdapter.parse(sharedFixture('instagram-image.json')));
		expect(event.from.identities).toEqual([igsid]);
		expect(event.attachments).toEqual([
			{ type: 'image', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17900000000000001&signature=AbFakeSignatureValue0123456789' },
		]);
	});

	it('a Messenger body is not an Instagram webhook, and the reverse', () => {
		expect(() => instagramInboundAdapter.parse(sharedFixture('messenger-text.json'))).toThrow('not an Instagram webhook: expected object "instagram", got "page"');
		expect(() => messengerInboundAdapter.parse(sharedFixture('instagram-text.json'))).toThrow('expected object "page", got "instagram"');
		expect(() => whatsappInboundAdapter.parse(sharedFixture('messenger-text.json'))).toThrow(
			'not a WhatsApp Cloud API webhook: expected object "whatsapp_business_account"',
		);
	});
});

describe('X-Hub-Signature-256', () => {
	const body = sharedFixture('whatsapp-text.json');
	const { secret, signature } = sharedSignature('whatsapp-text.json');

	it('rejects a missing or empty signature', () => {
		for (const missing of [undefined, '', '   ']) {
			expect(verifyMetaSignature({ body, signature: missing, secret })).toEqual({ valid: false, reason: expect.stringContaining('missing signature') });
		}
	});

	it('rejects malformed signatures without throwing', () => {
		for (const bad of ['abc', 'sha256=', 'sha256=zz', `sha256=${'a'.repeat(63)}`, `sha256=${'a'.repeat(66)}`, signature.slice(7), `md5=${signature.slice(7)}`]) {
			expect(verifyMetaSignature({ body, signature: bad, secret })).toEqual({ valid: false, reason: expect.stringContaining('malformed signature') });
		}
	});

	it('explains the legacy SHA-1 header', () => {
		const result = verifyMetaSignature({ body, signature: 'sha1=0123456789abcdef0123456789abcdef01234567', secret });
		expect(result).toEqual({ valid: false, reason: expect.stringContaining('X-Hub-Signature-256') });
	});

	it('rejects a well-formed but wrong signature', () => {
		const wrong = `sha256=${'0'.repeat(64)}`;
		expect(verifyMetaSignature({ body, signature: wrong, secret })).toEqual({
			valid: false,
			reason: 'signature does not match: check the App Secret, and that the body is checked exactly as received (not parsed and re-serialized)',
		});
	});

	it('accepts upper-case hex and surrounding spaces', () => {
		expect(verifyMetaSignature({ body, signature: ` sha256=${signature.slice(7).toUpperCase()} `, secret })).toEqual({ valid: true });
	});

	it('says when no App Secret is configured', () => {
		expect(verifyMetaSignature({ body, signature, secret: '' })).toEqual({ valid: false, reason: expect.stringContaining('no App Secret configured') });
	});

	it('fails on re-serialized JSON: Meta signs its escaped unicode bytes', () => {
		for (const file of ['whatsapp/bsuid-only-text.json', 'instagram/reply-unicode.json']) {
			const raw = localFixture(file);
			const local = localSignature(file);
			expect(raw.toString('latin1')).toMatch(/\\u00[0-9a-f]{2}/);
			expect(verifyMetaSignature({ body: raw, ...local })).toEqual({ valid: true });
			const reserialized = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
			expect(reserialized.equals(raw)).toBe(false);
			expect(verifyMetaSignature({ body: reserialized, ...local })).toEqual({ valid: false, reason: expect.stringContaining('signature does not match') });
		}
	});
});

describe('webhook verification handshake', () => {
	const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1158201444' };

	it('answers 200 with the challenge when the token matches', () => {
		expect(answerVerificationRequest(query, 'my-verify-token')).toEqual({ status: 200, body: '1158201444' });
	});

	it('accepts nested (qs-style) and repeated parameters', () => {
		expect(answerVerificationRequest({ hub: { mode: 'subscribe', verify_token: 'my-verify-token', challenge: '42' } }, 'my-verify-token')).toEqual({
			status: 200,
			body: '42',
		});
		expect(answerVerificationRequest({ ...query, 'hub.challenge': ['7', '8'] }, 'my-verify-token')).toEqual({ status: 200, body: '7' });
	});

	it('answers 403 with a reason otherwise', () => {
		const reasonOf = (q: Record<string, unknown>, token = 'my-verify-token') => {
			const answer = answerVerificationRequest(q, token);
			expect(answer.status).toBe(403);
			return answer.status === 403 ? answer.reason : '';
		};
		expect(reasonOf({ ...query, 'hub.verify_token': 'wrong' })).toContain('verify token does not match');
		expect(reasonOf({ ...query, 'hub.verify_token': 'my-verify-token-longer' })).toContain('verify token does not match');
		expect(reasonOf({ ...query, 'hub.mode': 'unsubscribe' })).toContain('expected "subscribe"');
		expect(reasonOf({ 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1' })).toContain('hub.mode');
		expect(reasonOf({ 'hub.mode': 'subscribe', 'hub.challenge': '1' })).toContain('missing hub.verify_token');
		expect(reasonOf({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token' })).toContain('missing hub.challenge');
		expect(reasonOf(query, '')).toContain('no verify token configured');
	});
});
