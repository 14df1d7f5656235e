import { CustomerGraph, type Customer, type Database, type Identity } from '../../core';
import { customerTables } from '../../core/store/customer-tables';
import { migrate } from '../../core/store/migrations';
import { inboundMessage } from '../support/events';
import { dropSchema, uniqueSchema } from '../support/postgres';
import { describeEachStore, storeAtVersion, useStore } from '../support/stores';

const email = (value: string): Identity => ({ kind: 'email', value });

describeEachStore('merges within one batch', (store) => {
	const { db } = useStore(store);

	/** Z, A and B, oldest first, each with an event; then one batch merges B into A, and A into Z. */
	const mergeInChain = async (graph: CustomerGraph, name: string) => {
		const identities = ['z', 'a', 'b'].map((who) => email(`${name}.${who}@example.org`));
		const created: string[] = [];
		for (const identity of identities) {
			const [outcome] = await graph.resolve([{ identities: [identity], event: inboundMessage([identity], { channel: 'email', provider: 'smtp' }) }]);
			created.push(outcome.customerId!);
		}
		const before = new Map<string, Customer>();
		for (const id of created) before.set(id, (await graph.getCustomer(id, 10))!);
		const [first, second] = await graph.resolve([{ identities: [identities[1], identities[2]] }, { identities: [identities[1], identities[0]] }]);
		return { ids: { z: created[0], a: created[1], b: created[2] }, identities, before, first, second };
	};

	it('audits each merge with what it moved then: the second one moves the first one\'s rows too', async () => {
		const graph = new CustomerGraph(db());
		const { ids, identities, first, second } = await mergeInChain(graph, 'audit');
		expect(first).toMatchObject({ customerId: ids.a, merged: [ids.b] });
		expect(second).toMatchObject({ customerId: ids.z, merged: [ids.a] });
		const audit = async (source: string) => (await db().query<{ target_id: string; moved: Record<string, string[][]> }>('SELECT target_id, moved FROM merges WHERE source_id = $1', [source]))[0];
		const [ofB, ofA] = [await audit(ids.b), await audit(ids.a)];
		expect(ofB.target_id).toBe(ids.a);
		expect(ofB.moved.identifiers).toEqual([['email', identities[2].value]]);
		expect(ofB.moved.events).toHaveLength(1);
		// Every registered table is in the audit: those holding nothing of the merged customers, with nothing.
		expect(Object.keys(ofB.moved).sort()).toEqual(customerTables().map((table) => table.table).sort());
		expect(ofB.moved.consent_changes).toEqual([]);
		expect(ofA.target_id).toBe(ids.z);
		expect(ofA.moved.identifiers.sort()).toEqual([['email', identities[1].value], ['email', identities[2].value]]);
		expect(ofA.moved.events).toHaveLength(2);
		expect((await graph.getCustomer(ids.z, 10))!.identities).toHaveLength(3);
	});

	it.each([
		['the last merge first', ['a', 'b'] as const],
		['the first merge first', ['b', 'a'] as const],
	])('undoes both, %s: every customer is again as it was', async (_order, order) => {
		const graph = new CustomerGraph(db());
		const { ids, before } = await mergeInChain(graph, `undo-${order[0]}`);
		for (const who of order) await graph.unmerge(ids[who]);
		for (const [id, customer] of before) expect(await graph.getCustomer(id, 10)).toEqual(customer);
	});
});

describeEachStore('a merge audited before per-customer tables were registered', (store) => {
	const server = store.config().type === 'postgres';
	const schema = server ? uniqueSchema('omni_audit') : 'omnichannel';
	let db: Database;
	afterAll(async () => {
		await db?.close();
		if (server) await dropSchema(schema);
	});

	it('is undone after the upgrade', async () => {
		db = await storeAtVersion(4, server, schema);
		const [a, b] = ['018f0000-0000-7000-8000-00000000000a', '018f0000-0000-7000-8000-00000000000b'];
		// What the release before wrote: customers, their rows, and a merge by its function, which audited two tables.
		await db.exec(`
			INSERT INTO profiles (id, traits) VALUES ('${a}', '{"plan": "gold"}'), ('${b}', '{"city": "Natal"}');
			INSERT INTO identities (kind, value, profile_id) VALUES ('email', 'old.a@example.org', '${a}'), ('email', 'old.b@example.org', '${b}');
			INSERT INTO events (profile_id, channel, external_id, type, direction, occurred_at, body)
			  VALUES ('${b}', 'email', 'old-b-1', 'message', 'inbound', now(), '{"channel": "email", "externalId": "old-b-1"}');
			SELECT merge_profiles(ARRAY['${b}']::uuid[], ARRAY['${a}']::uuid[], ARRAY['manual'], ARRAY['{}']::jsonb[], ARRAY['{"plan": "gold"}']::jsonb[]);
			UPDATE profiles SET traits = '{"plan": "gold", "city": "Natal"}' WHERE id = '${a}';`);
		expect(await migrate(db, schema)).toContain(5);

		const graph = new CustomerGraph(db);
		await expect(graph.unmerge(b)).resolves.toEqual({ customerId: b, unmergedFrom: a });
		expect(await graph.getCustomer(a, 10)).toMatchObject({ identities: [email('old.a@example.org')], traits: { plan: 'gold' }, history: [] });
		expect(await graph.getCustomer(b, 10)).toMatchObject({ identities: [email('old.b@example.org')], traits: { city: 'Natal' }, history: [{ externalId: 'old-b-1' }] });
	});
});
