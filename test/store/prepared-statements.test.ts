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
