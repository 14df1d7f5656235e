import { closeStores, openStore, type Database } from '../../core';
import { describeEachStore, useStore } from '../support/stores';

// Both stores run a transaction's statements as statements prepared once and then only bound:
// their values, their errors and the transaction around them must be what a plain query gives.
describeEachStore('statements run in transactions', (store) => {
	const { db } = useStore(store);

	beforeAll(async () => {
		await db().exec(`CREATE TABLE prepared_probe (id int PRIMARY KEY, tags text[], doc jsonb, at timestamptz)`);
	});

	const insert = `INSERT INTO prepared_probe (id, tags, doc, at) SELECT i, ARRAY[t], d, a FROM unnest($1::int[], $2::text[], $3::jsonb[], $4::timestamptz[]) AS u(i, t, d, a) RETURNING id, doc, at`;
	const select = `SELECT id, tags, doc, at FROM prepared_probe WHERE id = ANY($1::int[]) ORDER BY id`;

	it('read and write each call’s values, however often the statement runs', async () => {
		for (const id of [1, 2, 3]) {
			const at = new Date(Date.UTC(2026, 0, id));
			const [row] = await db().transaction((tx) => tx.query(insert, [[id], [`tag ${id}`], [JSON.stringify({ n: id, nested: { quote: `"${id}"` } })], [at]]));
			expect(row).toEqual({ id, doc: { n: id, nested: { quote: `"${id}"` } }, at });
		}
		await db().transaction((tx) => tx.query(`UPDATE prepared_probe SET tags = $2 WHERE id = $1`, [2, ['a', 'b,c', null]]));
		const rows = await db().transaction((tx) => tx.query(select, [[2, 3]]));
		expect(rows).toEqual([
			{ id: 2, tags: ['a', 'b,c', null], doc: { n: 2, nested: { quote: '"2"' } }, at: new Date(Date.UTC(2026, 0, 2)) },
			{ id: 3, tags: ['tag 3'], doc: { n: 3, nested: { quote: '"3"' } }, at: new Date(Date.UTC(2026, 0, 3)) },
		]);
		expect(await db().transaction((tx) => tx.query(select, [[]]))).toEqual([]);
	});

	it('fail with the server’s code and undo their transaction, and run again afterwards', async () => {
		const failed = db().transaction(async (tx) => {
			await tx.query(`DELETE FROM prepared_probe WHERE id = $1`, [1]);
			await tx.query(insert, [[2], ['again'], ['{}'], [new Date()]]);
		});
		// The code is what conflict retries and callers go by.
		await expect(failed).rejects.toMatchObject({ code: '23505' });
		expect((await db().transaction((tx) => tx.query<{ id: number }>(select, [[1, 2]]))).map((row) => row.id)).toEqual([1, 2]);

		await expect(db().transaction((tx) => tx.query(`SELEC id FROM prepared_probe`))).rejects.toThrow(/syntax error/);
		const [row] = await db().transaction((tx) => tx.query(insert, [[4], ['after'], ['{"ok":true}'], [new Date(0)]]));
		expect(row).toEqual({ id: 4, doc: { ok: true }, at: new Date(0) });
	});
});

// PGlite's tables are never analyzed, so nothing makes a kept plan go stale: the store itself
// prepares its statements again as it grows.
describe('a statement prepared when its table was small — embedded (PGlite)', () => {
	let db: Database;
	beforeAll(async () => {
		db = await openStore({ type: 'embedded' });
		await db.exec(`CREATE TABLE growing (id int PRIMARY KEY, v text); INSERT INTO growing VALUES (1, 'one')`);
	});
	afterAll(() => closeStores());

	// Rows found by their index, then read by their address, as merges read them.
	const lookup = `SELECT v FROM growing WHERE ctid = ANY(ARRAY(SELECT ctid FROM growing WHERE id = $1))`;
	/** The plan the store keeps for the look-up (the statement is found by its text). */
	const keptPlan = async () => {
		const [{ name }] = await db.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [lookup]);
		return (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${name}(7)`)).map((row) => row['QUERY PLAN']).join('\n');
	};

	it('reads the table by its index once the table has grown', async () => {
		for (let i = 0; i < 10; i++) expect(await db.transaction((tx) => tx.query(lookup, [1]))).toEqual([{ v: 'one' }]);
		await db.exec(`INSERT INTO growing SELECT g, 'v' || g FROM generate_series(2, 20000) g`);
		// Kept from when the table had one row: it reads all of it.
		expect(await keptPlan()).toMatch(/Seq Scan on growing/);
		for (let i = 0; i < 1100; i++) await db.transaction((tx) => tx.query(lookup, [i + 1]));
		expect(await keptPlan()).toMatch(/Tid Scan on growing/);
		expect(await db.transaction((tx) => tx.query(lookup, [7]))).toEqual([{ v: 'v7' }]);
	});
});
