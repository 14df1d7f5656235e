/**
 * Identity resolution throughput: the same deterministic stream through the embedded store,
 * the PostgreSQL server, an in-memory graph (the limit) and the naive per-query approach.
 * Each resolver warms up on other people first. Prints events/s, CPU per event, ratios, and
 * heap use as the number of stored customers grows.
 *
 *   npm run bench:identity [-- --events 100000 --people 30000 --batch 500 --workers 2 --naive 5000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CustomerGraph, DEFAULT_PROTECTION_RULES, WorkingGraph, closeStores, openStore, planBatch, prepareInput, type ResolveInput, type StoreConfig } from '../core';
import { CpuMeter } from './bench/cpu';
import { NaiveResolver } from './bench/naive-resolver';
import type { ResolveWorkerData } from './bench/resolve-worker';
import { warmUp } from './bench/warm-up';
import { syntheticStream } from './bench/synthetic-stream';

const { values: args } = parseArgs({
	options: {
		events: { type: 'string', default: '100000' },
		people: { type: 'string', default: '30000' },
		batch: { type: 'string', default: '500' },
		naive: { type: 'string', default: '5000' },
		workers: { type: 'string', default: '2' },
		postgres: { type: 'string', default: process.env.OMNICHANNEL_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
	},
});
const EVENTS = Number(args.events);
const PEOPLE = Number(args.people);
const BATCH = Number(args.batch);
const WORKERS = Number(args.workers);

const heapMb = () => {
	global.gc?.();
	return process.memoryUsage().heapUsed / 2 ** 20;
};

interface Run {
	name: string;
	events: number;
	seconds: number;
	heap: string[];
	/** CPU used per event, in microseconds: by this process, and by the PostgreSQL server when it is on this machine. */
	cpu?: { client: number; server?: number };
}

const perEvent = (meter: CpuMeter, events: number, withServer: boolean) => ({
	client: (meter.client * 1e6) / events,
	server: withServer && meter.server ? (meter.server * 1e6) / events : undefined,
});

async function runStore(name: string, config: StoreConfig, stream: ResolveInput[]): Promise<Run> {
	await warmUp(config, BATCH);
	const graph = new CustomerGraph(await openStore(config));
	const heap: string[] = [];
	const checkpoint = Math.ceil(stream.length / 5);
	const meter = new CpuMeter();
	let elapsed = 0n;
	for (let i = 0; i < stream.length; i += BATCH) {
		await meter.measure(async () => {
			const started = process.hrtime.bigint();
			await graph.resolve(stream.slice(i, i + BATCH));
			elapsed += process.hrtime.bigint() - started;
		});
		// Memory checkpoints are outside the timed part.
		if ((i + BATCH) % checkpoint < BATCH) {
			const { customers } = await graph.stats();
			heap.push(`${customers} customers: ${heapMb().toFixed(0)} MB heap, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB rss`);
		}
	}
	const seconds = Number(elapsed) / 1e9;
	const stats = await graph.stats();
	console.log(`  ${name}: ${stats.customers} customers, ${stats.merges} merges, ${Object.values(stats.events).reduce((a, b) => a + b, 0)} events recorded`);
	await closeStores();
	return { name, events: stream.length, seconds, heap, cpu: perEvent(meter, stream.length, config.type === 'postgres') };
}

