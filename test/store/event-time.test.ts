import { CustomerGraph } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

describeEachStore('event timestamps in the future', (store) => {
	const { db } = useStore(store);

	it("don't pin the customer's last-seen time nor the top of its history", async () => {
		const graph = new CustomerGraph(db());
		const identities = [{ kind: 'phone' as const, value: '+5511987653333' }];
		const before = Date.now();
		const [bogus] = await graph.resolve([{ identities, event: inboundMessage(identities, { externalId: 'far-future', timestamp: '9999-12-31T23:59:59Z' }) }]);
		expect(bogus.warnings).toEqual([expect.stringMatching(/^the event's timestamp 9999-12-31T23:59:59Z is more than a day after it was received: recorded at /)]);
		const later = new Date(Date.now() + 60_000).toISOString();
		await graph.resolve([{ identities, event: inboundMessage(identities, { externalId: 'next', timestamp: later }) }]);

		const customer = (await graph.getCustomer(bogus.customerId!, 5))!;
		expect(customer.history.map((entry) => entry.externalId)).toEqual(['next', 'far-future']);
		expect(Date.parse(customer.history[1].timestamp)).toBeGreaterThanOrEqual(before);
		expect(customer.channels).toEqual([{ channel: 'whatsapp', lastSeenAt: later }]);
	});
});
