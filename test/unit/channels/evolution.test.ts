import { createHmac } from 'node:crypto';
import { evolutionConnectionState } from '../../../core/channels/evolution/connection';
import { evolutionInbound } from '../../../core/channels/evolution/inbound';
import { whatsAppUserIdentities } from '../../../core/channels/evolution/jid';
import { evolutionDeliveryStatus } from '../../../core/channels/evolution/status';
import { expectCanonical, localFixture, sharedFixture } from './fixtures';

const maria = { kind: 'phone', value: '+5511955550123' };
const mariaLid = { kind: 'external', value: '218743000000555@lid' };

function isRecent(iso: string): boolean {
	return Math.abs(Date.parse(iso) - Date.now()) < 60_000;
}

/** An Evolution webhook token, as Evolution signs it with jsonwebtoken (HS256, 10 minutes). */
function evolutionJwt(key: string, payload: Record<string, unknown>, alg = 'HS256'): string {
	const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
	const signature = createHmac('sha256', key).update(`${header}.${body}`).digest('base64url');
	return `${header}.${body}.${signature}`;
}

describe('evolution inbound parse', () => {
	it('reads a text message, with the phone from the JID and the LID alongside', () => {
		const [event, ...rest] = expectCanonical(evolutionInbound.parse(sharedFixture('evolution-messages-upsert.json')));
		expect(rest).toHaveLength(0);
		expect(event).toEqual({
			id: 'whatsapp:acme-support:3EB0A1B2C3D4E5F6A7B8C9',
			type: 'message',
			channel: 'whatsapp',
			provider: 'evolution',
			direction: 'inbound',
			externalId: '3EB0A1B2C3D4E5F6A7B8C9',
			timestamp: '2026-06-09T10:30:00.000Z',
			from: { identities: [maria, mariaLid], name: 'Maria Silva' },
			account: 'acme-support',
			to: {},
			text: 'Olá! Gostaria de saber do meu pedido #4821',
		});
	});

	it('reads an image as an attachment with url, MIME type and caption', () => {
		const [event] = expectCanonical(evolutionInbound.parse(sharedFixture('evolution-messages-upsert-image.json')));
		expect(event.externalId).toBe('3EB0C3D4E5F6A7B8C9D0E1');
		expect(event.timestamp).toBe('2026-06-09T10:31:00.000Z');
		expect(event.text).toBe('Foto da caixa danificada');
		expect(event.attachments).toEqual([
			{
				type: 'image',
				url: 'https://mmg.whatsapp.net/o1/v/t62.7118-24/f2/m231/AQNfakeMediaPath0123456789?ccb=9-4&oh=01_Q5AaFake&oe=6A457D8A&_nc_sid=e6ed6c&mms3=true',
				mediaId: '3EB0C3D4E5F6A7B8C9D0E1',
				mimeType: 'image/jpeg',
				caption: 'Foto da caixa danificada',
			},
		]);
		expect(event.from).toEqual({ identities: [maria, mariaLid], name: 'Maria Silva' });
	});

	it('reads a READ update of our message as a read status for the customer', () => {
		const [event] = expectCanonical(evolutionInbound.parse(sharedFixture('evolution-messages-update.json')));
		const { timestamp, ...fields } = event;
		expect(isRecent(timestamp)).toBe(true);
		expect(fields).toEqual({
			id: 'whatsapp:acme-support:3EB0D4E5F6A7B8C9D0E1F2:read',
			type: 'status',
			channel: 'whatsapp',
			provider: 'evolution',
			direction: 'outbound',
			externalId: '3EB0D4E5F6A7B8C9D0E1F2:read',
			from: { identities: [] },
			account: 'acme-support',
			to: { identities: [maria] },
			status: 'read',
			thread: { messageId: '3EB0D4E5F6A7B8C9D0E1F2' },
		});
	});

	it('reads an ERROR update as failed', () => {
		const [event] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-update-error.json')));
		expect(event.status).toBe('failed');
		expect(event.externalId).toBe('3EB0C9D0E1F2A3B4C5D6E7:failed');
		expect(event.error).toEqual({ code: 'ERROR', message: expect.any(String) });
	});

	it.each([
		['SERVER_ACK', 'sent'],
		['DELIVERY_ACK', 'delivered'],
		['READ', 'read'],
		['PLAYED', 'read'],
		['ERROR', 'failed'],
		['PENDING', undefined],
		['DELETED', undefined],
		[3, 'delivered'],
	])('maps the status %j to %s', (status, expected) => {
		expect(evolutionDeliveryStatus(status)).toBe(expected);
	});

	it('ignores status updates of the customer’s own messages', () => {
		const update = JSON.parse(sharedFixture('evolution-messages-update.json').toString());
		update.data.fromMe = false;
		expect(evolutionInbound.parse(JSON.stringify(update))).toEqual([]);
	});

	it('never takes a LID for a phone: a LID without alternate gives only the LID identity', () => {
		const [event] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-upsert-lid-without-alt.json')));
		expect(event.from).toEqual({ identities: [mariaLid], name: 'Maria Silva' });
		expect(event.text).toBe('Ainda estou aguardando o reembolso');
	});

	it('takes the phone from remoteJidAlt when remoteJid is a LID, and the quoted message into thread', () => {
		const [event] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-upsert-lid-with-phone-alt.json')));
		expect(event.from.identities).toEqual([maria, mariaLid]);
		expect(event.text).toBe('Pode me ligar?');
		expect(event.thread).toEqual({ inReplyTo: '3EB0D4E5F6A7B8C9D0E1F2' });
	});

	it('reads button, list and template replies as actions', () => {
		const [buttons] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-upsert-buttons-response.json')));
		expect(buttons.type).toBe('action');
		expect(buttons.action).toEqual({ payload: 'track_order', title: 'Rastrear pedido' });
		expect(buttons.thread).toEqual({ inReplyTo: '3EB0D4E5F6A7B8C9D0E1F2' });
		const [list] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-upsert-list-response.json')));
		expect(list.type).toBe('action');
		expect(list.action).toEqual({ payload: 'menu_exchange', title: 'Troca' });
		const template = JSON.parse(localFixture('evolution/messages-upsert-buttons-response.json').toString());
		template.data.message = { templateButtonReplyMessage: { selectedId: 'yes_confirm', selectedDisplayText: 'Sim', selectedIndex: 0 } };
		const [reply] = expectCanonical(evolutionInbound.parse(JSON.stringify(template)));
		expect(reply.action).toEqual({ payload: 'yes_confirm', title: 'Sim' });
	});

	it('reads a document (wrapped with its caption) with its file name', () => {
		const [event] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-upsert-document.json')));
		expect(event.attachments).toEqual([
			{
				type: 'document',
				url: 'https://mmg.whatsapp.net/v/t62.7119-24/fakeDocumentPath0123?ccb=11-4&oh=01_Q5AaFake&oe=6A457D8B&_nc_sid=5e03e0&mms3=true',
				mediaId: '3EB0A7B8C9D0E1F2A3B4C5',
				mimeType: 'application/pdf',
				caption: 'Segue a nota fiscal',
				filename: 'nota-fiscal-4821.pdf',
			},
		]);
	});

	it.each([
		['audioMessage', 'audio', { url: 'https://mmg.whatsapp.net/a', mimetype: 'audio/ogg; codecs=opus', ptt: true }],
		['videoMessage', 'video', { url: 'https://mmg.whatsapp.net/v', mimetype: 'video/mp4', caption: 'olha' }],
		['stickerMessage', 'sticker', { url: 'https://mmg.whatsapp.net/s', mimetype: 'image/webp' }],
	])('reads %s as a %s attachment', (field, type, media) => {
		const body = JSON.parse(sharedFixture('evolution-messages-upsert.json').toString());
		body.data.message = { [field]: media };
		const [event] = expectCanonical(evolutionInbound.parse(JSON.stringify(body)));
		expect(event.attachments?.[0]).toMatchObject({ type, url: media.url, mimeType: media.mimetype });
	});

	it('makes the group participant the customer and keeps the group as the recipient', () => {
		const [event] = expectCanonical(evolutionInbound.parse(localFixture('evolution/messages-upsert-group.json')));
		expect(event.direction).toBe('inbound');
		expect(event.from).toEqual({
			identities: [{ kind: 'phone', value: '+5521955550777' }, { kind: 'external', value: '218743000000777@lid' }],
			name: 'João Souza',
		});
		expect(event.account).toBe('acme-support');
		expect(event.to).toEqual({ identities: [{ kind: 'external', value: '120363025555550123@g.us' }] });
	});

	it('skips our own messages unless echoes are asked for, then puts the customer in to', () => {
		const body = localFixture('evolution/messages-upsert-from-me.json');
		expect(evolutionInbound.parse(body)).toEqual([]);
		const [event] = expectCanonical(evolutionInbound.parse(body, { includeEchoes: true }));
		expect(event.direction).toBe('outbound');
		expect(event.from).toEqual({ identities: [] });
		expect(event.account).toBe('acme-support');
		expect(event.to).toEqual({ identities: [maria] });
		expect(event.text).toBe('Seu pedido #4821 foi enviado.');
	});

	it('yields no event for connection.update, which the node reads with evolutionConnectionState', () => {
		const body = localFixture('evolution/connection-update.json');
		expect(evolutionInbound.parse(body)).toEqual([]);
		expect(evolutionConnectionState(body)).toEqual({ instance: 'acme-support', state: 'close', statusReason: 401 });
		expect(evolutionConnectionState(sharedFixture('evolution-messages-upsert.json'))).toBeUndefined();
	});

	it('skips status broadcasts, reactions and protocol messages', () => {
		const body = JSON.parse(sharedFixture('evolution-messages-upsert.json').toString());
		body.data.key.remoteJid = 'status@broadcast';
		expect(evolutionInbound.parse(JSON.stringify(body))).toEqual([]);
		const reaction = JSON.parse(sharedFixture('evolution-messages-upsert.json').toString());
		reaction.data.message = { reactionMessage: { key: { id: 'X' }, text: '👍' } };
		expect(evolutionInbound.parse(JSON.stringify(reaction))).toEqual([]);
	});

	it('accepts the upper-case event names of webhook-by-events setups', () => {
		const body = sharedFixture('evolution-messages-upsert.json').toString().replace('"messages.upsert"', '"MESSAGES_UPSERT"');
		expect(evolutionInbound.parse(body)).toHaveLength(1);
	});

	it('keeps the webhook in raw only when asked', () => {
		const [event] = evolutionInbound.parse(sharedFixture('evolution-messages-upsert.json'), { includeRaw: true });
		expect((event.raw as { data: { key: { id: string } } }).data.key.id).toBe('3EB0A1B2C3D4E5F6A7B8C9');
	});

	it('refuses bodies that are not Evolution webhooks, naming the provider', () => {
		expect(() => evolutionInbound.parse('<xml/>')).toThrow(/^Evolution API: .*not JSON/);
		expect(() => evolutionInbound.parse('{"hello":1}')).toThrow(/^Evolution API: .*event/);
		expect(() => evolutionInbound.parse('{"event":"messages.upsert","data":{"message":{}}}')).toThrow(/^Evolution API: .*key/);
		expect(() => evolutionInbound.parse('{"event":"messages.upsert","data":"x"}')).toThrow(/^Evolution API: /);
	});

	it('never reads a phone from a LID, whatever the order', () => {
		expect(whatsAppUserIdentities('218743000000555@lid', undefined)).toEqual([mariaLid]);
		expect(whatsAppUserIdentities('5511955550123:12@s.whatsapp.net')).toEqual([maria]);
		expect(whatsAppUserIdentities('120363025555550123@g.us')).toEqual([]);
	});
});

