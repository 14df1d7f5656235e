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
 * number of rows. Per table holding rows of the batch's customers, one UPDATE moves every
 * source's rows to its final target and returns their keys; the audit of each merge gathers
 * the keys its members' rows had (none, for the other tables). The rows are found by their
 * customer's index, one look-up per source (a LATERAL the planner can't flatten), then updated
 * by their physical address: joined on the customer column instead, a planner without
 * statistics guesses a customer has 0.5% of the table and reads all of it.
 */
function mergeStatement(tables: readonly CustomerTable[], holding: ReadonlySet<CustomerTable>): string {
	const moving = tables.filter((table) => holding.has(table));
	const moves = moving.map(
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
	const moved = tables
		.map((table) => {
			const i = moving.indexOf(table);
			return `'${table.table}', ${i < 0 ? `'[]'::jsonb` : `coalesce((SELECT a.keys FROM audit_${i} a WHERE a.n = m.n), '[]')`}`;
		})
		.join(', ');
	return `WITH
		 merge AS (SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS m(n, source, target, reason, evidence, traits_before)),
		 member AS (SELECT * FROM unnest($7::int[], $8::uuid[]) AS p(n, origin)),
		 move AS (SELECT * FROM unnest($9::uuid[], $10::uuid[]) AS v(origin, final)),${moves.join('')}
		 merged AS (
		   UPDATE customers c SET merged_into = m.target, merged_at = now(), updated_at = now() FROM merge m WHERE c.id = ANY($2::uuid[]) AND c.id = m.source RETURNING 1
		 )
		 INSERT INTO merges (target_id, source_id, reason, evidence, moved, target_traits_before)
		 SELECT m.target, m.source, m.reason, m.evidence::jsonb, jsonb_build_object(${moved}), m.traits_before::jsonb
		 FROM merge m
		 ORDER BY m.n`;
}

/** The look of tablesHolding: one row per table holding rows of the customers in $1, its index in the registry. */
function holdingStatement(tables: readonly CustomerTable[]): string {
	return tables
		.map(
			({ table, customerColumn }, i) =>
				`SELECT ${i} AS i WHERE EXISTS (SELECT 1 FROM unnest($1::uuid[]) AS o(id) CROSS JOIN LATERAL (SELECT 1 FROM ${table} WHERE ${customerColumn} = o.id LIMIT 1) r)`,
		)
		.join(' UNION ALL ');
}

/** The statements merges make of the registry: built again only when it changes, the merge statement once per set of tables. */
let built: { version: number; holding: string; merges: Map<string, string> } | undefined;

function statementsFor(tables: readonly CustomerTable[]) {
	if (built?.version !== customerTablesVersion()) built = { version: customerTablesVersion(), holding: holdingStatement(tables), merges: new Map() };
	return built;
}

/**
 * The registered tables holding rows of these customers: a merge plans and moves only those,
 * as planning the statement for every table costs more than moving the rows. The customers
 * are locked, and whoever writes their rows holds them (a lock, or a foreign key's), so none
 * appears between the look and the move. The CRM ledger's claims hold nothing: one could land
 * in between, as one could always land just after a merge.
 */
async function tablesHolding(tx: SqlClient, tables: readonly CustomerTable[], customerIds: string[]): Promise<Set<CustomerTable>> {
	const rows = await tx.query<{ i: number }>(statementsFor(tables).holding, [customerIds]);
	return new Set(rows.map((row) => tables[row.i]));
}

/** The merge statement for these tables, built once per registry and set of tables. */
function mergeStatementFor(tables: readonly CustomerTable[], holding: ReadonlySet<CustomerTable>): string {
	const { merges } = statementsFor(tables);
	const key = tables.map((table) => (holding.has(table) ? 1 : 0)).join('');
	let statement = merges.get(key);
	if (!statement) {
		statement = mergeStatement(tables, holding);
		merges.set(key, statement);
	}
	return statement;
}

/**
 * Merges, in order: moves the rows of every per-customer table and audits what moved, in one
 * round trip, then runs the afterMerge hooks of the tables that moved rows (conversations fold there).
 */
export async function writeMerges(tx: SqlClient, merges: PendingMerge[]): Promise<void> {
	if (!merges.length) return;
	const { members, origins, finalTargets } = planMoves(merges);
	const tables = customerTables();
	const holding = await tablesHolding(tx, tables, origins);
	await tx.query(mergeStatementFor(tables, holding), [
		merges.map((_merge, n) => n),
		merges.map((m) => m.sourceId),
		merges.map((m) => m.targetId),
		merges.map((m) => m.reason),
		merges.map((m) => toJsonb(m.evidence)),
		merges.map((m) => toJsonb(m.targetTraitsBefore)),
		members.map((member) => member.merge),
		members.map((member) => member.origin),
		origins,
		finalTargets,
	]);
	const targets = [...new Set(finalTargets)];
	for (const table of tables) if (holding.has(table)) await table.afterMerge?.(tx, targets);
}
