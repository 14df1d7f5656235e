import type { Traits } from '../model';
import { isCustomerId } from './customer-sql';
import { customerTables, type CustomerTable } from './customer-tables';
import type { SqlClient } from './database';

/** The audit of a merge still in force: what it moved, per table, by key, and the target's traits before it. */
export interface MergeAudit {
	id: string;
	targetId: string;
	/** {"<table>": [[key column values…], …]}, a table by the name it had when the merge was made. */
	moved: Record<string, unknown[][]>;
	targetTraitsBefore: Traits;
}

/** The latest merge of `sourceId` into another customer that is not undone, if any. */
export async function mergeInForce(tx: SqlClient, sourceId: string): Promise<MergeAudit | undefined> {
	if (!isCustomerId(sourceId)) return undefined;
	// Audits from before the registry of per-customer tables name what moved in two columns.
	const [row] = await tx.query<{ id: string; target_id: string; moved: MergeAudit['moved']; target_traits_before: Traits }>(
		`SELECT id, target_id, coalesce(moved, jsonb_build_object('identifiers', moved_identifiers, 'events', moved_events)) AS moved, target_traits_before
		 FROM merges WHERE source_id = $1 AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1`,
		[sourceId],
	);
	return row && { id: row.id, targetId: row.target_id, moved: row.moved, targetTraitsBefore: row.target_traits_before };
}

/** The keys of the rows of `table` a merge moved, whichever name the table had when it was made. */
function movedKeys(merge: MergeAudit, table: CustomerTable): unknown[][] {
	const before = table.formerName === undefined ? undefined : merge.moved[table.formerName];
	return [...(merge.moved[table.table] ?? []), ...(before ?? [])];
}

/**
 * Undoes a merge in the store: in every per-customer table, the rows it moved go back to
 * `sourceId`, those still at `targetId` (where the merge put them, or where a later merge of the
 * target took them); rows that moved since stay. The source is a customer of its own again, and
 * conversations the merge folded together are two again.
 */
export async function undoMerge(tx: SqlClient, merge: MergeAudit, sourceId: string, targetId: string): Promise<void> {
	for (const table of customerTables()) {
		const keys = movedKeys(merge, table);
		if (!keys.length) continue;
		// Keys compared as the merge recorded them (jsonb arrays), among the target's rows, which its index finds.
		const key = `jsonb_build_array(${table.keyColumns.join(', ')})`;
		await tx.query(
			`UPDATE ${table.table} SET ${table.customerColumn} = $1
			 WHERE ${table.customerColumn} = $2 AND ${key} IN (SELECT jsonb_array_elements($3::jsonb))`,
			[sourceId, targetId, JSON.stringify(keys)],
		);
	}
	// Conversations folded together by the merge are each their own customer's again.
	for (const table of customerTables()) await table.afterUnmerge?.(tx, [sourceId, targetId]);
	await tx.query('UPDATE customers SET merged_into = NULL, merged_at = NULL, updated_at = now() WHERE id = $1', [sourceId]);
	await tx.query('UPDATE merges SET unmerged_at = now() WHERE id = $1', [merge.id]);
}
