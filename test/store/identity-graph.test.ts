import { CustomerGraph, CustomerOperationError, protectionRules, type Identity } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

const email = (value: string): Identity => ({ kind: 'email', value });
const phone = (value: string): Identity => ({ kind: 'phone', value });

describeEachStore('identity graph', (store) => {
	const { db } = useStore(store);
	let graph: CustomerGraph;
	beforeAll(() => {
		graph = new CustomerGraph(db());
	});

	it('creates a customer for new identifiers, and attaches new identifiers of a known one', async () => {
		const [first] = await graph.resolve([{ identities: [email('bia@example.org')], name: 'Bia' }]);
		expect(first).toMatchObject({ created: true, merged: [], attached: [email('bia@example.org')] });
		const [second] = await graph.resolve([{ identities: [email('BIA@example.org'), { kind: 'whatsapp', value: '551187650001' }] }]);
		expect(second).toMatchObject({ customerId: first.customerId, created: false, attached: [phone('+5511987650001')] });
		const customer = await graph.getCustomer(first.customerId!, 10);
		expect(customer?.identities).toEqual([email('bia@example.org'), phone('+5511987650001')]);
		expect(customer?.traits).toEqual({ name: 'Bia' });
	});

	it('knows one person across channels: Instagram, then WhatsApp, then a call, one customer and one history', async () => {
		const instagram = { kind: 'instagram' as const, value: '17841400000000001:9001' };
		const igMessage = inboundMessage([instagram], { channel: 'instagram', from: { identities: [instagram], name: 'Carla' } });
		const waMessage = inboundMessage([phone('+5511987650002')], { channel: 'whatsapp' });
		// A lead form links the Instagram account to the phone.
		const link = { identities: [instagram, { kind: 'phone', value: '(11) 98765-0002', country: 'BR' }] };
		const call = inboundMessage([phone('+5511987650002')], { channel: 'voice', type: 'call', provider: 'twilio' });
		const outcomes = await graph.resolve([{ identities: [instagram], name: 'Carla', event: igMessage }, { identities: [phone('+5511987650002')], event: waMessage }, link, { identities: [phone('+5511987650002')], event: call }]);
		expect(outcomes[0].created && outcomes[1].created).toBe(true);
		expect(outcomes[2]).toMatchObject({ customerId: outcomes[0].customerId, merged: [outcomes[1].customerId] });
		expect(outcomes[3].customerId).toBe(outcomes[0].customerId);
		const customer = (await graph.getCustomer(outcomes[0].customerId!, 10))!;
		expect(customer.history.map((entry) => entry.channel).sort()).toEqual(['instagram', 'voice', 'whatsapp']);
		expect(customer.channels.map((entry) => entry.channel).sort()).toEqual(['instagram', 'voice', 'whatsapp']);
		expect(customer.mergedFrom).toEqual([outcomes[1].customerId]);
		// The merged-away id still finds the customer.
		expect(await graph.findCustomerId({ id: outcomes[1].customerId! })).toBe(outcomes[0].customerId);
	});

	it('merges into the oldest customer, whatever order the identifiers come in', async () => {
		const [older] = await graph.resolve([{ identities: [email('old@example.org')], traits: { plan: 'gold' } }]);
		const [newer] = await graph.resolve([{ identities: [phone('+5511987650003')], traits: { plan: 'trial', city: 'Recife' } }]);
		const [link] = await graph.resolve([{ identities: [phone('+5511987650003'), email('old@example.org')] }]);
		expect(link).toMatchObject({ customerId: older.customerId, merged: [newer.customerId], created: false });
		expect((await graph.getCustomer(older.customerId!, 0))!.traits).toEqual({ plan: 'gold', city: 'Recife' });
	});

	it('matches the same WhatsApp sender however its number is written', async () => {
		const outcomes = await graph.resolve([
			{ identities: [{ kind: 'whatsapp', value: '5215512340004' }] },
			{ identities: [{ kind: 'phone', value: '55 1234 0004', country: 'MX' }] },
			{ identities: [{ kind: 'phone', value: '+52 1 55 1234 0004' }] },
		]);
		expect(new Set(outcomes.map((outcome) => outcome.customerId)).size).toBe(1);
	});

	it('never matches two people on a placeholder e-mail', async () => {
		const outcomes = await graph.resolve([
			{ identities: [email('test@test.com'), phone('+5511987650005')] },
			{ identities: [email('test@test.com'), phone('+5511987650006')] },
		]);
		expect(outcomes[0].customerId).not.toBe(outcomes[1].customerId);
		expect(outcomes[1].warnings[0]).toContain('placeholder');
	});

	it('refuses a merge that would give a customer two CRM records, and says why', async () => {
		const [a] = await graph.resolve([{ identities: [{ kind: 'hubspot', value: '7001' }, email('dup1@example.org')] }]);
		const [b] = await graph.resolve([{ identities: [{ kind: 'hubspot', value: '7002' }, phone('+5511987650007')] }]);
		const [link] = await graph.resolve([{ identities: [email('dup1@example.org'), phone('+5511987650007')] }]);
		expect(link.customerId).toBe(a.customerId);
		expect(link.merged).toEqual([]);
		expect(link.warnings[0]).toContain(`not merged with customer ${b.customerId}`);
		expect(link.warnings[0]).toContain('hubspot');
		expect(await graph.findCustomerId({ identifier: phone('+5511987650007') })).toBe(b.customerId);
	});

	it('limits identifiers per kind per customer', async () => {
		const limited = new CustomerGraph(db(), protectionRules({ maxPerKind: { email: 2 } }));
		const [outcome] = await limited.resolve([{ identities: [email('l1@example.org'), email('l2@example.org'), email('l3@example.org')] }]);
		expect(outcome.attached).toHaveLength(2);
		expect(outcome.warnings[0]).toContain('limit 2');
	});

	it('holds to the limits for customers reached through earlier inputs of the same batch', async () => {
		const limited = new CustomerGraph(db(), protectionRules({ maxPerKind: { email: 2 } }));
		const [p] = await limited.resolve([{ identities: [email('p1@example.org')] }]);
		const [r] = await limited.resolve([{ identities: [phone('+5511987650031')] }]);
		const [q] = await limited.resolve([{ identities: [email('q1@example.org'), email('q2@example.org')] }]);
		const [merge, grow, tooMany] = await limited.resolve([
			{ identities: [email('p1@example.org'), phone('+5511987650031')] },
			// Reaches the first customer through the phone merged in just before: one more e-mail fits.
			{ identities: [phone('+5511987650031'), email('p3@example.org'), email('p4@example.org')] },
			// Together with the third customer it would hold four e-mails.
			{ identities: [phone('+5511987650031'), email('q1@example.org')] },
		]);
		expect(merge).toMatchObject({ customerId: p.customerId, merged: [r.customerId] });
		expect(grow).toMatchObject({ customerId: p.customerId, attached: [email('p3@example.org')] });
		expect(grow.warnings).toEqual([expect.stringContaining('p4@example.org not added')]);
		expect(tooMany).toMatchObject({ customerId: q.customerId, merged: [] });
		expect(tooMany.warnings).toEqual([expect.stringContaining('not merged with customer')]);
	});

	it('reports an input with no usable identifier as an error and resolves the rest of the batch', async () => {
		const outcomes = await graph.resolve([{ identities: [email('n/a')] }, { identities: [email('ok@example.org')] }]);
		expect(outcomes[0].error).toContain('no usable identifier');
		expect(outcomes[0].customerId).toBeUndefined();
		expect(outcomes[1].created).toBe(true);
	});

	it('records a redelivered event once', async () => {
		const event = inboundMessage([phone('+5511987650008')]);
		const [first] = await graph.resolve([{ identities: [phone('+5511987650008')], event }]);
		const [again, inSameBatch] = await graph.resolve([
			{ identities: [phone('+5511987650008')], event },
			{ identities: [phone('+5511987650008')], event },
		]);
		expect(first.duplicate).toBeUndefined();
		expect(again).toMatchObject({ customerId: first.customerId, duplicate: true });
		expect(inSameBatch.duplicate).toBe(true);
		expect((await graph.getCustomer(first.customerId!, 10))!.history).toHaveLength(1);
	});

	it('unmerges: both customers are again as they were', async () => {
		const [ana] = await graph.resolve([{ identities: [email('ana.u@example.org')], traits: { tier: 'vip' }, event: inboundMessage([email('ana.u@example.org')], { channel: 'email', provider: 'postmark' }) }]);
		const [other] = await graph.resolve([{ identities: [phone('+5511987650009')], traits: { city: 'Natal' }, event: inboundMessage([phone('+5511987650009')]) }]);
		const before = { ana: await graph.getCustomer(ana.customerId!, 10), other: await graph.getCustomer(other.customerId!, 10) };
		const [wrongLink] = await graph.resolve([{ identities: [email('ana.u@example.org'), phone('+5511987650009')] }]);
		expect(wrongLink.merged).toEqual([other.customerId]);

		await expect(graph.unmerge(other.customerId!)).resolves.toEqual({ customerId: other.customerId, unmergedFrom: ana.customerId });
		expect(await graph.getCustomer(ana.customerId!, 10)).toEqual(before.ana);
		expect(await graph.getCustomer(other.customerId!, 10)).toEqual(before.other);
		await expect(graph.unmerge(other.customerId!)).rejects.toThrow(CustomerOperationError);
	});

	it('forgets a customer and everyone merged into it; a redelivered old event brings nothing back', async () => {
		const event = inboundMessage([phone('+5511987650010')]);
		const [kept] = await graph.resolve([{ identities: [email('keep@example.org')] }]);
		const [first] = await graph.resolve([{ identities: [phone('+5511987650010')], name: 'Dora', event }]);
		const [second] = await graph.resolve([{ identities: [email('dora@example.org')] }]);
		await graph.resolve([{ identities: [email('dora@example.org'), phone('+5511987650010')] }]);
		const statsBefore = await graph.stats();

		await expect(graph.forget(second.customerId!)).resolves.toEqual({
			customerId: first.customerId,
			customers: 2,
			identities: 2,
			events: 1,
			conversations: 0,
			shared_identifiers: 0,
			crm_activities: 0,
			consent_changes: 0,
			engagement_sends: 0,
			// The embedded store compacts its tables; a server is left to `n8n-omnichannel vacuum`.
			compacted: db().compactsAfterErasure,
		});
		expect(await graph.findCustomerId({ id: first.customerId! })).toBeUndefined();
		expect(await graph.findCustomerId({ identifier: email('dora@example.org') })).toBeUndefined();
		const [redelivered] = await graph.resolve([{ identities: [phone('+5511987650010')], event }]);
		expect(redelivered.forgotten).toBe(true);
		expect(redelivered.customerId).toBeUndefined();
		expect(await graph.findCustomerId({ identifier: phone('+5511987650010') })).toBeUndefined();
		const rows = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE traits::text LIKE '%Dora%'`);
		expect(rows[0].n).toBe(0);
		const statsAfter = await graph.stats();
		expect(statsAfter.customers).toBe(statsBefore.customers - 1);
		expect(statsAfter.forgottenEvents).toBe(statsBefore.forgottenEvents + 1);
		expect(await graph.findCustomerId({ id: kept.customerId! })).toBe(kept.customerId);
	});

	it('adds identities, merges by hand and updates traits, with clear refusals', async () => {
		const [a] = await graph.resolve([{ identities: [email('hand.a@example.org')] }]);
		const [b] = await graph.resolve([{ identities: [email('hand.b@example.org')], traits: { lang: 'pt' } }]);
		await expect(graph.addIdentifier(a.customerId!, { kind: 'telegram', value: '4242' })).resolves.toEqual({ customerId: a.customerId, added: true });
		await expect(graph.addIdentifier(a.customerId!, { kind: 'email', value: 'hand.b@example.org' })).rejects.toThrow(/belongs to customer .*Merge Customers/);
		await expect(graph.addIdentifier(a.customerId!, { kind: 'email', value: 'test@test.com' })).rejects.toThrow(/placeholder/);
		await expect(graph.addIdentifier('00000000-0000-4000-8000-000000000000', { kind: 'email', value: 'x@example.org' })).rejects.toThrow(/No customer/);

		await expect(graph.merge(a.customerId!, b.customerId!, 'same person, confirmed by phone')).resolves.toEqual({ customerId: a.customerId, merged: [b.customerId] });
		await expect(graph.merge(a.customerId!, b.customerId!)).rejects.toThrow(/already the same customer/);
		await expect(graph.updateTraits(b.customerId!, { lang: null, vip: true })).resolves.toEqual({ customerId: a.customerId, traits: { vip: true } });
		const audit = await db().query<{ reason: string; evidence: unknown }>('SELECT reason, evidence FROM merges WHERE source_id = $1', [b.customerId]);
		expect(audit).toEqual([{ reason: 'manual', evidence: { note: 'same person, confirmed by phone' } }]);
	});

	it('audits automatic merges with the identifiers that were the evidence', async () => {
		const [a] = await graph.resolve([{ identities: [email('ev@example.org')] }]);
		const [b] = await graph.resolve([{ identities: [phone('+5511987650011')] }]);
		const event = inboundMessage([email('ev@example.org'), phone('+5511987650011')], { channel: 'email', provider: 'smtp' });
		await graph.resolve([{ identities: event.from.identities, event }]);
		const audit = await db().query<{ target_id: string; evidence: unknown }>('SELECT target_id, evidence FROM merges WHERE source_id = $1', [b.customerId]);
		expect(audit).toEqual([
			{ target_id: a.customerId, evidence: { identities: [email('ev@example.org'), phone('+5511987650011')], event: { channel: 'email', account: 'business', externalId: event.externalId } } },
		]);
	});
});
