import { INBOUND_ADAPTERS } from '../../../core/channels/registry';
import { outboundEvent } from '../../../core/channels/outbound-event';
import { messageKeys, referencedMessageId, type CanonicalEvent } from '../../../core/model';
import { localFixture, sharedFixture } from '../channels/fixtures';

const parse = (adapter: string, body: Buffer | string): CanonicalEvent => {
	const events = INBOUND_ADAPTERS[adapter].parse(body, { includeEchoes: true });
	expect(events).toHaveLength(1);
	return events[0];
};

const whatsappContextReply = JSON.stringify({
	object: 'whatsapp_business_account',
	entry: [
		{
			id: '1',
			changes: [
				{
					field: 'messages',
					value: {
						metadata: { phone_number_id: '106540000000001' },
						messages: [{ from: '15555550123', id: 'wamid.reply', timestamp: '1781001000', type: 'text', text: { body: 'about that' }, context: { id: 'wamid.quoted' } }],
					},
				},
			],
		},
	],
});

describe('the message an event is about', () => {
	it.each([
		['a WhatsApp status', 'whatsapp', sharedFixture('whatsapp-status.json'), 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA'],
		['a WhatsApp reaction', 'whatsapp', localFixture('whatsapp/reaction.json'), 'wamid.HBgLMTU1NTU1NTAxMjMVAgARGBI2QTdCOEM5RDBFMUYyQTNCNEMA'],
		['a WhatsApp reply (context)', 'whatsapp', whatsappContextReply, 'wamid.quoted'],
		['a Twilio message status', 'twilio', sharedFixture('twilio-sms-status.form'), 'SM5550123abcdef0123456789abcdef03'],
		['a Twilio call status', 'twilio', sharedFixture('twilio-voice-status.form'), 'CA5550123abcdef0123456789abcdef07'],
		['a Telegram edit', 'telegram', localFixture('telegram/edited-message.json'), '5550001234:42'],
		['a Telegram button press', 'telegram', localFixture('telegram/callback-query.json'), '5550001234:44'],
		['an Evolution status', 'evolution', sharedFixture('evolution-messages-update.json'), '3EB0D4E5F6A7B8C9D0E1F2'],
		['a Messenger reaction', 'messenger', localFixture('messenger/reaction.json'), 'm_ECa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6A7B8C9D0E3'],
		['an Instagram reply', 'instagram', localFixture('instagram/reply-unicode.json'), 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODEzNDQ4NzI4MDAwMDAwMDM='],
		['an e-mail reply (In-Reply-To, without brackets)', 'postmark', localFixture('postmark/inbound-quoted-reply.json'), 'ticket-4821.msg-2@support.acme.example'],
	])('%s', (_name, adapter, body, referenced) => {
		const event = parse(adapter, body);
		expect(referencedMessageId(event)).toBe(referenced);
		expect(messageKeys(event)).toContain(`${event.channel}:${referenced}`);
		expect(messageKeys(event)).toContain(`${event.channel}:${event.externalId}`);
	});

	it('is nothing for a new message, whose only key is its own', () => {
		const event = parse('whatsapp', sharedFixture('whatsapp-text.json'));
		expect(referencedMessageId(event)).toBeUndefined();
		expect(messageKeys(event)).toEqual([`whatsapp:${event.externalId}`]);
	});

	it('knows an e-mail also by its Message-ID, which replies quote, and an outbound e-mail by its bare id', () => {
		const reply = parse('postmark', localFixture('postmark/inbound-quoted-reply.json'));
		expect(messageKeys(reply)).toEqual([`email:${reply.externalId}`, 'email:CAF555reply0003@mail.example.com', 'email:ticket-4821.msg-2@support.acme.example']);
		const sent = outboundEvent({ channel: 'email', provider: 'smtp', externalId: 'abc@acme.example', identities: [], thread: { messageId: '<abc@acme.example>' } });
		expect(messageKeys(sent)).toEqual(['email:abc@acme.example']);
	});
});
