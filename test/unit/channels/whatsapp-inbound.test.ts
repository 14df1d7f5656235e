import { readdirSync } from 'fs';
import path from 'path';
import { whatsappInboundAdapter, parseWhatsAppWebhook } from '../../../core/channels/whatsapp/inbound';
import { expectCanonical, LOCAL_FIXTURES, localFixture, localSignature } from './meta-fixtures';

const parse = (file: string, options = {}) => expectCanonical(parseWhatsAppWebhook(localFixture(`whatsapp/${file}`), options));
const maria = { identities: [{ kind: 'phone', value: '+15555550123' }], name: 'Maria Silva' };

describe('WhatsApp Cloud API fixtures', () => {
	const files = readdirSync(path.join(LOCAL_FIXTURES, 'whatsapp'));

	it.each(files)('%s verifies and parses into canonical events', (file) => {
		const body = localFixture(`whatsapp/${file}`);
		expect(whatsappInboundAdapter.verify({ body, ...localSignature(`whatsapp/${file}`) })).toEqual({ valid: true });
		expectCanonical(whatsappInboundAdapter.parse(body, { includeEchoes: true, includeRaw: true }));
	});

	it('2026 BSUID-only message: no phone at all, the user id is the identity', () => {
		expect(parse('bsuid-only-text.json')).toEqual([
			{
				id: 'whatsapp:106540000000001:wamid.HBgLQlIuMTUwMjU3NjM5NDY1NTg0MxUCABIYFDNBMDAwMDAwMDAwMDAwMDAwMDAxAA==',
				type: 'message',
				channel: 'whatsapp',
				provider: 'meta',
				direction: 'inbound',
				externalId: 'wamid.HBgLQlIuMTUwMjU3NjM5NDY1NTg0MxUCABIYFDNBMDAwMDAwMDAwMDAwMDAwMDAxAA==',
				timestamp: new Date(1781002000 * 1000).toISOString(),
				from: { identities: [{ kind: 'whatsapp_bsuid', value: 'BR.1502576394655843' }], name: 'Ana Souza' },
				account: '106540000000001',
				to: {},
				text: 'Olá! Meu pedido não chegou',
			},
		]);
	});

	it('phone and user id together; Brazil wa_id without the 9th digit becomes the E.164 mobile', () => {
		const [event] = parse('bsuid-and-phone-brazil.json');
		expect(event.from).toEqual({
			identities: [
				{ kind: 'phone', value: '+5511987654321' },
				{ kind: 'whatsapp_bsuid', value: 'BR.1777000000000001' },
			],
			name: 'João Pereira',
		});
	});

	it('Mexico wa_id with the legacy 1; a voice note is an audio attachment by media id', () => {
		const [event] = parse('mexico-voice-note.json');
		expect(event.from).toEqual({ identities: [{ kind: 'phone', value: '+525512345678' }], name: 'Luis Hernández' });
		expect(event.type).toBe('message');
		expect(event.text).toBeUndefined();
		expect(event.attachments).toEqual([{ type: 'audio', mediaId: '1003383400000003', mimeType: 'audio/ogg; codecs=opus' }]);
	});

	it('reaction: an action "reaction" with the emoji, pointing at the reacted message', () => {
		const [event] = parse('reaction.json');
		expect(event.type).toBe('action');
		expect(event.action).toEqual({ payload: 'reaction', title: '👍' });
		expect(event.text).toBe('👍');
		expect(event.thread).toEqual({ inReplyTo: 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA' });
		expect(event.externalId).toBe('wamid.HBgLMTU1NTU1NTAxMjMVAgASGBQzQTAwMDAwMDAwMDAwMDAwMDAwMDMA');
		expect(event.from).toEqual(maria);
	});

	it('location: a location attachment with a geo: URI and a text summary', () => {
		const [event] = parse('location.json');
		expect(event.type).toBe('message');
		expect(event.text).toBe('Location: Main Office, 1 Hacker Way, Menlo Park, CA 94025 (37.483307, -122.148981)');
		expect(event.attachments).toEqual([{ type: 'location', url: 'geo:37.483307,-122.148981', caption: 'Main Office' }]);
	});

	it('list reply: an action with the row id and title, replying to our list', () => {
		const [event] = parse('interactive-list-reply.json');
		expect(event.type).toBe('action');
		expect(event.action).toEqual({ payload: 'billing', title: 'Billing question' });
		expect(event.text).toBe('Billing question');
		expect(event.thread).toEqual({ inReplyTo: 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI3QjhDOUQwRTFGMkEzQjRDNUQA' });
	});

	it('legacy template button: an action with the button payload', () => {
		const [event] = parse('button-legacy.json');
		expect(event.type).toBe('action');
		expect(event.action).toEqual({ payload: 'CONFIRM_DELIVERY', title: 'Yes, deliver tomorrow' });
	});

	it('document: media id, mime type, caption and filename', () => {
		const [event] = parse('document.json');
		expect(event.attachments).toEqual([
			{ type: 'document', mediaId: '1003383400000002', mimeType: 'application/pdf', caption: 'My invoice', filename: 'invoice-4821.pdf' },
		]);
		expect(event.text).toBe('My invoice');
	});

	it('shared contact card: summarised in the text, not taken as the sender', () => {
		const [event] = parse('contacts-card.json');
		expect(event.type).toBe('message');
		expect(event.text).toBe('Shared contact: Carlos Lima (+1 (555) 555-0199, carlos.lima@example.test)');
		expect(event.attachments).toEqual([{ type: 'contact', caption: 'Carlos Lima' }]);
		expect(event.from).toEqual(maria);
	});

	it('unsupported message: kept with a note and the error', () => {
		const [event] = parse('unsupported.json');
		expect(event.type).toBe('message');
		expect(event.text).toBe('[Unsupported WhatsApp message: Message type unknown: Message type is currently not supported.]');
		expect(event.error).toEqual({ code: 131051, message: 'Message type unknown: Message type is currently not supported.' });
	});

	it('status for a BSUID-only recipient', () => {
		const [event] = parse('status-read-bsuid.json');
		expect(event).toMatchObject({
			type: 'status',
			status: 'read',
			direction: 'outbound',
			externalId: 'wamid.HBgLQlIuMTUwMjU3NjM5NDY1NTg0MxUCABEYEjFBMkIzQzRENUU2RjdBOEI5QwA=:read',
			from: { identities: [] },
			account: '106540000000001',
			to: { identities: [{ kind: 'whatsapp_bsuid', value: 'BR.1502576394655843' }] },
			thread: { messageId: 'wamid.HBgLQlIuMTUwMjU3NjM5NDY1NTg0MxUCABEYEjFBMkIzQzRENUU2RjdBOEI5QwA=' },
		});
		expect(event.error).toBeUndefined();
	});

	it('template status updates (another field) yield no events', () => {
		expect(parse('template-status-update.json')).toEqual([]);
	});

	it('user preferences "stop" becomes a consent event: the customer unsubscribed from marketing', () => {
		expect(parse('user-preferences-stop.json')).toEqual([
			{
				id: 'whatsapp:106540000000001:optout:15555550123:marketing_messages:1781003200',
				type: 'consent',
				channel: 'whatsapp',
				provider: 'meta',
				direction: 'inbound',
				account: '106540000000001',
				externalId: 'optout:15555550123:marketing_messages:1781003200',
				timestamp: new Date(1781003200 * 1000).toISOString(),
				from: maria,
				to: {},
				text: 'User requested to stop marketing messages',
				consent: { channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed' },
			},
		]);
	});

	it('user preferences "resume" subscribes again; other values are not consent', () => {
		const resume = localFixture('whatsapp/user-preferences-stop.json')
			.toString()
			.replace('"value":"stop"', '"value":"resume"')
			.replace('User requested to stop marketing messages', 'User requested to resume marketing messages');
		const [event] = expectCanonical(whatsappInboundAdapter.parse(resume));
		expect(event).toMatchObject({
			type: 'consent',
			externalId: 'optin:15555550123:marketing_messages:1781003200',
			text: 'User requested to resume marketing messages',
			consent: { channel: 'whatsapp', purpose: 'marketing', state: 'subscribed' },
		});
		expect(whatsappInboundAdapter.parse(resume.replace('"value":"resume"', '"value":"interested"'))).toEqual([]);
	});

	it('Business app echoes are skipped unless asked for, then outbound with the customer in to', () => {
		expect(parse('smb-message-echo.json')).toEqual([]);
		const [event] = parse('smb-message-echo.json', { includeEchoes: true });
		expect(event).toMatchObject({
			type: 'message',
			direction: 'outbound',
			text: 'Your order ships today.',
			from: { identities: [] },
			account: '106540000000001',
			to: { identities: [{ kind: 'phone', value: '+15555550123' }] },
		});
	});

	it('a batch: one event per message and status, each sender with its own contact, in payload order', () => {
		const events = parse('batch.json');
		expect(events.map((event) => [event.type, event.status ?? event.action?.payload ?? event.text])).toEqual([
			['message', 'First'],
			['action', 'reaction_removed'],
			['message', '[WhatsApp order message] Please send these'],
			['status', 'sent'],
		]);
		expect(events[0].from).toEqual(maria);
		expect(events[1].from).toEqual({
			identities: [
				{ kind: 'phone', value: '+5511987650000' },
				{ kind: 'whatsapp_bsuid', value: 'BR.1502576394655843' },
			],
			name: 'Ana Souza',
		});
		expect(events[1].text).toBeUndefined();
		expect(events[3].to.identities).toEqual([
			{ kind: 'phone', value: '+15555550123' },
			{ kind: 'whatsapp_bsuid', value: 'US.13491208655302741918' },
		]);
	});

	it('ids are deterministic and raw is only there on request', () => {
		const first = parse('batch.json');
		expect(parse('batch.json')).toEqual(first);
		expect(first.every((event) => event.raw === undefined)).toBe(true);
		const withRaw = parse('batch.json', { includeRaw: true });
		expect(withRaw[0].raw).toMatchObject({ id: first[0].externalId, type: 'text' });
		expect(withRaw[3].raw).toMatchObject({ status: 'sent', recipient_id: '15555550123' });
	});
});

describe('WhatsApp bad input', () => {
	it.each([
		['not JSON', 'hello', 'not a WhatsApp Cloud API webhook: the body is not JSON'],
		['a JSON array', '[]', 'not a WhatsApp Cloud API webhook: expected a JSON object'],
		['another object', '{"object":"page","entry":[]}', 'not a WhatsApp Cloud API webhook: expected object "whatsapp_business_account", got "page"'],
		['no object', '{"entry":[]}', 'expected object "whatsapp_business_account", got none'],
		['no entries', '{"object":"whatsapp_business_account"}', '"entry" is missing or is not a list'],
	])('%s throws a clear error', (_, body, message) => {
		expect(() => whatsappInboundAdapter.parse(body)).toThrow(message);
	});

	it('tolerates odd shapes inside a valid envelope', () => {
		const odd = {
			object: 'whatsapp_business_account',
			entry: [
				{ id: '1', changes: 'none' },
				{ id: '2', changes: [null, { field: 'messages' }, { field: 'messages', value: { messages: [{ type: 'text' }], statuses: [{ id: 'x', status: 'warning' }] } }] },
			],
		};
		expect(whatsappInboundAdapter.parse(JSON.stringify(odd))).toEqual([]);
	});

	it('keeps a message whose type it does not know, and a wa_id that is not a phone as an external id', () => {
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '1',
					changes: [
						{
							field: 'messages',
							value: { metadata: { display_phone_number: '15550001234' }, messages: [{ from: 'abc', id: 'wamid.X', timestamp: '1781000000', type: 'hologram', hologram: {} }] },
						},
					],
				},
			],
		};
		const [event] = expectCanonical(whatsappInboundAdapter.parse(JSON.stringify(body)));
		expect(event).toMatchObject({
			type: 'message',
			text: '[WhatsApp hologram message]',
			from: { identities: [{ kind: 'external', value: 'whatsapp:abc' }] },
			account: '15550001234',
			to: {},
		});
	});
});
