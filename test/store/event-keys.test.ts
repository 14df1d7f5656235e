import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomerGraph, type CanonicalEvent, type Identity } from '../../core';
import { attributed, outboundEvent } from '../../core/channels/outbound-event';
import { telegramInbound } from '../../core/channels/telegram/inbound';
import { whatsappInboundAdapter } from '../../core/channels/whatsapp/inbound';
import { insertTombstones, tombstoneKey } from '../../core/store/tombstones';
import { SHARED_CHANNEL_FIXTURES } from '../support/shared-fixtures';
import { describeEachStore, useStore } from '../support/stores';

const shared = (name: string) => readFileSync(join(SHARED_CHANNEL_FIXTURES, name));
const local = (name: string) => readFileSync(join(__dirname, '../fixtures/channels', name));

/** Maria's Telegram message 42, as the trigger of bot `bot` reads it. */
const telegramText = (bot: string) => telegramInbound.parse(shared('telegram-text.json'), { account: bot })[0];

describeEachStore('events keyed with their account', (store) => {
	const { db } = useStore(store);
	let graph: CustomerGraph;
	beforeAll(() => {
		graph = new CustomerGraph(db());
	});

	const resolveEvent = async (event: CanonicalEvent) => (await graph.resolve([{ identities: event.direction === 'inbound' ? event.from.identities : (event.to.identities ?? []), event }]))[0];

	/** A history row as version 1 wrote it: keyed by the provider id alone, the account (if any) in `to`, no schemaVersion. */
	const insertVersion1Row = async (customerId: string, body: Record<string, unknown>) => {
		await db().query(
			`INSERT INTO events (customer_id, channel, external_id, type, direction, occurred_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7::json)`,
			[customerId, body.channel, body.externalId, body.type, body.direction, body.timestamp, JSON.stringify(body)],
		);
	};

	it('keeps both messages when two Telegram bots get the same message id from the same person', async () => {
		const [first, second] = [telegramText('7000000001'), telegramText('7000000002')];
		expect(first.externalId).toBe(second.externalId);
		const outcomes = [await resolveEvent(first), await resolveEvent(second)];
		expect(outcomes.map((outcome) => outcome.duplicate)).toEqual([undefined, undefined]);
		const customer = (await graph.getCustomer(outcomes[0].customerId!, 10))!;
		expect(customer.history.map((entry) => [entry.account, entry.externalId]).sort()).toEqual([
			['7000000001', '5550001234:42'],
			['7000000002', '5550001234:42'],
		]);
		// And each bot's redelivery is still recognised as one.
		expect(await resolveEvent(telegramText('7000000002'))).toMatchObject({ duplicate: true });
		expect((await graph.getCustomer(outcomes[0].customerId!, 10))!.history).toHaveLength(2);
	});

	it('stores bodies with schemaVersion 2, and copies account, author type and category into their columns', async () => {
		const customer: Identity = { kind: 'phone', value: '+5511987653001' };
		const sent = attributed(outboundEvent({ channel: 'whatsapp', provider: 'meta', externalId: 'wamid.campaign-3001', account: '106540000000001', identities: [customer], text: 'Sale!' }), {
			author: { type: 'agent', id: 'ana' },
			category: 'marketing',
		});
		const status = outboundEvent({ channel: 'whatsapp', provider: 'meta', externalId: 'wamid.campaign-3001:delivered', type: 'status', status: 'delivered', account: '106540000000001', identities: [customer] });
		await resolveEvent(sent);
		await resolveEvent(status);
		const rows = await db().query<{ account: string; author_type: string | null; category: string | null; version: string }>(
			`SELECT account, author_type, category, body->>'schemaVersion' AS version FROM events WHERE channel = 'whatsapp' AND external_id = ANY($1::text[]) ORDER BY external_id`,
			[['106540000000001:wamid.campaign-3001', '106540000000001:wamid.campaign-3001:delivered']],
		);
		expect(rows).toEqual([
			{ account: '106540000000001', author_type: 'agent', category: 'marketing', version: '2' },
			{ account: '106540000000001', author_type: null, category: null, version: '2' },
		]);
	});

	it('recognises the redelivery of an event recorded before accounts were keys, by the account its body recorded', async () => {
		const event = whatsappInboundAdapter.parse(shared('whatsapp-text.json'))[0];
		const [seen] = await graph.resolve([{ identities: event.from.identities }]);
		const { id: _id, account, ...version1 } = event;
		await insertVersion1Row(seen.customerId!, { id: `whatsapp:${event.externalId}`, ...version1, to: { account } });

		expect(await resolveEvent(event)).toMatchObject({ customerId: seen.customerId, duplicate: true });
		const history = (await graph.getCustomer(seen.customerId!, 10))!.history;
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ account: '106540000000001', externalId: event.externalId, event: { schemaVersion: 1, account: '106540000000001', to: {} } });
	});

	it('does not take another bot’s message for a Telegram event recorded before accounts were keys, which named no bot', async () => {
		const event = telegramText('7000000003');
		const userId: Identity = { kind: 'telegram', value: '5550001299' };
		const mine = { ...event, from: { identities: [userId] } };
		const [seen] = await graph.resolve([{ identities: [userId] }]);
		const { id: _id, account: _account, ...version1 } = mine;
		await insertVersion1Row(seen.customerId!, { id: `telegram:${event.externalId}`, ...version1 });

		expect((await resolveEvent(mine)).duplicate).toBeUndefined();
		expect((await graph.getCustomer(seen.customerId!, 10))!.history.map((entry) => entry.account ?? null).sort()).toEqual(['7000000003', null]);
	});

	it('reads version 1 bodies in the 360 view: the account from `to`, an opt-out as a consent event', async () => {
		const phone: Identity = { kind: 'phone', value: '+15555553002' };
		const [seen] = await graph.resolve([{ identities: [phone] }]);
		await insertVersion1Row(seen.customerId!, {
			id: 'sms:SM5550123abcdef0123456789abcd3002',
			type: 'optout',
			channel: 'sms',
			provider: 'twilio',
			direction: 'inbound',
			externalId: 'SM5550123abcdef0123456789abcd3002',
			timestamp: '2026-06-01T10:00:00.000Z',
			from: { identities: [phone] },
			to: { account: '+15550001234' },
			text: 'STOP',
			action: { payload: 'optout', title: 'STOP' },
		});
		const [entry] = (await graph.getCustomer(seen.customerId!, 10))!.history;
		expect(entry).toMatchObject({
			channel: 'sms',
			account: '+15550001234',
			type: 'consent',
			text: 'STOP',
			event: { schemaVersion: 1, account: '+15550001234', to: {}, consent: { channel: 'sms', purpose: 'all', state: 'unsubscribed' } },
		});
	});

	it('still skips what a tombstone written before accounts were keys names: an edit of a forgotten Telegram message', async () => {
		// The store forgot Maria's message 42 before the upgrade: its tombstone names no bot.
		const key = await tombstoneKey(db());
		await db().transaction((tx) => insertTombstones(tx, 'forgotten_events', ['telegram:5550001234:42'], key));
		const edit = telegramInbound.parse(local('telegram/edited-message.json'), { account: '7000000004' })[0];
		const outcome = await resolveEvent(edit);
		expect(outcome).toMatchObject({ forgotten: true, created: false });
		expect(outcome.warnings).toEqual(['this event is about a message of a forgotten customer: nothing was stored']);
	});

	it('forgets with keys that name the bot: another bot’s message with the same id is stored', async () => {
		const person: Identity = { kind: 'telegram', value: '5550001301' };
		const message = (bot: string) => ({ ...telegramText(bot), externalId: '5550001301:9', id: `telegram:${bot}:5550001301:9`, from: { identities: [person] } });
		const first = await resolveEvent(message('7000000005'));
		await graph.forget(first.customerId!);
		expect(await resolveEvent(message('7000000005'))).toMatchObject({ forgotten: true });
		const other = await resolveEvent(message('7000000006'));
		expect(other.created).toBe(true);
		expect(other.forgotten).toBeUndefined();
	});
});
