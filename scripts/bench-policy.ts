/**
 * Engagement Policy throughput: one campaign decided for a whole audience (100,000 customers
 * by default, with phones, e-mails, history, consent changes and earlier sends; see
 * bench/policy-audience.ts) on the embedded store and on the PostgreSQL server, in batches as
 * the node decides its items (customers locked, read and claimed set-based, one transaction per
 * batch), next to the naive per-customer queries a user would build with n8n's Postgres nodes,
 * run on an even sample of the same audience with its rate extrapolated. Prints decisions per
 * second, the ratio, the decisions' tally, and on PostgreSQL whether a batch's statements scan a
 * table; no pass or fail.
 *
 *   npm run bench:policy [-- --customers 100000 --batch 500 --naive 2000 --stores embedded,postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { closeStores, EngagementPolicy, openStore, type Database, type EngagementRequest, type SqlClient, type StoreConfig } from '../core';
import { campaignRequest } from '../test/support/engagement';
import { NaivePolicy } from './bench/naive-policy';
import { CAMPAIGN, loadAudience, NOON } from './bench/policy-audience';

const { values: args } = parseArgs({
	options: {
		customers: { type: 'string', default: '100000' },
		batch: { type: 'string', default: '500' },
		naive: { type: 'string', default: '2000' },
		stores: { type: 'string', default: 'embedded,postgres' },
		postgres: { type: 'string', default: process.env.OMNICHANNEL_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
	},
});
const CUSTOMERS = Number(args.customers);
const BATCH = Number(args.batch);
const NAIVE = Math.min(Number(args.naive), CUSTOMERS);

/** The campaign: Portuguese and English, a WhatsApp template, WhatsApp then SMS then e-mail, 1 a day and 3 a week, quiet 21:00-08:00. */
/** The test suite's campaign (1 a day and 3 a week, quiet 21:00-08:00), in São Paulo's time by default. */
const request = (messageKey: string, purpose: 'marketing' | 'transactional' = 'marketing'): EngagementRequest =>
	campaignRequest(messageKey, { purpose, rules: { defaultTimeZone: 'America/Sao_Paulo' } });

