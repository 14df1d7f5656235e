/**
 * Paging through a large audience on the PostgreSQL server: fills a schema of its own with
 * customers (identifiers, events on two channels, consent changes, traits), lists the whole
 * audience a page at a time as List Customers' Return All does, and prints pages/s, customers/s
 * and the heap after every tenth page, which must stay flat however many customers are listed.
 * Also prints the plan of one page: no sequential scan of events or consent changes.
 *
 *   npm run bench:audience [-- --customers 100000 --page 1000]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { closeStores, CustomerGraph, openStore, type AudienceFilter, type SqlClient } from '../core';
import { listAudience } from '../core/store/audience-sql';
import { newCustomerId } from '../core/identity/customer-id';

const { values: args } = parseArgs({
	options: {
		customers: { type: 'string', default: '100000' },
		page: { type: 'string', default: '1000' },
		postgres: { type: 'string', default: process.env.OMNICHANNEL_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
	},
});
const CUSTOMERS = Number(args.customers);
const PAGE = Number(args.page);
const CHUNK = 5000;

const heapMb = () => {
	global.gc?.();
	return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Customer n: on WhatsApp when even, by e-mail when odd, three events each; every fourth stopped WhatsApp marketing; gold every third. */
async function fill(db: SqlClient): Promise<void> {
	for (let start = 0; start < CUSTOMERS; start += CHUNK) {
		const numbers = Array.from({ length: Math.min(CHUNK, CUSTOMERS - start) }, (_, i) => start + i);
		const ids = numbers.map(() => newCustomerId());
		await db.query(
			`INSERT INTO customers (id, traits) SELECT id, jsonb_build_object('plan', plan, 'tags', jsonb_build_array('t' || (n % 10)))
			 FROM unnest($1::uuid[], $2::text[], $3::int[]) AS u(id, plan, n)`,
			[ids, numbers.map((n) => (n % 3 === 0 ? 'gold' : 'silver')), numbers],
		);
		await db.query(`INSERT INTO identifiers (kind, value, customer_id) SELECT 'email', 'bench.' || n || '@example.org', id FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`, [ids, numbers]);
		await db.query(
			`INSERT INTO events (customer_id, channel, external_id, type, direction, occurred_at, body, account)
			 SELECT id, CASE WHEN n % 2 = 0 THEN 'whatsapp' ELSE 'email' END, 'bench:' || n || ':' || k, 'message',
			        CASE WHEN k = 2 THEN 'outbound' ELSE 'inbound' END, timestamptz '2026-01-01' + (n % 300) * interval '1 day' + k * interval '1 hour', '{}'::json, 'bench'
			 FROM unnest($1::uuid[], $2::int[]) AS u(id, n) CROSS JOIN generate_series(0, 2) AS k`,
			[ids, numbers],
		);
		const stopped = numbers.map((n, i) => (n % 4 === 0 ? ids[i] : undefined)).filter((id): id is string => !!id);
		await db.query(
			`INSERT INTO consent_changes (id, customer_id, channel, purpose, state, source, evidence, changed_at)
			 SELECT gen_random_uuid(), id, 'whatsapp', 'marketing', 'unsubscribed', 'keyword', 'bench', now() FROM unnest($1::uuid[]) AS u(id)`,
			[stopped],
		);
	}
	await db.query('ANALYZE');
}

/** A client that remembers the last statement, to explain it. */
function recording(db: SqlClient): SqlClient & { last?: { sql: string; params?: unknown[] } } {
	const client: SqlClient & { last?: { sql: string; params?: unknown[] } } = {
		query: async (sql, params) => {
			client.last = { sql, params };
			return await db.query(sql, params);
		},
		exec: (sql) => db.exec(sql),
	};
	return client;
}

async function main(): Promise<void> {
	const schema = `omni_bench_audience_${randomBytes(4).toString('hex')}`;
	const graph = new CustomerGraph(await openStore({ type: 'postgres', connectionString: args.postgres, schema }));
	try {
		let started = Date.now();
		await fill(graph.db);
		console.log(`filled ${CUSTOMERS} customers, ${CUSTOMERS * 3} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);

		const filter: AudienceFilter = { channels: ['whatsapp'], consent: [{ channel: 'whatsapp', purpose: 'marketing', rule: 'notUnsubscribed' }], traitEquals: [{ name: 'plan', value: 'silver' }] };
		const heap: string[] = [`start ${heapMb().toFixed(1)} MB`];
		let listed = 0;
		let pages = 0;
		let after: string | undefined;
		started = Date.now();
		do {
			const page = await graph.listAudience(filter, { limit: PAGE, after });
			listed += page.customers.length;
			after = page.next;
			if (++pages % 10 === 0) heap.push(`page ${pages}: ${heapMb().toFixed(1)} MB`);
		} while (after);
		const seconds = (Date.now() - started) / 1000;
		heap.push(`end ${heapMb().toFixed(1)} MB`);
		console.log(`listed ${listed} customers in ${pages} pages of ${PAGE}: ${seconds.toFixed(2)} s, ${(pages / seconds).toFixed(1)} pages/s, ${Math.round(listed / seconds)} customers/s`);
		console.log(`heap: ${heap.join(', ')}`);

		const db = recording(graph.db);
		await listAudience(db, filter, { limit: PAGE, after: undefined });
		const client = new Client({ connectionString: args.postgres, options: `-c search_path=${schema}` });
		await client.connect();
		const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${db.last!.sql}`, db.last!.params)).rows.map((row) => row['QUERY PLAN']);
		await client.end();
		const scans = plan.filter((line) => /Seq Scan on (events|consent_changes|identifiers)/.test(line));
		console.log(`plan of one page: ${scans.length ? `sequential scans: ${scans.join('; ')}` : 'no sequential scan of events, consent changes or identifiers'}`);
		console.log(plan.join('\n'));
	} finally {
		await graph.db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
		await closeStores();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
