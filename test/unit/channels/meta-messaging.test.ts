import { readdirSync } from 'fs';
import path from 'path';
import { messengerInboundAdapter } from '../../../core/channels/messenger/inbound';
import { instagramInboundAdapter } from '../../../core/channels/instagram/inbound';
import { expectCanonical, LOCAL_FIXTURES, localFixture, localSignature, sharedFixture } from './meta-fixtures';

const psid = { kind: 'messenger', value: '105000000000001:7000000000000001' };
const igsid = { kind: 'instagram', value: '17841400000000001:1234567890123456' };
const messenger = (file: string, options = {}) => expectCanonical(messengerInboundAdapter.parse(localFixture(`messenger/${file}`), options));
const instagram = (file: string, options = {}) => expectCanonical(instagramInboundAdapter.parse(localFixture(`instagram/${file}`), options));

describe('Messenger and Instagram fixtures', () => {
	const files = ['messenger', 'instagram'].flatMap((dir) => readdirSync(path.join(LOCAL_FIXTURES, dir)).map((file) => `${dir}/${file}`));

	it.each(files)('%s verifies and parses into canonical events', (file) => {
		const adapter = file.startsWith('messenger/') ? messengerInboundAdapter : instagramInboundAdapter;
		const body = localFixture(file);
		expect(adapter.verify({ body, ...localSignature(file) })).toEqual({ valid: true });
		expectCanonical(adapter.parse(body, { includeEchoes: true, includeRaw: true }));
	});
});

describe('Messenger', () => {
	it('quick reply: an action with the payload, the text as title', () => {
		const [event] = messenger('quick-reply.json');
		expect(event).toMatchObject({
			type: 'action',
			direction: 'inbound',
			text: 'Track my order',
			action: { payload: 'TRACK_ORDER', title: 'Track my order' },
			from: { identities: [psid] },
			account: '105000000000001',
			to: {},
		});
	});

	it('postback: an action with payload and title, its mid as externalId', () => {
		const [event] = messenger('postback.json');
		expect(event).toMatchObject({
			type: 'action',
			externalId: 'm_PBa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8C9D0E2',
			action: { payload: 'TALK_TO_AGENT', title: 'Talk to an agent' },
			from: { identities: [psid] },
		});
	});

	it('postback without mid gets a deterministic externalId', () => {
		const body = JSON.stringify({
			object: 'page',
			entry: [{ id: '105000000000001', time: 1, messaging: [{ sender: { id: '7000000000000001' }, recipient: { id: '105000000000001' }, timestamp: 1781004100123, postback: { title: 'Get Started', payload: 'GET_STARTED' } }] }],
		});
		const [first] = expectCanonical(messengerInboundAdapter.parse(body));
		expect(first.externalId).toBe('postback:105000000000001:7000000000000001:1781004100123');
		expect(messengerInboundAdapter.parse(body)[0].id).toBe(first.id);
	});

	it('echoes are skipped by default; with includeEchoes they are outbound with the customer in to', () => {
		expect(messenger('echo.json')).toEqual([]);
		expect(messenger('echo.json', { includeEchoes: true })).toEqual([
			{
				id: 'messenger:105000000000001:m_ECa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8C9D0E3',
				type: 'message',
				channel: 'messenger',
				provider: 'meta',
				direction: 'outbound',
				externalId: 'm_ECa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8C9D0E3',
				timestamp: '2026-06-09T11:23:20.123Z',
				from: { identities: [] },
				account: '105000000000001',
				to: { identities: [psid] },
				text: 'Your order ships today — tracking to follow.',
			},
		]);
	});

	it('delivery without mids: one status for the watermark', () => {
		expect(messenger('delivery-watermark.json')).toEqual([
			expect.objectContaining({
				type: 'status',
				status: 'delivered',
				direction: 'outbound',
				externalId: 'watermark:105000000000001:7000000000000001:1781004300500:delivered',
				account: '105000000000001',
				to: { identities: [psid] },
			}),
		]);
	});

	it('delivery with several mids: one status per mid', () => {
		const body = JSON.parse(sharedFixture('messenger-delivery.json').toString('utf8'));
		body.entry[0].messaging[0].delivery.mids.push('m_second');
		const events = expectCanonical(messengerInboundAdapter.parse(JSON.stringify(body)));
		expect(events.map((event) => [event.externalId, event.thread?.messageId])).toEqual([
			['m_PId1At4iCnU3YwVaQ5c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7A8B9C0G:delivered', 'm_PId1At4iCnU3YwVaQ5c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7A8B9C0G'],
			['m_second:delivered', 'm_second'],
		]);
	});

	it('reaction: an action "reaction" with the emoji, pointing at the reacted message', () => {
		const [event] = messenger('reaction.json');
		expect(event).toMatchObject({
			type: 'action',
			direction: 'inbound',
			text: '❤',
			action: { payload: 'reaction', title: '❤' },
			thread: { inReplyTo: 'm_ECa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8C9D0E3' },
			from: { identities: [psid] },
		});
	});

	it('falls back to the entry id when the recipient is missing; ignores other messaging items', () => {
		const body = JSON.stringify({
			object: 'page',
			entry: [
				{
					id: '105000000000001',
					time: 1781001000456,
					messaging: [
						{ sender: { id: '7000000000000001' }, timestamp: 1781001000123, message: { mid: 'm_1', text: 'hi' } },
						{ sender: { id: '7000000000000001' }, recipient: { id: '105000000000001' }, timestamp: 1781001000124, optin: { ref: 'x' } },
					],
				},
			],
		});
		const events = expectCanonical(messengerInboundAdapter.parse(body));
		expect(events).toHaveLength(1);
		expect(events[0].from.identities).toEqual([psid]);
		expect(events[0].account).toBe('105000000000001');
	});

	it('bad input throws a clear error', () => {
		expect(() => messengerInboundAdapter.parse('{oops')).toThrow('not a Messenger webhook: the body is not JSON');
		expect(() => messengerInboundAdapter.parse('null')).toThrow('not a Messenger webhook: expected a JSON object');
		expect(() => messengerInboundAdapter.parse('{"object":"page"}')).toThrow('"entry" is missing or is not a list');
	});
});

