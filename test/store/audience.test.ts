// An audience: live customers selected by traits, tags, channels, consent and last contact,
// paged by customer id without ever listing one twice or a merged customer at all.
import { CustomerGraph, inputFromEvent, openStore, type AudienceFilter, type ConsentChange } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

const email = (value: string) => ({ kind: 'email' as const, value });

describeEachStore('audience', (store) => {
	const { config } = useStore(store);
	let graph: CustomerGraph;
	const ids: Record<string, string> = {};

	/** A customer who wrote once on `channel` at `at`, with these traits. */
	async function customer(name: string, channel: 'whatsapp' | 'email' | 'telegram', at: string, traits: Record<string, unknown> = {}) {
		const [outcome] = await graph.resolve([inputFromEvent(inboundMessage([email(`${name}@audience.example`)], { channel, timestamp: at, text: 'hi' }))]);
		ids[name] = outcome.customerId!;
		if (Object.keys(traits).length) await graph.updateTraits(ids[name], traits);
		return ids[name];
	}
	const consent = (name: string, change: Partial<ConsentChange>) =>
		graph.changeConsent(ids[name], { channel: 'whatsapp', purpose: 'marketing', state: 'unsubscribed', source: 'operation', evidence: 'test', changedAt: '2026-11-01T00:00:00.000Z', ...change });
	const names = async (filter: AudienceFilter) => {
		const page = await graph.listAudience(filter, { limit: 1000 });
		const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
		return page.customers.map((member) => byId[member.id]).filter(Boolean).sort();
	};

	beforeAll(async () => {
		graph = new CustomerGraph(await openStore(config()));
		await customer('ana', 'whatsapp', '2026-10-30T10:00:00.000Z', { plan: 'gold', tags: ['VIP', 'newsletter'], age: 30 });
		await customer('bruno', 'email', '2026-09-01T10:00:00.000Z', { plan: 'silver', tags: 'vip, late-payer' });
		await customer('carla', 'telegram', '2026-11-01T10:00:00.000Z', { plan: 'gold', coupon: null });
		await customer('duda', 'whatsapp', '2026-08-01T10:00:00.000Z', {});
		// Ana said STOP on WhatsApp for marketing, then START for everything: subscribed again.
		await consent('ana', { state: 'unsubscribed', changedAt: '2026-10-01T00:00:00.000Z' });
		await consent('ana', { purpose: 'all', state: 'subscribed', changedAt: '2026-10-02T00:00:00.000Z' });
		// Duda stopped everything on WhatsApp; Bruno opted in to marketing there.
		await consent('duda', { purpose: 'all', state: 'unsubscribed' });
		await consent('bruno', { state: 'subscribed' });
		// Carla opted out of transactional messages on Telegram only.
		await consent('carla', { channel: 'telegram', purpose: 'transactional', state: 'unsubscribed' });
	});

	it('selects by a trait equal to a value (compared as text) and by traits that are set', async () => {
		expect(await names({ traitEquals: [{ name: 'plan', value: 'gold' }] })).toEqual(['ana', 'carla']);
		expect(await names({ traitEquals: [{ name: 'age', value: '30' }] })).toEqual(['ana']);
		expect(await names({ traitExists: ['tags'] })).toEqual(['ana', 'bruno']);
		expect(await names({ traitExists: ['coupon'] })).toEqual([]);
	});

	it('selects by tags from a list or a comma-separated trait, all or any of them, ignoring case', async () => {
		expect(await names({ tags: { values: ['vip'], match: 'all' } })).toEqual(['ana', 'bruno']);
		expect(await names({ tags: { values: ['vip', 'newsletter'], match: 'all' } })).toEqual(['ana']);
		expect(await names({ tags: { values: ['Late-Payer', 'newsletter'], match: 'any' } })).toEqual(['ana', 'bruno']);
	});

	it('selects by the channels a customer was seen on', async () => {
		expect(await names({ channels: ['telegram', 'email'] })).toEqual(['bruno', 'carla']);
	});

	it('selects by consent now: the latest change covering the purpose wins, a channel-wide "all" counting', async () => {
		const subscribed: AudienceFilter = { consent: [{ channel: 'whatsapp', purpose: 'marketing', rule: 'subscribed' }] };
		expect(await names(subscribed)).toEqual(['ana', 'bruno']);
		const notUnsubscribed: AudienceFilter = { consent: [{ channel: 'whatsapp', purpose: 'marketing', rule: 'notUnsubscribed' }] };
		expect(await names(notUnsubscribed)).toEqual(['ana', 'bruno', 'carla']);
		expect(await names({ consent: [{ channel: 'whatsapp', purpose: 'transactional', rule: 'notUnsubscribed' }] })).toEqual(['ana', 'bruno', 'carla']);
		expect(await names({ consent: [{ channel: 'telegram', purpose: 'transactional', rule: 'notUnsubscribed' }] })).toEqual(['ana', 'bruno', 'duda']);
	});

	it('selects by last contact before, after and within a window, never-contacted customers matching none', async () => {
		expect(await names({ lastContact: { after: '2026-10-15T00:00:00.000Z' } })).toEqual(['ana', 'carla']);
		expect(await names({ lastContact: { before: '2026-10-01T00:00:00.000Z' } })).toEqual(['bruno', 'duda']);
		expect(await names({ lastContact: { after: '2026-09-01T00:00:00.000Z', before: '2026-10-31T00:00:00.000Z' } })).toEqual(['ana', 'bruno']);
		expect(await names({ lastContact: { after: '2026-01-01T00:00:00.000Z', direction: 'outbound' } })).toEqual([]);
		const [member] = (await graph.listAudience({ traitEquals: [{ name: 'plan', value: 'silver' }] }, { limit: 10 })).customers;
		expect(member).toMatchObject({ id: ids.bruno, lastContactAt: '2026-09-01T10:00:00.000Z', identities: [email('bruno@audience.example')], traits: { plan: 'silver' } });
	});

	it('combines conditions', async () => {
		expect(await names({ traitEquals: [{ name: 'plan', value: 'gold' }], consent: [{ channel: 'whatsapp', purpose: 'marketing', rule: 'subscribed' }], channels: ['whatsapp'] })).toEqual(['ana']);
	});

	it('pages oldest first by cursor, each customer once, and never lists a merged customer', async () => {
		const group: string[] = [];
		for (let n = 0; n < 7; n++) group.push(await customer(`paged${n}`, 'email', '2026-11-01T00:00:00.000Z', { cohort: 'paging' }));
		// paged6 is merged into paged5: only paged5 remains.
		await graph.merge(ids.paged5, ids.paged6);
		const seen: string[] = [];
		let after: string | undefined;
		let pages = 0;
		do {
			const page = await graph.listAudience({ traitEquals: [{ name: 'cohort', value: 'paging' }] }, { limit: 2, after });
			seen.push(...page.customers.map((member) => member.id));
			after = page.next;
			pages++;
		} while (after);
		expect(seen).toEqual(group.slice(0, 6));
		expect(pages).toBe(3);
	});

	it('refuses a cursor or a date it cannot read, in words', async () => {
		await expect(graph.listAudience({}, { limit: 10, after: 'page-2' })).rejects.toThrow('"page-2" is not a cursor of this audience');
		await expect(graph.listAudience({ lastContact: { after: 'last tuesday' } }, { limit: 10 })).rejects.toThrow('"last tuesday" is not a date of last contact');
	});
});