/** `workers` resolvers, each in a thread, taking batches from one stream at once as n8n queue-mode workers would. */
async function runConcurrent(name: string, config: StoreConfig, workers: number): Promise<Run> {
	const graph = new CustomerGraph(await openStore(config));
	const workerData: ResolveWorkerData = { config, events: EVENTS, people: PEOPLE, batch: BATCH, next: new Int32Array(new SharedArrayBuffer(4)) };
	const threads = Array.from({ length: workers }, () => new Worker(join(__dirname, 'bench/resolve-worker.ts'), { workerData }));
	// Each thread says 'ready' once it has its stream and store, then 'done', then 'closed'.
	const allSay = () => Promise.all(threads.map((thread) => new Promise((resolve, reject) => thread.once('message', resolve).once('error', reject))));
	await allSay();
	const meter = new CpuMeter();
	const started = process.hrtime.bigint();
	await meter.measure(async () => {
		const done = allSay();
		for (const thread of threads) thread.postMessage('go');
		await done;
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const closed = allSay();
	for (const thread of threads) thread.postMessage('close');
	await closed;
	const stats = await graph.stats();
	console.log(`  ${name}: ${stats.customers} customers, ${stats.merges} merges`);
	await closeStores();
	return { name, events: EVENTS, seconds, heap: [], cpu: perEvent(meter, EVENTS, true) };
}

function runInMemory(stream: ResolveInput[]): Run {
	const graph = new WorkingGraph();
	const started = process.hrtime.bigint();
	for (let i = 0; i < stream.length; i += BATCH) {
		const prepared = stream.slice(i, i + BATCH).map((input) => prepareInput(input, DEFAULT_PROTECTION_RULES));
		planBatch(graph, prepared, DEFAULT_PROTECTION_RULES);
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const roots = [...graph.customers.values()].filter((customer) => !customer.mergedInto).length;
	console.log(`  in-memory: ${roots} customers`);
	return { name: 'in-memory graph (the limit)', events: stream.length, seconds, heap: [] };
}

async function runNaive(stream: ResolveInput[], url: string): Promise<Run> {
	const schema = `omni_bench_naive_${process.pid}`;
	const naive = await NaiveResolver.open(url, schema);
	const prepared = stream.map((input) => prepareInput(input, DEFAULT_PROTECTION_RULES));
	const started = process.hrtime.bigint();
	for (const [i, input] of prepared.entries()) {
		const event = stream[i].event!;
		await naive.resolve(input.identities, { channel: event.channel, externalId: event.externalId, body: event });
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	await naive.close(schema);
	return { name: `naive per-query (n8n Postgres node pattern, first ${stream.length} events)`, events: stream.length, seconds, heap: [] };
}

async function main() {
	console.log(`Identity resolution benchmark: ${EVENTS} events, ${PEOPLE} people, 5 channels, batches of ${BATCH}`);
	const stream = syntheticStream(EVENTS, PEOPLE);
	const runs: Run[] = [];

	const folder = mkdtempSync(join(tmpdir(), 'omnichannel-bench-'));
	try {
		runs.push(await runStore('embedded store (PGlite, on disk)', { type: 'embedded', folder }, stream));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
	const postgres = (schema: string): StoreConfig => ({ type: 'postgres', connectionString: args.postgres, schema });
	const dropSchema = async (schema: string) => {
		const db = await openStore(postgres('public'));
		await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await closeStores();
	};
	try {
		runs.push(await runStore('PostgreSQL server', postgres(`omni_bench_${process.pid}`), stream));
		runs.push(await runConcurrent(`PostgreSQL server, ${WORKERS} workers (threads)`, postgres(`omni_bench_workers_${process.pid}`), WORKERS));
	} finally {
		await dropSchema(`omni_bench_${process.pid}`);
		await dropSchema(`omni_bench_workers_${process.pid}`);
	}
	runs.push(runInMemory(stream));
	runs.push(await runNaive(stream.slice(0, Number(args.naive)), args.postgres));

	console.log('\nresults');
	const rate = (run: Run) => run.events / run.seconds;
	for (const run of runs) {
		console.log(`  ${run.name.padEnd(72)} ${rate(run).toFixed(0).padStart(8)} events/s  (${run.seconds.toFixed(2)} s)`);
		if (run.cpu) {
			const { client, server } = run.cpu;
			const ceiling = server === undefined ? '' : `: on this machine's ${availableParallelism()} cores, CPU alone allows at most ${((availableParallelism() * 1e6) / (client + server)).toFixed(0)} events/s`;
			console.log(`      CPU per event: ${client.toFixed(1)} µs here${server === undefined ? '' : ` + ${server.toFixed(1)} µs in the PostgreSQL server`}${ceiling}`);
		}
		for (const line of run.heap) console.log(`      ${line}`);
	}
	const [embedded, single, workers, memory, naive] = runs.map(rate);
	const server = Math.max(single, workers);
	console.log('\nratios');
	console.log(`  PostgreSQL server / naive per-query: ${(single / naive).toFixed(1)}x with one resolver, ${(workers / naive).toFixed(1)}x with ${WORKERS}   (target >= 10x)`);
	console.log(`  PostgreSQL server / in-memory limit: ${(server / memory).toFixed(3)}`);
	console.log(`  embedded / in-memory limit:          ${(embedded / memory).toFixed(3)}`);
	console.log(`  targets: PostgreSQL >= 20000 events/s: ${server >= 20000 ? 'met' : 'NOT met'}; embedded >= 5000 events/s: ${embedded >= 5000 ? 'met' : 'NOT met'}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
