import { CustomerGraph, type CustomerSummary } from '../../core';
import { describeEachStore, useStore } from '../support/stores';

describeEachStore('searching customers by part of an identifier or name', (store) => {
	const { db } = useStore(store);
	let graph: CustomerGraph;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		graph = new CustomerGraph(db());
		const people = {
			ana: { identities: [{ kind: 'email', value: 'ana.souza@example.org' }, { kind: 'phone', value: '+5511987654321' }], name: 'Ana Souza' },
			bruno: { identities: [{ kind: 'telegram', value: '424242' }, { kind: 'whatsapp', value: '5215512345678' }], name: 'Bruno Díaz' },
			carla: { identities: [{ kind: 'email', value: 'carla@example.org' }], name: 'Carla Lima' },
			duplicate: { identities: [{ kind: 'email', value: 'carla.duplicate@example.org' }], name: 'Carla Duplicada' },
			gone: { identities: [{ kind: 'email', value: 'gone.ana@example.org' }], name: 'Ana Gone' },
		};
		// One at a time: each is newer than the one before.
		for (const [who, input] of Object.entries(people)) ids[who] = (await graph.resolve([input]))[0].customerId!;
		await graph.merge(ids.carla, ids.duplicate);
		await graph.forget(ids.gone);
	});

	const found = async (text: string, limit = 50) => (await graph.searchCustomers(text, { limit })).customers.map((customer) => customer.id);

	it('finds a customer by part of an e-mail or of the name, ignoring case, never a forgotten one', async () => {
		expect(await found('ANA')).toEqual([ids.ana]);
		expect(await found('souza')).toEqual([ids.ana]);
		expect(await found('díaz')).toEqual([ids.bruno]);
		expect(await found('nobody')).toEqual([]);
	});

	it('finds a phone however it is typed: with spaces, dashes, brackets, without + or with a trunk 0', async () => {
		for (const typed of ['+55 11 98765-4321', '5511987654321', '(11) 98765-4321', '98765 4321', '011 98765-4321']) {
			expect({ typed, found: await found(typed) }).toEqual({ typed, found: [ids.ana] });
		}
		// The WhatsApp id is stored as the phone it stands for; a Telegram id is digits too.
		expect(await found('52 55 1234 5678')).toEqual([ids.bruno]);
		expect(await found('4242')).toEqual([ids.bruno]);
	});

	it('finds a merged customer by the identifiers merged into it, never the customer merged away', async () => {
		expect(await found('carla.duplicate')).toEqual([ids.carla]);
		// The name of the customer to keep wins the merge: the other name is not hers.
		expect(await found('Duplicada')).toEqual([]);
		expect(await found('')).not.toContain(ids.duplicate);
	});

	it('takes what is typed literally: % and _ are not wildcards', async () => {
		expect(await found('%')).toEqual([]);
		expect(await found('a_a')).toEqual([]);
	});

	it('shows each customer with its name, identifiers and merges', async () => {
		const [carla] = (await graph.searchCustomers('carla', { limit: 5 })).customers;
		expect(carla).toEqual<CustomerSummary>({
			id: ids.carla,
			name: 'Carla Lima',
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			identities: [
				{ kind: 'email', value: 'carla@example.org' },
				{ kind: 'email', value: 'carla.duplicate@example.org' },
			],
			mergedFrom: [ids.duplicate],
		});
		const [ana] = (await graph.searchCustomers('ana', { limit: 5 })).customers;
		expect(ana.name).toBe('Ana Souza');
	});

	it('lists every live customer newest first, a page at a time, each once', async () => {
		const first = await graph.searchCustomers('', { limit: 2 });
		expect(first.customers.map((customer) => customer.id)).toEqual([ids.carla, ids.bruno]);
		expect(first.next).toBe(ids.bruno);
		const second = await graph.searchCustomers('', { limit: 2, after: first.next });
		expect(second.customers.map((customer) => customer.id)).toEqual([ids.ana]);
		expect(second.next).toBeUndefined();
	});

	it('lists only customers with a merge to undo when asked', async () => {
		expect((await graph.searchCustomers('', { limit: 10, withMerges: true })).customers.map((customer) => customer.id)).toEqual([ids.carla]);
	});

	it('refuses a page cursor that is not a customer id, rather than failing in the store', async () => {
		await expect(graph.searchCustomers('', { limit: 2, after: 'page-2' })).rejects.toThrow('"page-2" is not where a page of customers starts');
	});
});
