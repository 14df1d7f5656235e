import { MemoryDeliveryLedger } from '../../../core/channels/delivery-ledger';

describe('the in-memory delivery ledger', () => {
	it('gives each key once, across calls and within one call', async () => {
		const ledger = new MemoryDeliveryLedger(10);
		expect([...(await ledger.claim(['a', 'b', 'a']))]).toEqual(['a', 'b']);
		expect([...(await ledger.claim(['b', 'c']))]).toEqual(['c']);
	});

	it('forgets the oldest keys past its capacity, and only those', async () => {
		const ledger = new MemoryDeliveryLedger(3);
		await ledger.claim(['1', '2', '3', '4']);
		expect([...(await ledger.claim(['1', '2', '3', '4']))]).toEqual(['1']);
	});
});
