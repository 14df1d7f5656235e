// A batch of decisions (the items of one node run) in one transaction: each item decided as if
// one after the other, so two messages to one customer in a batch respect the caps and a message
// is claimed once; an unknown customer fails only its own item, or, when asked, the whole batch
// with nothing claimed; merged ids lead to the survivor.
import { CustomerGraph, EngagementPolicy, inputFromEvent, openStore, UnknownCustomerError, type EngagementOutcome, type Identity } from '../../core';
import { campaignRequest } from '../support/engagement';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

// 12:00 in São Paulo, where Brazilian phone numbers put customers.
const NOON = Date.parse('2026-11-20T15:00:00Z');
const NOBODY = '01932f6e-8d4a-7b7e-9c1a-2f5e7d9b0a11';

const summary = (outcome: EngagementOutcome) => ('error' in outcome ? outcome.error.message : outcome.decision.decision === 'blocked' ? outcome.decision.code : outcome.decision.decision);

describeEachStore('engagement decisions in batches', (store) => {
	const { config } = useStore(store);
	let graph: CustomerGraph;
	let policy: EngagementPolicy;
	let people = 0;
	beforeAll(async () => {
		graph = new CustomerGraph(await openStore(config()));
		policy = new EngagementPolicy(graph.db);
	});

	/** A customer with a Brazilian phone who wrote on WhatsApp an hour ago. */
	async function customer() {
		const n = ++people;
		const identities: Identity[] = [{ kind: 'phone', value: `+55119${String(80000000 + n)}` }];
		const [outcome] = await graph.resolve([inputFromEvent(inboundMessage(identities, { timestamp: new Date(NOON - 3_600_000).toISOString() }))]);
		return outcome.customerId!;
	}
	const sendsOf = async (ids: string[]) =>
		(await graph.db.query<{ customer_id: string; message_key: string }>('SELECT customer_id, message_key FROM engagement_sends WHERE customer_id = ANY($1::uuid[]) ORDER BY decided_at, id', [ids])).map(
			(row) => `${ids.indexOf(row.customer_id)}:${row.message_key}`,
		);

	it('decides each item in order: a second campaign to one customer is over the cap, the same message twice is claimed once', async () => {
		const [ana, bia] = [await customer(), await customer()];
		const outcomes = await policy.decideMany(
			[
				{ customerId: ana, request: campaignRequest('black-friday') },
				{ customerId: bia, request: campaignRequest('black-friday') },
				{ customerId: ana, request: campaignRequest('cyber-monday') },
				{ customerId: bia, request: campaignRequest('black-friday') },
				{ customerId: ana, request: campaignRequest('order-shipped', { purpose: 'transactional' }) },
			],
			NOON,
		);
		expect(outcomes.map(summary)).toEqual(['send', 'send', 'cap-reached', 'already-sent', 'send']);
		expect(await sendsOf([ana, bia])).toEqual(['0:black-friday', '1:black-friday', '0:order-shipped']);
		// What one decision claims, the batch's next decisions and later ones both see.
		await expect(policy.decide(bia, campaignRequest('xmas'), NOON + 60_000)).resolves.toMatchObject({ code: 'cap-reached' });
	});

	it('fails only the item whose customer is unknown, or with failOnUnknownCustomer the whole batch, claiming nothing', async () => {
		const caio = await customer();
		const outcomes = await policy.decideMany(
			[
				{ customerId: NOBODY, request: campaignRequest('spring') },
				{ customerId: ` ${caio} `, request: campaignRequest('spring') },
			],
			NOON,
		);
		expect(outcomes.map(summary)).toEqual([`No customer with id "${NOBODY}": it may have been forgotten, or the id is mistyped`, 'send']);
		const dani = await customer();
		const failing = policy.decideMany(
			[
				{ customerId: dani, request: campaignRequest('summer') },
				{ customerId: 'not-an-id', request: campaignRequest('summer') },
			],
			NOON,
			{ failOnUnknownCustomer: true },
		);
		await expect(failing).rejects.toThrow(UnknownCustomerError);
		await expect(failing).rejects.toMatchObject({ customerId: 'not-an-id' });
		expect(await sendsOf([dani])).toEqual([]);
	});

	it('decides for the survivor of a merge, once for both ids of one person', async () => {
		const [eva, eva2] = [await customer(), await customer()];
		await graph.merge(eva, eva2, 'same person');
		const outcomes = await policy.decideMany(
			[
				{ customerId: eva2, request: campaignRequest('autumn') },
				{ customerId: eva, request: campaignRequest('autumn') },
			],
			NOON,
		);
		expect(outcomes.map(summary)).toEqual(['send', 'already-sent']);
		const survivor = (outcomes[0] as { decision: { customerId: string } }).decision.customerId;
		expect([eva, eva2]).toContain(survivor);
		expect(outcomes.map((outcome) => ('decision' in outcome ? outcome.decision.customerId : undefined))).toEqual([survivor, survivor]);
	});
});
