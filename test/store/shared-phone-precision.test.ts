import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomerGraph, protectionRules, type ResolveInput } from '../../core';
import { describeEachStore, useStore } from '../support/stores';

interface LabeledRecord extends ResolveInput {
	person: string;
}

const { records } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'identity', 'look-alikes.json'), 'utf8')) as { records: LabeledRecord[] };

/**
 * Pairwise precision and recall of the customers the records end in: of the pairs put in one
 * customer, how many are one person; of the pairs that are one person, how many are in one customer.
 */
function pairScores(labels: string[], customers: string[]) {
	let together = 0;
	let right = 0;
	let same = 0;
	for (let i = 0; i < labels.length; i++) {
		for (let j = i + 1; j < labels.length; j++) {
			const samePerson = labels[i] === labels[j];
			const sameCustomer = customers[i] === customers[j];
			if (sameCustomer) together++;
			if (sameCustomer && samePerson) right++;
			if (samePerson) same++;
		}
	}
	return { precision: right / together, recall: right / same };
}

describeEachStore('the labeled look-alikes', (store) => {
	const { db } = useStore(store);

	/** Resolves the records one at a time, as they would arrive, with the rule on or off; the customer each ends in today. */
	const resolveAll = async (shared: boolean) => {
		const graph = new CustomerGraph(db(), protectionRules({ shared: { enabled: shared } }));
		const ids: string[] = [];
		for (const { person: _person, ...input } of records) ids.push((await graph.resolve([input], 'BR'))[0].customerId!);
		return await Promise.all(ids.map(async (id) => (await graph.findCustomerId({ id })) ?? id));
	};

	it('merges only one person\'s records with the shared phone rule, where a deterministic graph merges households', async () => {
		const labels = records.map((record) => record.person);
		// Each run gets its own store rows: the two runs share no identifier, since the second starts after the first is erased.
		const before = pairScores(labels, await resolveAll(false));
		await db().exec('TRUNCATE customers, identifiers, shared_identifiers, events, merges, conversations CASCADE');
		const after = pairScores(labels, await resolveAll(true));
		expect(before.precision).toBeLessThan(0.7);
		expect(after).toEqual({ precision: 1, recall: 1 });
	});
});