describe('Instagram', () => {
	it('read receipt by mid: a read status for that message', () => {
		const mid = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODEzNDQ4NzI4MDAwMDAwMDM=';
		expect(instagram('seen.json')).toEqual([
			{
				id: `instagram:17841400000000001:${mid}:read`,
				type: 'status',
				channel: 'instagram',
				provider: 'meta',
				direction: 'outbound',
				externalId: `${mid}:read`,
				timestamp: '2026-06-09T11:36:40.789Z',
				from: { identities: [] },
				account: '17841400000000001',
				to: { identities: [igsid] },
				status: 'read',
				thread: { messageId: mid },
			},
		]);
	});

	it('accepts the receipt under "seen" as well', () => {
		const body = localFixture('instagram/seen.json').toString('utf8').replace('"read":', '"seen":');
		expect(expectCanonical(instagramInboundAdapter.parse(body))).toEqual(instagram('seen.json'));
	});

	it('echoes are skipped unless asked for', () => {
		expect(instagram('echo.json')).toEqual([]);
		const [event] = instagram('echo.json', { includeEchoes: true });
		expect(event).toMatchObject({ direction: 'outbound', text: 'Sim, enviamos para o Brasil!', account: '17841400000000001', to: { identities: [igsid] } });
	});

	it('a reply: unicode text decoded, the replied message in thread.inReplyTo', () => {
		const [event] = instagram('reply-unicode.json');
		expect(event.text).toBe('Ótimo, obrigada! Quanto custa o frete? 😊');
		expect(event.thread).toEqual({ inReplyTo: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODEzNDQ4NzI4MDAwMDAwMDM=' });
		expect(event.from.identities).toEqual([igsid]);
	});

	it('unsent (deleted) messages yield no events', () => {
		expect(instagram('deleted.json')).toEqual([]);
	});

	it('comment changes (no messaging) yield no events', () => {
		const body = JSON.stringify({ object: 'instagram', entry: [{ id: '17841400000000001', time: 1, changes: [{ field: 'comments', value: { id: '1', text: 'nice' } }] }] });
		expect(instagramInboundAdapter.parse(body)).toEqual([]);
	});
});
