import { CustomerGraph, type Database, type Identity, type SqlClient } from '../../core';
import { inboundMessage } from '../support/events';
import { describeEachStore, useStore } from '../support/stores';

interface Statement {
	sql: string;
	params?: unknown[];
}

/** The store as the graph sees it, noting every statement it runs. */
function recording(db: Database, statements: Statement[]): Database {
	const spy = (client: SqlClient): SqlClient => ({
		query: (sql, params) => {
			statements.push({ sql, params });
			return client.query(sql, params);
		},
		exec: (sql) => client.exec(sql),
	});
	return {
		...spy(db),
		description: db.description,
		compactsAfterErasure: db.compactsAfterErasure,
		transaction: (work) => db.transaction((tx) => work(spy(tx))),
		compact: (tables) => db.compact(tables),
		close: () => db.close(),
	};
}

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	Plans?: PlanNode[];
}

function scannedTables(node: PlanNode): string[] {
	const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
	return [...own, ...(node.Plans ?? []).flatMap(scannedTables)];
}

const CUSTOMERS = 20_000;

// Neither PGlite nor a server without autovacuum keeps statistics on a growing store. A
// planner left to guess may read a whole table for each batch, and every batch then gets
// slower as the store grows: each look-up must stay a look-up.
describeEachStore('statements on a large store without statistics', (store) => {
	const { db } = useStore(store);

	it('read customers, identifiers and history through their indexes, never by scanning the tables', async () => {
		await db().exec(`
			INSERT INTO customers (id) SELECT gen_random_uuid() FROM generate_series(1, ${CUSTOMERS});
			INSERT INTO identifiers (kind, value, customer_id) SELECT 'email', 'customer' || row_number() OVER () || '@example.org', id FROM customers;
			INSERT INTO events (customer_id, channel, external_id, type, direction, occurred_at, body)
			  SELECT id, 'email', 'seed-' || row_number() OVER (), 'message', 'inbound', now(), '{}' FROM customers;
			INSERT INTO merges (target_id, source_id, reason, evidence, moved_identifiers, moved_events, target_traits_before, unmerged_at)
			  SELECT id, id, 'manual', '{}', '[]', '[]', '{}', now() FROM customers;
			INSERT INTO forgotten_events (key_hash) SELECT md5(id::text) FROM customers;
			INSERT INTO forgotten_identifiers (key_hash) SELECT md5(id::text) FROM customers;`);
		const statements: Statement[] = [];
		const graph = new CustomerGraph(recording(db(), statements));

		// Every fifth is a new person; the others are known customers, some with a new phone, some
		// also giving another known customer's e-mail, which merges the two.
		const batch = Array.from({ length: 300 }, (_, i) => {
			const identities = [i % 5 === 0 ? { kind: 'telegram', value: String(900000 + i) } : { kind: 'email', value: `customer${i + 1}@example.org` }];
			if (i % 3 === 0) identities.push({ kind: 'phone', value: `+55119876${String(50000 + i)}` });
			if (i % 10 === 1) identities.push({ kind: 'email', value: `customer${i + 1001}@example.org` });
			return { identities, event: inboundMessage(identities.slice(0, 1) as Identity[], { externalId: `lookup-${i}` }) };
		});
		// As a bulk import resolves: the identifiers are also looked up among the forgotten ones.
		const outcomes = await graph.resolve(batch, undefined, { skipForgottenIdentifiers: true });
		expect(outcomes.filter((outcome) => outcome.merged.length).length).toBeGreaterThan(0);
		await graph.getCustomers(
			outcomes.map((outcome) => outcome.customerId!),
			10,
		);
		// Undoing a merge and forgetting a customer with another merged into it.
		const merged = outcomes.filter((outcome) => outcome.merged.length);
		await graph.unmerge(merged[0].merged[0]);
		await graph.forget(merged[1].customerId!);

		const scans: string[] = [];
		for (const { sql, params } of statements) {
			const [row] = await db().query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
			const tables = scannedTables(row['QUERY PLAN'][0].Plan).filter((table) => ['customers', 'identifiers', 'events', 'merges', 'forgotten_events', 'forgotten_identifiers'].includes(table));
			if (tables.length) scans.push(`${tables.join(', ')} scanned by: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`);
		}
		expect(statements.length).toBeGreaterThan(8);
		expect(scans).toEqual([]);
	});
});
