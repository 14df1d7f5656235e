/**
 * Routing throughput: a stream of conversations routed to 1,000 agents by 50 routes, on the
 * embedded store and on the PostgreSQL server, in batches (one snapshot of the team per batch,
 * one transaction that locks the chosen agents and checks their capacity), next to the naive
 * per-item queries a user would build with n8n's Postgres node, on the same stream. Prints
 * decisions per second and the ratio; no pass or fail.
 *
 *   npm run bench:routing [-- --conversations 30000 --customers 100000 --agents 1000 --batch 1000 --naive 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeStores, ConversationRouter, openStore, Team, type Database, type StoreConfig } from '../core';
import { NaiveRouter } from './bench/naive-router';
import { agents, conversationStream, plan, queues, seedConversations, type Conversation } from './bench/routing-world';

const { values: args } = parseArgs({
	options: {
		conversations: { type: 'string', default: '30000' },
		customers: { type: 'string', default: '100000' },
		agents: { type: 'string', default: '1000' },
		batch: { type: 'string', default: '1000' },
		naive: { type: 'string', default: '2000' },
		postgres: { type: 'string', default: process.env.OMNICHANNEL_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
	},
});
const CONVERSATIONS = Number(args.conversations);
const CUSTOMERS = Number(args.customers);
const BATCH = Number(args.batch);
const NAIVE = Number(args.naive);
// The conversations are opened at seeding time, so that their due times count from now.
const NOW = Date.now();

interface Result {
	store: string;
	batched: { decisions: number; seconds: number; assigned: number };
	naive: { decisions: number; seconds: number };
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

async function runStore(name: string, config: StoreConfig, stream: Conversation[]): Promise<Result> {
	const db: Database = await openStore(config);
	const team = new Team(db);
	await team.importQueues(queues());
	await team.importAgents(agents(Number(args.agents)));
	const ids = await seedConversations(db, CUSTOMERS, stream);
	const routing = plan();
	const router = new ConversationRouter(db);
	const batched = stream.slice(0, CONVERSATIONS);
	// Warm-up: the first batch prepares statements and fills caches, outside the timing.
	const warm = Math.min(BATCH, batched.length);
	await router.routeConversations(batched.slice(0, warm).map((item, index) => ({ conversationId: ids[index], facts: item.facts })), routing, { now: NOW });
	let assigned = 0;
	const started = process.hrtime.bigint();
	for (let start = warm; start < batched.length; start += BATCH) {
		const requests = batched.slice(start, start + BATCH).map((item, offset) => ({ conversationId: ids[start + offset], facts: item.facts }));
		const outcomes = await router.routeConversations(requests, routing, { now: NOW });
		assigned += outcomes.filter((outcome) => outcome.routing?.agent).length;
	}
	const batchedSeconds = seconds(started);

	const naive = new NaiveRouter(db, routing);
	const naiveStarted = process.hrtime.bigint();
	for (let index = CONVERSATIONS; index < stream.length; index++) await naive.route(ids[index], stream[index].facts, NOW);
	const naiveSeconds = seconds(naiveStarted);
	console.log(`  ${name}: ${assigned} of ${batched.length - warm} conversations assigned, the rest waiting in their queues`);
	await closeStores();
	return { store: name, batched: { decisions: batched.length - warm, seconds: batchedSeconds, assigned }, naive: { decisions: stream.length - CONVERSATIONS, seconds: naiveSeconds } };
}

async function main() {
	console.log(`Routing benchmark: ${CONVERSATIONS} conversations from ${CUSTOMERS} customers, ${args.agents} agents, 50 routes, batches of ${BATCH}; naive on ${NAIVE} more`);
	const stream = conversationStream(CONVERSATIONS + NAIVE, CUSTOMERS);
	const results: Result[] = [];
	const folder = mkdtempSync(join(tmpdir(), 'omnichannel-bench-routing-'));
	try {
		results.push(await runStore('embedded', { type: 'embedded', folder }, stream));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
	const schema = `omni_bench_routing_${process.pid}`;
	try {
		results.push(await runStore('postgres', { type: 'postgres', connectionString: args.postgres, schema }, stream));
	} finally {
		const db = await openStore({ type: 'postgres', connectionString: args.postgres, schema: 'public' });
		await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await closeStores();
	}
	console.log('\nresults');
	for (const { store, batched, naive } of results) {
		const rate = batched.decisions / batched.seconds;
		const naiveRate = naive.decisions / naive.seconds;
		console.log(
			`  ${store.padEnd(9)} decisions_per_s=${rate.toFixed(0)} vs_naive=${(rate / naiveRate).toFixed(1)}x   (batched: ${batched.decisions} in ${batched.seconds.toFixed(2)} s; naive: ${naiveRate.toFixed(0)}/s, ${naive.decisions} in ${naive.seconds.toFixed(2)} s)`,
		);
	}
	console.log('  targets on PostgreSQL: >= 10000 decisions/s and >= 10x naive');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
