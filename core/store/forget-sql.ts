import { customerTables } from './customer-tables';
import type { SqlClient } from './database';
import type { TombstoneKey } from './tombstones';

/** A customer and every customer merged into it, at any depth. */
export async function customerTree(tx: SqlClient, id: string): Promise<string[]> {
	// Each level looked up by the index of merged_into (a LATERAL the planner can't turn into a scan of every customer).
	const rows = await tx.query<{ id: string }>(
		`WITH RECURSIVE tree AS (
		   SELECT id FROM customers WHERE id = $1
		   UNION ALL SELECT c.id FROM tree t CROSS JOIN LATERAL (SELECT id FROM customers WHERE merged_into = t.id OFFSET 0) c
		 ) SELECT id FROM tree`,
		[id],
	);
	return rows.map((row) => row.id);
}

async function countDeleted(tx: SqlClient, statement: string, ids: string[]): Promise<number> {
	return (await tx.query<{ n: number }>(`WITH gone AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [ids]))[0].n;
}

/**
 * Deletes these customers and everything of theirs: their rows in every per-customer table
 * (then each table's erasure hook: tombstones, what only those rows used), their merge audit,
 * the customers. Returns how many rows went, per table.
 */
export async function eraseCustomers(tx: SqlClient, ids: string[], key: TombstoneKey): Promise<Record<string, number>> {
	const deleted: Record<string, number> = {};
	for (const { table, customerColumn, keyColumns, erased } of customerTables()) {
		const statement = `DELETE FROM ${table} WHERE ${customerColumn} = ANY($1::uuid[])`;
		if (!erased) {
			deleted[table] = await countDeleted(tx, statement, ids);
			continue;
		}
		const rows = await tx.query(`${statement} RETURNING ${[...keyColumns, ...(erased.returning ?? [])].join(', ')}`, [ids]);
		await erased.after(tx, rows, key);
		deleted[table] = rows.length;
	}
	deleted.merges = await countDeleted(tx, 'DELETE FROM merges WHERE target_id = ANY($1::uuid[]) OR source_id = ANY($1::uuid[])', ids);
	deleted.customers = await countDeleted(tx, 'DELETE FROM customers WHERE id = ANY($1::uuid[])', ids);
	return deleted;
}
