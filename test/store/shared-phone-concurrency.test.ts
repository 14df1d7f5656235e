import { CustomerGraph, type Identity } from '../../core';
import { postgresUnavailable } from '../support/postgres';
import { useWorkerConnections } from '../support/stores';

const FAMILIES = 40;
const familyPhone = (family: number): Identity => ({ kind: 'phone', value: `+552198${String(7000000 + family).padStart(7, '0')}` });

(postgresUnavailable ? describe.skip : describe)('a mother and her son resolved at once by two workers (PostgreSQL)', () => {
	const workers = useWorkerConnections('omni_shared_race', 2);

	it('ends with two customers and one shared phone per family, whoever comes first', async () => {
		// Worker 0 registers the mothers, worker 1 the sons, family by family, both at once.
		const person = (family: number, who: 'maria' | 'joao') => ({ identities: [{ kind: 'email', value: `${who}.${family}@example.org` }, familyPhone(family)], name: who === 'maria' ? 'Maria Souza' : 'João Souza' });
		await Promise.all(
			workers.map(async (db, worker) => {
				const graph = new CustomerGraph(db);
				for (let family = 0; family < FAMILIES; family++) {
					const [outcome] = await graph.resolve([person(family, worker === 0 ? 'maria' : 'joao')]);
					expect(outcome.customerId && !outcome.error).toBeTruthy();
				}
			}),
		);
		const db = workers[0];
		const [{ n: customers }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE merged_into IS NULL');
		expect(customers).toBe(FAMILIES * 2);
		expect(await db.query("SELECT 1 FROM identifiers WHERE kind = 'phone'")).toEqual([]);
		const links = await db.query<{ value: string; n: number; people: number }>(
			`SELECT s.value, count(*)::int AS n, count(DISTINCT i.value)::int AS people FROM shared_identifiers s JOIN identifiers i ON i.customer_id = s.customer_id AND i.kind = 'email' GROUP BY s.value`,
		);
		expect(links).toHaveLength(FAMILIES);
		expect(links.every((row) => row.n === 2 && row.people === 2)).toBe(true);
	});
});
