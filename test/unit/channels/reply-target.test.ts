import { replyTarget, ReplyError } from '../../../core/channels/reply-target';
import { inboundMessage } from '../../support/events';

describe('where a reply goes', () => {
	it('answers an e-mail with "Re: " and its subject, in its thread', () => {
		const event = inboundMessage([{ kind: 'email', value: 'ana@example.org' }], {
			channel: 'email',
			provider: 'postmark',
			subject: 'Where is my order?',
			text: 'It was due Monday.\n\nAna',
			thread: { messageId: 'abc@mail.example.org', references: ['first@mail.example.org'] },
		});
		expect(replyTarget(event)).toEqual({
			route: 'email',
			recipient: 'ana@example.org',
			email: { subject: 'Re: Where is my order?', inReplyTo: 'abc@mail.example.org', references: ['first@mail.example.org'] },
		});
	});

	it('keeps one "Re:" on an e-mail already answered, and never takes the body for a subject', () => {
		const answered = inboundMessage([{ kind: 'email', value: 'ana@example.org' }], { channel: 'email', provider: 'postmark', subject: 'RE: Where is my order?' });
		expect(replyTarget(answered).email?.subject).toBe('RE: Where is my order?');
		const untitled = inboundMessage([{ kind: 'email', value: 'ana@example.org' }], { channel: 'email', provider: 'postmark', text: 'No subject here' });
		expect(replyTarget(untitled).email?.subject).toBe('Re:');
	});

	it('answers a Telegram group message in the group, and a WhatsApp sender known only by BSUID by that id', () => {
		const group = inboundMessage([{ kind: 'telegram', value: '42' }], { channel: 'telegram', provider: 'telegram', externalId: '-1001234:77' });
		expect(replyTarget(group)).toMatchObject({ route: 'telegram', recipient: '-1001234' });
		const bsuid = inboundMessage([{ kind: 'whatsapp_bsuid', value: 'US.13491208655302741918' }], { account: 'PN1', to: {} });
		expect(replyTarget(bsuid)).toEqual({ route: 'whatsappCloud', recipient: 'US.13491208655302741918', account: 'PN1' });
	});

	it('answers an Evolution sender known only by a LID on that LID, never taking it for a phone', () => {
		const event = inboundMessage([{ kind: 'external', value: '218743000000555@lid' }], { provider: 'evolution', account: 'sales', to: {} });
		expect(replyTarget(event)).toEqual({ route: 'evolution', recipient: '218743000000555@lid', account: 'sales' });
	});

	it('refuses what has no customer address, saying which', () => {
		const nobody = inboundMessage([], { channel: 'messenger' });
		expect(() => replyTarget(nobody)).toThrow(new ReplyError('This messenger event has no Messenger user to reply to'));
		expect(() => replyTarget(inboundMessage([], { channel: 'webchat', provider: 'webchat' }))).toThrow('not supported yet');
	});
});
