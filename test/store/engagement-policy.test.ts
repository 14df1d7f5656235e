// The Engagement Policy over the store: sends claimed under caps counted across channels and the
// history, consent honoured everywhere, quiet hours in the customer's zone, and the fallback
// chain moved on by failed statuses and by the sweep; sends leave with a forgotten customer.
import { CustomerGraph, EngagementPolicy, fallbackOnStatus, inputFromEvent, openStore, sweepUnconfirmed, type CanonicalEvent, type Identity, type SendDecision, type Traits } from '../../core';
import { campaignRequest, outboundEvent } from '../support/engagement';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

const MINUTE = 60_000;
// 12:00 in São Paulo, where Brazilian phone numbers put customers.
const NOON = Date.parse('2026-11-20T15:00:00Z');
const before = (minutes: number) => new Date(NOON - minutes * MINUTE).toISOString();

describeEachStore('engagement policy', (store) => {
	const { config } = useStore(store);
	let graph: CustomerGraph;
	let policy: EngagementPolicy;
	let people = 0;
	beforeAll(async () => {
		graph = new CustomerGraph(await openStore(config()));
		policy = new EngagementPolicy(graph.db);
	});

	/** A customer with a Brazilian phone and an e-mail, and these events in their history. */
	async function customer(traits: Traits = {}, history: (identities: Identity[]) => CanonicalEvent[] = () => []) {
		const n = ++people;
		const identities: Identity[] = [
			{ kind: 'phone', value: `+55119${String(70000000 + n)}` },
			{ kind: 'email', value: `policy-${n}@example.org` },
		];
		const [outcome] = await graph.resolve([{ identities, traits }]);
		const events = history(identities);
		if (events.length) await graph.resolve(events.map(inputFromEvent));
		return { id: outcome.customerId!, identities };
	}
	const wroteOnWhatsApp = (minutesAgo: number) => (identities: Identity[]) => [inboundMessage([identities[0]], { timestamp: before(minutesAgo) })];

	it('sends now on the channel the customer wrote on, personalized, and claims the one marketing message of the day', async () => {
		const ana = await customer({ name: 'Ana Souza', language: 'pt-BR' }, wroteOnWhatsApp(120));
		const decision = await policy.decide(ana.id, campaignRequest('black-friday'), NOON);
		expect(decision).toMatchObject({
			decision: 'send',
			channel: 'whatsapp',
			route: 'whatsappCloud',
			recipient: ana.identities[0].value,
			form: 'text',
			language: 'pt',
			text: 'Olá Ana, a promoção começou',
			reason: 'WhatsApp, engaged 2 hours ago: free text inside the 24-hour window',
			timeZone: 'America/Sao_Paulo',
			timeZoneSource: 'phone',
			fallbackChannels: ['sms', 'email'],
			tried: [],
		});
		await expect(policy.sendsOf(ana.id, 'black-friday')).resolves.toEqual([expect.objectContaining({ channel: 'whatsapp', purpose: 'marketing', decidedAt: new Date(NOON).toISOString() })]);
		// Another campaign the same afternoon: over the cap; the same one again: already sent.
		await expect(policy.decide(ana.id, campaignRequest('cyber-monday'), NOON + 60 * MINUTE)).resolves.toMatchObject({
			decision: 'blocked',
			code: 'cap-reached',
			reason: 'cap reached: 1 marketing message in the last 24 hours, and the limit is 1 a day',
		});
		await expect(policy.decide(ana.id, campaignRequest('black-friday'), NOON + 60 * MINUTE)).resolves.toMatchObject({ decision: 'blocked', code: 'already-sent' });
		// Transactional messages are exempt from the caps.
		await expect(policy.decide(ana.id, campaignRequest('order-shipped', { purpose: 'transactional' }), NOON + 60 * MINUTE)).resolves.toMatchObject({ decision: 'send' });
	});

	it('counts marketing messages sent outside the policy, from the history', async () => {
		const bia = await customer({}, (identities) => [outboundEvent([identities[1]], { type: 'message', channel: 'email', category: 'marketing', timestamp: before(180), text: 'newsletter' })]);
		await expect(policy.decide(bia.id, campaignRequest('black-friday'), NOON)).resolves.toMatchObject({ decision: 'blocked', code: 'cap-reached' });
		// A service answer is no marketing message.
		const caio = await customer({ language: 'pt' }, (identities) => [outboundEvent([identities[1]], { type: 'message', channel: 'email', category: 'service', timestamp: before(180), text: 'your answer' })]);
		await expect(policy.decide(caio.id, campaignRequest('black-friday'), NOON)).resolves.toMatchObject({ decision: 'send', channel: 'whatsapp', form: 'template', template: { name: 'promo', language: 'pt_BR', variables: ['cliente'] } });
	});

	it('honours an SMS opt-out on WhatsApp’s marketing too, and still sends transactional messages', async () => {
		const dani = await customer({ language: 'pt' }, (identities) => [inboundMessage([identities[0]], { channel: 'sms', provider: 'twilio', text: 'STOP', timestamp: before(600) })]);
		const request = campaignRequest('black-friday', { rules: { preference: ['whatsapp', 'sms'] } });
		const decision = await policy.decide(dani.id, request, NOON);
		expect(decision).toMatchObject({ decision: 'blocked', code: 'no-consent' });
		expect(decision.reason).toBe('no consent: the customer opted out of marketing messages on SMS, which counts on every channel on 2026-11-20 (keyword)');
		await expect(policy.decide(dani.id, campaignRequest('black-friday', { rules: { ...request.rules, consent: { optOutOnOneChannelCountsEverywhere: false } } }), NOON)).resolves.toMatchObject({ decision: 'send', channel: 'whatsapp' });
		await expect(policy.decide(dani.id, campaignRequest('password-reset', { purpose: 'transactional', rules: request.rules }), NOON)).resolves.toMatchObject({ decision: 'send' });
	});

	it('holds a message at 23:00 in the customer’s zone until 08:00 there, claiming nothing', async () => {
		const eva = await customer({ timeZone: 'Europe/Warsaw' });
		const lateInWarsaw = Date.parse('2026-11-20T22:00:00Z');
		const decision = await policy.decide(eva.id, campaignRequest('black-friday'), lateInWarsaw);
		expect(decision).toMatchObject({ decision: 'later', sendAt: '2026-11-21T08:00:00+01:00', channel: 'sms', timeZoneSource: 'trait' });
		expect(decision.reason).toBe('quiet hours 21:00-08:00: it is 23:00 in Europe/Warsaw (their time zone)');
		await expect(policy.sendsOf(eva.id, 'black-friday')).resolves.toEqual([]);
		await expect(policy.decide(eva.id, campaignRequest('black-friday'), Date.parse('2026-11-21T07:00:00Z'))).resolves.toMatchObject({ decision: 'send' });
	});

	it('moves a message whose WhatsApp send failed on to SMS at once, and stops when SMS delivers', async () => {
		const fabio = await customer({}, wroteOnWhatsApp(60));
		const first = (await policy.decide(fabio.id, campaignRequest('black-friday'), NOON)) as SendDecision;
		expect(first.channel).toBe('whatsapp');
		const failed = outboundEvent(fabio.identities.slice(0, 1), { type: 'status', status: 'failed', timestamp: new Date(NOON + MINUTE).toISOString(), error: { code: 131026, message: 'Message undeliverable' } });
		await graph.resolve([inputFromEvent(failed)]);
		const outcome = await fallbackOnStatus(graph.db, fabio.id, failed, NOON + MINUTE);
		expect(outcome).toMatchObject({ action: 'fell-back', decision: { decision: 'send', channel: 'sms', tried: ['whatsapp'], recipient: fabio.identities[0].value, reason: 'SMS, no engagement yet: free text, after WhatsApp' } });
		// The same failure reported twice moves nothing twice.
		await expect(fallbackOnStatus(graph.db, fabio.id, failed, NOON + 2 * MINUTE)).resolves.toMatchObject({ action: 'ignored' });
		const delivered = outboundEvent(fabio.identities.slice(0, 1), { type: 'status', channel: 'sms', status: 'delivered', timestamp: new Date(NOON + 3 * MINUTE).toISOString() });
		await expect(fallbackOnStatus(graph.db, fabio.id, delivered, NOON + 3 * MINUTE)).resolves.toMatchObject({ action: 'settled', outcome: 'delivered' });
		const sends = await policy.sendsOf(fabio.id, 'black-friday');
		expect(sends.map((send) => `${send.channel}:${send.outcome}`)).toEqual(['whatsapp:failed', 'sms:delivered']);
		// Nothing is left for the sweep, and the campaign is not sent again.
		expect((await sweepUnconfirmed(graph.db, { afterMinutes: 30 }, NOON + 120 * MINUTE)).fellBack.filter((step) => step.send.customerId === fabio.id)).toEqual([]);
		await expect(policy.decide(fabio.id, campaignRequest('black-friday'), NOON + 130 * MINUTE)).resolves.toMatchObject({ decision: 'blocked', code: 'already-sent' });
	});

	it('sweeps sends with no delivery after X minutes to the next channel, once per channel, until none is left', async () => {
		const gil = await customer({}, wroteOnWhatsApp(60));
		const hugo = await customer({}, wroteOnWhatsApp(60));
		await policy.decide(gil.id, campaignRequest('black-friday'), NOON);
		await policy.decide(hugo.id, campaignRequest('black-friday'), NOON);
		// Hugo's WhatsApp message was delivered; only the history knows.
		await graph.resolve([inputFromEvent(outboundEvent(hugo.identities.slice(0, 1), { type: 'status', status: 'delivered', timestamp: new Date(NOON + MINUTE).toISOString() }))]);
		const mine = (result: Awaited<ReturnType<typeof sweepUnconfirmed>>) => result.fellBack.filter((step) => step.send.customerId === gil.id).map((step) => step.decision);

		expect(mine(await sweepUnconfirmed(graph.db, { afterMinutes: 30 }, NOON + 20 * MINUTE))).toEqual([]);
		const first = await sweepUnconfirmed(graph.db, { afterMinutes: 30 }, NOON + 31 * MINUTE);
		expect(mine(first)).toEqual([expect.objectContaining({ decision: 'send', channel: 'sms', tried: ['whatsapp'] })]);
		expect(first.fellBack.some((step) => step.send.customerId === hugo.id)).toBe(false);
		expect(mine(await sweepUnconfirmed(graph.db, { afterMinutes: 30 }, NOON + 62 * MINUTE))).toEqual([expect.objectContaining({ channel: 'email', recipient: gil.identities[1].value, subject: 'Sale' })]);
		const last = mine(await sweepUnconfirmed(graph.db, { afterMinutes: 30 }, NOON + 93 * MINUTE));
		expect(last).toEqual([expect.objectContaining({ decision: 'blocked', code: 'fallback-exhausted', reason: 'every channel was tried: WhatsApp (no delivery confirmed), SMS (no delivery confirmed), e-mail (no delivery confirmed)' })]);
		expect(mine(await sweepUnconfirmed(graph.db, { afterMinutes: 30 }, NOON + 200 * MINUTE))).toEqual([]);
		expect((await policy.sendsOf(hugo.id, 'black-friday')).map((send) => send.outcome)).toEqual(['delivered']);
	});

	it('moves a delivered but unread message on when only a read receipt counts', async () => {
		const kiko = await customer({ language: 'pt' }, wroteOnWhatsApp(60));
		await policy.decide(kiko.id, campaignRequest('read-only'), NOON);
		await graph.resolve([inputFromEvent(outboundEvent(kiko.identities.slice(0, 1), { type: 'status', status: 'delivered', timestamp: new Date(NOON + MINUTE).toISOString() }))]);
		const swept = await sweepUnconfirmed(graph.db, { afterMinutes: 30, confirmation: 'read' }, NOON + 31 * MINUTE);
		expect(swept.fellBack.filter((step) => step.send.customerId === kiko.id).map((step) => step.decision)).toEqual([expect.objectContaining({ decision: 'send', channel: 'sms' })]);
	});

	it('forgets a customer’s sends with them, and merges them into the survivor', async () => {
		const ines = await customer({}, wroteOnWhatsApp(60));
		const joao = await customer();
		await policy.decide(ines.id, campaignRequest('black-friday'), NOON);
		await policy.decide(joao.id, campaignRequest('cyber-monday'), NOON);
		await graph.merge(ines.id, joao.id, 'same person');
		// One person now: two marketing messages today is over the cap of one.
		await expect(policy.decide(ines.id, campaignRequest('xmas'), NOON + MINUTE)).resolves.toMatchObject({ code: 'cap-reached' });
		const forgotten = await graph.forget(ines.id);
		expect(forgotten).toMatchObject({ engagement_sends: 2 });
		const rows = await graph.db.query('SELECT 1 FROM engagement_sends WHERE customer_id = ANY($1::uuid[])', [[ines.id, joao.id]]);
		expect(rows).toEqual([]);
	});

	it('stores a batch’s message once, and forgets a message with the last customer whose send carries it', async () => {
		const [lia, rui, eva] = [await customer(), await customer(), await customer()];
		const shared = campaignRequest('new-collection');
		// An expression can write a customer into their own copy of the message.
		const own = campaignRequest('new-collection', { rules: { defaultTimeZone: 'America/Sao_Paulo' } });
		own.message.versions[0].text = 'Eva, your size is back';
		const outcomes = await policy.decideMany(
			[
				{ customerId: lia.id, request: shared },
				{ customerId: rui.id, request: shared },
				{ customerId: eva.id, request: own },
			],
			NOON,
		);
		expect(outcomes.map((outcome) => 'decision' in outcome && outcome.decision.decision)).toEqual(['send', 'send', 'send']);
		const carried = async () =>
			(
				await graph.db.query<{ customer_id: string; text: string }>(
					`SELECT s.customer_id, m.content->'message'->'versions'->0->>'text' AS text FROM engagement_sends s JOIN engagement_messages m ON m.id = s.message_id
					 WHERE s.customer_id = ANY($1::uuid[]) ORDER BY s.customer_id`,
					[[lia.id, rui.id, eva.id]],
				)
			).map((row) => [row.customer_id, row.text]);
		const messages = async () => (await graph.db.query<{ text: string }>(`SELECT content->'message'->'versions'->0->>'text' AS text FROM engagement_messages WHERE content::text LIKE '%new-collection%' ORDER BY 1`)).map((row) => row.text);
		expect(await messages()).toEqual(['Eva, your size is back', shared.message.versions[0].text]);

		await graph.forget(eva.id);
		await graph.forget(lia.id);
		// Rui's send still carries the batch's message; Eva's own copy left with her.
		expect(await messages()).toEqual([shared.message.versions[0].text]);
		expect(await carried()).toEqual([[rui.id, shared.message.versions[0].text]]);
		await graph.forget(rui.id);
		expect(await messages()).toEqual([]);
	});
});