interface Result {
	store: string;
	loadSeconds: number;
	batched: { decisions: number; seconds: number; tally: Record<string, number> };
	naive: { decisions: number; seconds: number; sent: number };
	scans?: string[];
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** A store that remembers the statements run in its transactions, to explain them. */
function recording(db: Database): { db: Database; statements: { sql: string; params?: unknown[] }[] } {
	const statements: { sql: string; params?: unknown[] }[] = [];
	const record = (client: SqlClient): SqlClient => ({
		query: async (sql, params) => {
			statements.push({ sql, params });
			return await client.query(sql, params);
		},
		exec: (sql) => client.exec(sql),
	});
	const wrapped: Database = {
		description: db.description,
		compactsAfterErasure: db.compactsAfterErasure,
		query: (sql, params) => db.query(sql, params),
		exec: (sql) => db.exec(sql),
		transaction: (work) => db.transaction((tx) => work(record(tx))),
		compact: (tables) => db.compact(tables),
		close: () => db.close(),
	};
	return { db: wrapped, statements };
}

/** The tables a batch's statements read by a sequential scan, on the server's plans. */
async function sequentialScans(connectionString: string, schema: string, statements: { sql: string; params?: unknown[] }[]): Promise<string[]> {
	const client = new Client({ connectionString, options: `-c search_path=${schema}` });
	await client.connect();
	try {
		const scans: string[] = [];
		for (const { sql, params } of statements) {
			const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((row) => row['QUERY PLAN']);
			scans.push(...plan.filter((line) => /Seq Scan on (customers|identifiers|events|consent_changes|engagement_sends)\b/.test(line)).map((line) => line.trim()));
		}
		return scans;
	} finally {
		await client.end();
	}
}

async function runStore(name: string, config: StoreConfig, schema?: string): Promise<Result> {
	const db = await openStore(config);
	const loading = process.hrtime.bigint();
	const ids = await loadAudience(db, CUSTOMERS);
	const loadSeconds = seconds(loading);
	console.log(`  ${name}: loaded ${CUSTOMERS} customers in ${loadSeconds.toFixed(1)} s`);
	const campaign = request(CAMPAIGN);

	// The naive way first, on an even sample, its sends removed after: the batches then decide over the same store.
	const naive = new NaivePolicy(db);
	const step = CUSTOMERS / NAIVE;
	const sample = Array.from({ length: NAIVE }, (_, i) => ids[Math.floor(i * step)]);
	let sent = 0;
	const naiveStarted = process.hrtime.bigint();
	for (const id of sample) if ((await naive.decide(id, campaign, 'naive-black-friday', NOON)) === 'send') sent++;
	const naiveSeconds = seconds(naiveStarted);
	await db.query(`DELETE FROM engagement_sends WHERE message_key = 'naive-black-friday'`);

	// Warm-up: a transactional message (no caps) to the first batch prepares statements and fills caches, outside the timing.
	const { db: watched, statements } = recording(db);
	const policy = new EngagementPolicy(watched);
	await policy.decideMany(ids.slice(0, BATCH).map((customerId) => ({ customerId, request: request('warm-up', 'transactional') })), NOON);
	await db.query(`DELETE FROM engagement_sends WHERE message_key = 'warm-up'`);
	statements.length = 0;
	let firstBatch: typeof statements = [];

	const tally: Record<string, number> = {};
	const started = process.hrtime.bigint();
	for (let start = 0; start < ids.length; start += BATCH) {
		const outcomes = await policy.decideMany(ids.slice(start, start + BATCH).map((customerId) => ({ customerId, request: campaign })), NOON);
		for (const outcome of outcomes) {
			const key = 'error' in outcome ? 'error' : outcome.decision.decision === 'blocked' ? outcome.decision.code : outcome.decision.decision;
			tally[key] = (tally[key] ?? 0) + 1;
		}
		if (start === 0) firstBatch = statements.splice(0);
		statements.length = 0;
	}
	const batchedSeconds = seconds(started);
	const scans = schema ? await sequentialScans(args.postgres, schema, firstBatch) : undefined;
	await closeStores();
	return { store: name, loadSeconds, batched: { decisions: ids.length, seconds: batchedSeconds, tally }, naive: { decisions: sample.length, seconds: naiveSeconds, sent }, scans };
}

async function main() {
	const stores = args.stores.split(',').map((store) => store.trim());
	console.log(`Engagement Policy benchmark: one campaign for ${CUSTOMERS} customers, batches of ${BATCH}; naive on an even sample of ${NAIVE}, its rate extrapolated`);
	const results: Result[] = [];
	if (stores.includes('embedded')) {
		const folder = mkdtempSync(join(tmpdir(), 'omnichannel-bench-policy-'));
		try {
			results.push(await runStore('embedded', { type: 'embedded', folder }));
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	}
	if (stores.includes('postgres')) {
		const schema = `omni_bench_policy_${process.pid}`;
		try {
			results.push(await runStore('postgres', { type: 'postgres', connectionString: args.postgres, schema }, schema));
		} finally {
			const db = await openStore({ type: 'postgres', connectionString: args.postgres, schema: 'public' });
			await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			await closeStores();
		}
	}
	console.log('\nresults');
	for (const { store, batched, naive, scans } of results) {
		const rate = batched.decisions / batched.seconds;
		const naiveRate = naive.decisions / naive.seconds;
		console.log(
			`  ${store.padEnd(9)} decisions_per_s=${rate.toFixed(0)} vs_naive=${(rate / naiveRate).toFixed(1)}x   (batched: ${batched.decisions} in ${batched.seconds.toFixed(2)} s; naive: ${naiveRate.toFixed(0)}/s on ${naive.decisions}, ${naive.sent} sent, extrapolated to ${(batched.decisions / naiveRate).toFixed(0)} s for the audience)`,
		);
		console.log(`            ${Object.entries(batched.tally).map(([key, n]) => `${key} ${n}`).join(', ')}`);
		if (scans) console.log(`            plans of a batch: ${scans.length ? `sequential scans: ${scans.join('; ')}` : 'no sequential scan of customers, identifiers, events, consent changes or engagement sends'}`);
	}
	console.log('  targets on PostgreSQL: >= 10000 decisions/s and >= 10x naive');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
