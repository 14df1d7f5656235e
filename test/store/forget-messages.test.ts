import { CustomerGraph, type CanonicalEvent, type Identity } from '../../core';
import { INBOUND_ADAPTERS } from '../../core/channels/registry';
import { outboundEvent } from '../../core/channels/outbound-event';
import { describeEachStore, useStore } from '../support/stores';

/** Events as the triggers emit them: webhook bodies through the channels' own adapters (Telegram's told the bot, as its trigger does). */
const parse = (adapter: string, body: string): CanonicalEvent[] => INBOUND_ADAPTERS[adapter].parse(body, { account: '7000000001' });

const whatsapp = (value: Record<string, unknown>) =>
	parse('whatsapp', JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '106540000000001' }, ...value } }] }] }))[0];
const whatsappStatus = (waId: string, messageId: string, status: string) => whatsapp({ statuses: [{ id: messageId, status, timestamp: '1781001300', recipient_id: waId }] });
const whatsappMessage = (waId: string, messageId: string, message: Record<string, unknown>) =>
	whatsapp({ contacts: [{ profile: { name: 'Iris' }, wa_id: waId }], messages: [{ from: waId, id: messageId, timestamp: '1781001000', ...message }] });

const twilioStatus = (to: string, sid: string, status: string) =>
	parse('twilio', new URLSearchParams({ MessageSid: sid, MessageStatus: status, To: to, From: '+15550001234', AccountSid: 'AC1' }).toString())[0];

const telegram = (update: Record<string, unknown>) => parse('telegram', JSON.stringify({ update_id: 1, ...update }))[0];
const telegramMessage = (userId: number, messageId: number, text: string, edited = false) => {
	const message = { message_id: messageId, from: { id: userId, is_bot: false, first_name: 'Theo' }, chat: { id: userId, type: 'private' }, date: 1781001000, text };
	return telegram(edited ? { edited_message: { ...message, edit_date: 1781001060 } } : { message });
};

const resolveEvent = async (graph: CustomerGraph, event: CanonicalEvent) => {
	const identities = (event.direction === 'inbound' ? event.from.identities : event.to.identities) ?? [];
	return (await graph.resolve([{ identities, event }]))[0];
};

describeEachStore('forgetting a customer forgets what refers to their messages', (store) => {
	const { db } = useStore(store);
	let graph: CustomerGraph;
	beforeAll(() => {
		graph = new CustomerGraph(db());
	});

	/** Forgets the customer of `identity`, and returns the store's counts after it. */
	const forget = async (identity: Identity) => {
		await graph.forget((await graph.findCustomerId({ identifier: identity }))!);
		return await graph.stats();
	};

	const expectNothingStored = async (event: CanonicalEvent, identity: Identity, before: Awaited<ReturnType<CustomerGraph['stats']>>) => {
		const outcome = await resolveEvent(graph, event);
		expect(outcome).toMatchObject({ forgotten: true, created: false });
		expect(outcome.customerId).toBeUndefined();
		expect(outcome.warnings).toEqual([expect.stringContaining('forgotten customer: nothing was stored')]);
		expect(await graph.findCustomerId({ identifier: identity })).toBeUndefined();
		expect(await graph.stats()).toEqual(before);
	};

	it('a late WhatsApp read receipt, a reaction or a reply to an old message creates no one; a new message is a new customer', async () => {
		const waId = '5511987651001';
		const phone: Identity = { kind: 'phone', value: '+5511987651001' };
		// We sent a message (its send was not recorded), it was sent and delivered; the customer wrote once.
		await resolveEvent(graph, whatsappStatus(waId, 'wamid.out-1001', 'sent'));
		await resolveEvent(graph, whatsappStatus(waId, 'wamid.out-1001', 'delivered'));
		await resolveEvent(graph, whatsappMessage(waId, 'wamid.in-1001', { type: 'text', text: { body: 'my order is late' } }));
		const after = await forget(phone);

		await expectNothingStored(whatsappStatus(waId, 'wamid.out-1001', 'read'), phone, after);
		await expectNothingStored(whatsappMessage(waId, 'wamid.react-1001', { type: 'reaction', reaction: { message_id: 'wamid.out-1001', emoji: '👍' } }), phone, after);
		await expectNothingStored(whatsappMessage(waId, 'wamid.quote-1001', { type: 'text', text: { body: 'still late' }, context: { id: 'wamid.in-1001' } }), phone, after);

		const comeback = await resolveEvent(graph, whatsappMessage(waId, 'wamid.in-1002', { type: 'text', text: { body: 'hello again' } }));
		expect(comeback).toMatchObject({ created: true, attached: [phone] });
		expect(comeback.forgotten).toBeUndefined();
	});

	it('a late Twilio delivery receipt of a message sent before the Forget creates no one', async () => {
		const phone: Identity = { kind: 'phone', value: '+5511987651002' };
		const sent = outboundEvent({ channel: 'sms', provider: 'twilio', externalId: 'SM0000000000000000000000000001002', account: '+15550001234', identities: [phone], text: 'your code is 1002' });
		expect((await resolveEvent(graph, sent)).created).toBe(true);
		const after = await forget(phone);

		await expectNothingStored(twilioStatus(phone.value, 'SM0000000000000000000000000001002', 'delivered'), phone, after);
	});

	it('a Telegram edit of an old message stores nothing', async () => {
		const telegramUser: Identity = { kind: 'telegram', value: '5550001003' };
		await resolveEvent(graph, telegramMessage(5550001003, 7, 'my tax number is 123.456.789-00'));
		const after = await forget(telegramUser);

		const edit = telegramMessage(5550001003, 7, 'my tax number is 123.456.789-01', true);
		await expectNothingStored(edit, telegramUser, after);
		const rows = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE body::text LIKE '%123.456.789%'`);
		expect(rows[0].n).toBe(0);
	});

	it('a redelivered old event is still skipped as before, with the same report', async () => {
		const message = whatsappMessage('5511987651004', 'wamid.in-1004', { type: 'text', text: { body: 'hi' } });
		await resolveEvent(graph, message);
		const after = await forget({ kind: 'phone', value: '+5511987651004' });
		const outcome = await resolveEvent(graph, message);
		expect(outcome).toMatchObject({ forgotten: true, warnings: ['this event belongs to a forgotten customer: nothing was stored'] });
		expect(await graph.stats()).toEqual(after);
	});
});
