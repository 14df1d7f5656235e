import type { Traits } from '../model';
import { customerTables, customerTablesVersion, type CustomerTable } from './customer-tables';
import type { SqlClient } from './database';
import { toJsonb } from './graph-sql';

/** One merge to write: everything of `sourceId` goes to `targetId`, audited so that it can be undone. */
export interface PendingMerge {
	sourceId: string;
	targetId: string;
	reason: 'automatic' | 'manual';
	evidence: unknown;
	targetTraitsBefore: Traits;
}

/**
 * Where the rows go when these merges are applied in order. A batch may merge B into A and then
 * A into Z: B's rows end at Z, and the second merge moved A's rows and B's. So each merge moves
 * the rows of its source and of everyone merged into that source before it (its members), and
 * every source's rows end at the customer its chain of merges reaches last.
 */
export function planMoves(merges: PendingMerge[]) {
	const mergedInto = new Map<string, string>();
	// The customers whose rows sit at a customer because of these merges, itself first.
	const holding = new Map<string, string[]>();
	const members: { merge: number; origin: string }[] = [];
	merges.forEach(({ sourceId, targetId }, merge) => {
		const moving = holding.get(sourceId) ?? [sourceId];
		holding.delete(sourceId);
		for (const origin of moving) members.push({ merge, origin });
		holding.set(targetId, [...(holding.get(targetId) ?? [targetId]), ...moving]);
		mergedInto.set(sourceId, targetId);
	});
	const finalTarget = (id: string) => {
		while (mergedInto.has(id)) id = mergedInto.get(id)!;
		return id;
	};
	const origins = [...mergedInto.keys()];
	return { members, origins, finalTargets: origins.map(finalTarget) };
}

/**
 * The merge statement for the registered tables: one statement whatever the batch or the
 * number of rows, which PostgreSQL plans once per connection (PGlite: per store) and keeps.
 * Per table, one UPDATE moves every source's rows to its final target and returns their keys;
 * the audit of each merge gathers the keys its members' rows had. The rows are found by their
 * customer's index, one look-up per source (a LATERAL the planner can't flatten), then updated
 * by their physical address: joined on the customer column instead, a planner without
 * statistics guesses a customer has 0.5% of the table and reads all of it. The statement
 * answers which tables moved rows.
 *
 * The merges come as JSON rather than arrays: the planner guesses as many rows from JSON
 * whatever its length, where it counts an array's elements. So a plan made for a batch costs
 * what the kept plan does, and PostgreSQL keeps using that one instead of planning every
 * batch, which cost more than moving the rows.
 */
function mergeStatement(tables: readonly CustomerTable[]): string {
	const moves = tables.map(
		({ table, customerColumn, keyColumns }, i) => `
		 moved_${i} AS (
		   UPDATE ${table} t SET ${customerColumn} = v.final FROM move v
		   WHERE t.ctid = ANY(ARRAY(SELECT r.ctid FROM move o CROSS JOIN LATERAL (SELECT ctid FROM ${table} WHERE ${customerColumn} = o.origin OFFSET 0) r))
		     AND t.${customerColumn} = v.origin
		   RETURNING v.origin, jsonb_build_array(${keyColumns.map((column) => `t.${column}`).join(', ')}) AS key
		 ),
		 audit_${i} AS (SELECT p.n, jsonb_agg(r.key) AS keys FROM moved_${i} r JOIN member p ON p.origin = r.origin GROUP BY p.n),`,
	);
	// A sub-select per table rather than a join: joined, the planner weighs every order of the tables' audits.
	const moved = tables.map(({ table }, i) => `'${table}', coalesce((SELECT a.keys FROM audit_${i} a WHERE a.n = m.n), '[]')`).join(', ');
	const movedTables = tables.map((_table, i) => `SELECT ${i} AS i WHERE EXISTS (SELECT 1 FROM moved_${i})`).join(' UNION ALL ');
	return `WITH
		 merge AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS m(n int, source uuid, target uuid, reason text, evidence jsonb, traits_before jsonb)),
		 member AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS p(n int, origin uuid)),
		 move AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS v(origin uuid, final uuid)),${moves.join('')}
		 merged AS (
		   UPDATE customers c SET merged_into = m.target, merged_at = now(), updated_at = now() FROM merge m
		   WHERE c.ctid = ANY(ARRAY(SELECT r.ctid FROM merge s CROSS JOIN LATERAL (SELECT ctid FROM customers WHERE id = s.source OFFSET 0) r))
		     AND c.id = m.source
		   RETURNING 1
		 ),
		 audited AS (
		   INSERT INTO merges (target_id, source_id, reason, evidence, moved, target_traits_before)
		   SELECT m.target, m.source, m.reason, m.evidence, jsonb_build_object(${moved}), m.traits_before
		   FROM merge m
		   ORDER BY m.n
		 )
		 ${movedTables}`;
}

/** The merge statement of the registry, built again only when it changes. */
let built: { version: number; statement: string } | undefined;

function mergeStatementFor(tables: readonly CustomerTable[]): string {
	if (built?.version !== customerTablesVersion()) built = { version: customerTablesVersion(), statement: mergeStatement(tables) };
	return built.statement;
}

/**
 * Merges, in order: moves the rows of every per-customer table and audits what moved, in one
 * round trip, then runs the afterMerge hooks of the tables that moved rows (conversations fold there).
 */
export async function writeMerges(tx: SqlClient, merges: PendingMerge[]): Promise<void> {
	if (!merges.length) return;
	const { members, origins, finalTargets } = planMoves(merges);
	const tables = customerTables();
	const moved = await tx.query<{ i: number }>(mergeStatementFor(tables), [
		toJsonb(merges.map((m, n) => ({ n, source: m.sourceId, target: m.targetId, reason: m.reason, evidence: m.evidence, traits_before: m.targetTraitsBefore }))),
		toJsonb(members.map((member) => ({ n: member.merge, origin: member.origin }))),
		toJsonb(origins.map((origin, i) => ({ origin, final: finalTargets[i] }))),
	]);
	const targets = [...new Set(finalTargets)];
	for (const i of moved.map((row) => row.i).sort((a, b) => a - b)) await tables[i].afterMerge?.(tx, targets);
}
