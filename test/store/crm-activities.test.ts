import { CustomerGraph, type Identity } from '../../core';
import { StoreActivityLedger } from '../../core/crm';
import { describeEachStore, useStore } from '../support/stores';

const email = (value: string): Identity => ({ kind: 'email', value });

// The CRM activity ledger (schema version 10): claimed once, released on failure, and per-customer
// data that follows its customer.
describeEachStore('the CRM activity ledger', (store) => {
	const { db } = useStore(store);

	it('gives a key to one claim of two at once, tells the second what the first created, and lets a released key be claimed again', async () => {
		const ledger = new StoreActivityLedger(db());
		const entry = { crm: 'hubspot' as const, contactId: '501', key: 'event:whatsapp:business:wamid.1' };
		const claims = await Promise.all([ledger.claim(entry), ledger.claim(entry)]);
		expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
		expect(claims.find((claim) => !claim.claimed)).toEqual({ claimed: false, record: undefined });

		await ledger.record(entry, { id: '7011', objectType: 'communication' });
		expect(await ledger.claim(entry)).toEqual({ claimed: false, record: { id: '7011', objectType: 'communication' } });
		// Recorded: a release (of a later failed attempt) leaves it.
		await ledger.release(entry);
		expect(await ledger.claim(entry)).toMatchObject({ claimed: false });

		const failing = { ...entry, key: 'event:whatsapp:business:wamid.2' };
		expect(await ledger.claim(failing)).toEqual({ claimed: true });
		await ledger.release(failing);
		expect(await ledger.claim(failing)).toEqual({ claimed: true });
	});

	it('takes over a claim abandoned for more than ten minutes', async () => {
		const ledger = new StoreActivityLedger(db());
		const entry = { crm: 'hubspot' as const, contactId: '502', key: 'event:sms:1' };
		await ledger.claim(entry);
		await db().query(`UPDATE crm_activities SET claimed_at = now() - interval '11 minutes' WHERE contact_id = '502'`);
		expect(await ledger.claim(entry)).toEqual({ claimed: true });
		expect(await ledger.claim(entry)).toEqual({ claimed: false, record: undefined });
	});

	it('follows its customer through merge and unmerge, goes on forget, and an erased contact is forgotten', async () => {
		const graph = new CustomerGraph(db());
		const [ana, bia] = await graph.resolve([{ identities: [email('ledger.ana@example.org')] }, { identities: [email('ledger.bia@example.org')] }]);
		const ledger = new StoreActivityLedger(db());
		await ledger.claim({ crm: 'hubspot', contactId: '601', key: 'a', customerId: ana.customerId });
		await ledger.claim({ crm: 'hubspot', contactId: '602', key: 'b', customerId: bia.customerId });
		const holders = async () => (await db().query<{ contact_id: string; customer_id: string }>("SELECT contact_id, customer_id FROM crm_activities WHERE contact_id IN ('601', '602') ORDER BY contact_id")).map((row) => row.customer_id);

		await graph.merge(ana.customerId!, bia.customerId!);
		expect(await holders()).toEqual([ana.customerId, ana.customerId]);
		await graph.unmerge(bia.customerId!);
		expect(await holders()).toEqual([ana.customerId, bia.customerId]);
		expect(await graph.forget(bia.customerId!)).toMatchObject({ crm_activities: 1 });
		expect(await holders()).toEqual([ana.customerId]);

		await ledger.forgetContact('hubspot', '601');
		expect(await holders()).toEqual([]);
	});
});