describe('evolution verify (webhook JWT)', () => {
	const key = 'evolution-jwt-key-0123456789';
	const iat = 1781001000;
	const valid = { iat, exp: iat + 600, app: 'evolution', action: 'webhook' };
	const body = sharedFixture('evolution-messages-upsert.json');

	it('accepts a fresh token signed with the jwt_key', () => {
		expect(evolutionInbound.signatureHeader).toBe('authorization');
		expect(evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt(key, valid)}`, secret: key, now: iat + 5 })).toEqual({ valid: true });
	});

	it('refuses an expired token', () => {
		expect(evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt(key, valid)}`, secret: key, now: iat + 3600 })).toEqual({
			valid: false,
			reason: 'Evolution API: the JWT has expired',
		});
	});

	it('refuses a token valid for longer than an hour, or without an issue time, saying why', () => {
		const tenYears = evolutionJwt(key, { ...valid, exp: iat + 10 * 365 * 24 * 3600 });
		expect(evolutionInbound.verify({ body, signature: `Bearer ${tenYears}`, secret: key, now: iat + 5 })).toEqual({
			valid: false,
			reason: 'Evolution API: the JWT is valid for 315360000 seconds (iat to exp); an Evolution webhook token lasts 600, and at most 3600 are accepted',
		});
		const { iat: _iat, ...noIat } = valid;
		expect(evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt(key, noIat)}`, secret: key, now: iat + 5 })).toEqual({
			valid: false,
			reason: 'Evolution API: the JWT has no issue time (iat)',
		});
		expect(evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt(key, { ...valid, exp: iat + 3600 })}`, secret: key, now: iat + 5 })).toEqual({ valid: true });
		expect(evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt(key, { ...valid, exp: iat + 3601 })}`, secret: key, now: iat + 5 }).valid).toBe(false);
	});

	it('refuses a token signed with another key, or tampered with', () => {
		const result = evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt('another-key', valid)}`, secret: key, now: iat });
		expect(result).toEqual({ valid: false, reason: 'Evolution API: the JWT signature does not match the jwt_key' });
		const [header, , signature] = evolutionJwt(key, valid).split('.');
		const forged = Buffer.from(JSON.stringify({ ...valid, exp: iat + 99999 })).toString('base64url');
		expect(evolutionInbound.verify({ body, signature: `Bearer ${header}.${forged}.${signature}`, secret: key, now: iat }).valid).toBe(false);
	});

	it('refuses tokens that are not Evolution webhook tokens', () => {
		const other = evolutionJwt(key, { ...valid, action: 'login' });
		expect(evolutionInbound.verify({ body, signature: `Bearer ${other}`, secret: key, now: iat })).toMatchObject({ valid: false });
		const none = evolutionJwt(key, valid, 'none');
		expect(evolutionInbound.verify({ body, signature: `Bearer ${none}`, secret: key, now: iat })).toEqual({
			valid: false,
			reason: 'Evolution API: the JWT is not signed with HS256',
		});
		const future = evolutionJwt(key, { ...valid, iat: iat + 3600, exp: iat + 4200 });
		expect(evolutionInbound.verify({ body, signature: `Bearer ${future}`, secret: key, now: iat })).toMatchObject({ valid: false });
	});

	it('refuses a missing or malformed Authorization header, and a missing key', () => {
		expect(evolutionInbound.verify({ body, secret: key })).toEqual({ valid: false, reason: expect.stringMatching(/Authorization header is missing/) });
		expect(evolutionInbound.verify({ body, signature: 'Basic abc', secret: key })).toEqual({ valid: false, reason: expect.stringMatching(/Bearer/) });
		expect(evolutionInbound.verify({ body, signature: 'Bearer abc', secret: key })).toEqual({ valid: false, reason: expect.stringMatching(/not a JWT/) });
		expect(evolutionInbound.verify({ body, signature: `Bearer ${evolutionJwt(key, valid)}`, secret: '' })).toMatchObject({ valid: false });
	});
});
