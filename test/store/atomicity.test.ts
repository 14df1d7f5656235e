import { CustomerGraph } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

describeEachStore('a batch that fails half-way', (store) => {
	const { db } = useStore(store);

	it('leaves nothing written, and keeps what was stored before', async () => {
		const graph = new CustomerGraph(db());
		const [known] = await graph.resolve([{ identities: [{ kind: 'email', value: 'known@example.org' }] }]);
		// The server refuses one event of the batch, after the customers and identifiers were written.
		await db().exec(`
			CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF NEW.body->>'externalId' = 'boom' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$;
			CREATE TRIGGER refuse_boom BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_boom();`);
		const count = async () =>
			(await db().query<{ n: string }>(`SELECT (SELECT count(*) FROM customers) || '/' || (SELECT count(*) FROM identifiers) || '/' || (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM merges) AS n`))[0].n;
		const before = await count();

		const batch = [
			{ identities: [{ kind: 'email', value: 'new1@example.org' }], event: inboundMessage([{ kind: 'email', value: 'new1@example.org' }]) },
			{ identities: [{ kind: 'email', value: 'known@example.org' }, { kind: 'phone', value: '+5511987651111' }] },
			{ identities: [{ kind: 'phone', value: '+5511987652222' }], event: inboundMessage([{ kind: 'phone', value: '+5511987652222' }], { externalId: 'boom' }) },
		];
		await expect(graph.resolve(batch)).rejects.toThrow('disk full (simulated)');

		expect(await count()).toBe(before);
		expect(await graph.findCustomerId({ identifier: { kind: 'email', value: 'new1@example.org' } })).toBeUndefined();
		expect((await graph.getCustomer(known.customerId!, 5))!.identities).toEqual([{ kind: 'email', value: 'known@example.org' }]);
	});
});

describeEachStore('input with NUL characters (broken exports)', (store) => {
	const { db } = useStore(store);

	it('is stored without them instead of failing the batch', async () => {
		const graph = new CustomerGraph(db());
		const event = inboundMessage([{ kind: 'email', value: 'nul@example.org' }], { account: 'in\u0000box', externalId: 'id\u0000x', text: 'hi\u0000there' });
		const [outcome, other] = await graph.resolve([
			{ identities: [{ kind: 'email', value: 'nul@exam\u0000ple.org' }], name: 'Ana\u0000', traits: { note: 'a\u0000b' }, event },
			{ identities: [{ kind: 'email', value: 'fine@example.org' }] },
		]);
		expect(other.created).toBe(true);
		const customer = (await graph.getCustomer(outcome.customerId!, 5))!;
		expect(customer.identities).toEqual([{ kind: 'email', value: 'nul@example.org' }]);
		expect(customer.traits).toEqual({ name: 'Ana', note: 'ab' });
		expect(customer.history[0]).toMatchObject({ account: 'inbox', externalId: 'idx', text: 'hithere' });
	});
});
