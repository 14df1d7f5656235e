import { CustomerGraph, type Identity, type ResolveInput } from '../../core';
import { postgresUnavailable } from '../support/postgres';
import { useWorkerConnections } from '../support/stores';

const WORKERS = 8;
const PEOPLE = 2000;
const BATCH = 250;

function identitiesOf(person: number): Identity[] {
	return [
		{ kind: 'email', value: `person${person}@example.org` },
		{ kind: 'phone', value: `+55119${String(80000000 + person).padStart(8, '0')}` },
		{ kind: 'telegram', value: String(900000 + person) },
	];
}

/** Worker w sees every person, in its own order, through the pair of identifiers w mod 3: together the workers link all three. */
function streamOf(worker: number): ResolveInput[] {
	const order = Array.from({ length: PEOPLE }, (_, person) => person).sort((a, b) => ((a * 7919 + worker * 104729) % 1009) - ((b * 7919 + worker * 104729) % 1009));
	return order.map((person) => {
		const identities = identitiesOf(person);
		return { identities: [identities[worker % 3], identities[(worker + 1) % 3]] };
	});
}

(postgresUnavailable ? describe.skip : describe)('concurrent resolvers on the PostgreSQL server (n8n queue-mode workers)', () => {
	const workers = useWorkerConnections('omni_concurrency', WORKERS);

	it('never creates two customers for one person nor loses an identifier', async () => {
		await Promise.all(
			workers.map(async (db, worker) => {
				const graph = new CustomerGraph(db);
				const stream = streamOf(worker);
				for (let i = 0; i < stream.length; i += BATCH) {
					const outcomes = await graph.resolve(stream.slice(i, i + BATCH));
					expect(outcomes.every((outcome) => outcome.customerId && !outcome.error)).toBe(true);
				}
			}),
		);

		const rows = await workers[0].query<{ kind: string; value: string; customer_id: string; merged_into: string | null }>(
			'SELECT i.kind, i.value, i.customer_id, c.merged_into FROM identifiers i JOIN customers c ON c.id = i.customer_id',
		);
		expect(rows).toHaveLength(PEOPLE * 3);
		expect(rows.every((row) => row.merged_into === null)).toBe(true);
		const owner = new Map(rows.map((row) => [`${row.kind}:${row.value}`, row.customer_id]));
		const customers = new Set<string>();
		for (let person = 0; person < PEOPLE; person++) {
			const owners = new Set(identitiesOf(person).map((identity) => owner.get(`${identity.kind}:${identity.value}`)));
			expect(owners.size).toBe(1);
			customers.add([...owners][0]!);
		}
		expect(customers.size).toBe(PEOPLE);
		const [{ n }] = await workers[0].query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE merged_into IS NULL');
		expect(n).toBe(PEOPLE);
	});
});
