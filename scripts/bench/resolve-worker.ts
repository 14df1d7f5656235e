/**
 * One resolver of the concurrent benchmark, in a thread of its own as an n8n queue-mode
 * worker is a process of its own: it takes the next batch of the shared stream until none
 * is left. It says 'ready', 'done' and 'closed', when told 'go' and then 'close'.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { CustomerGraph, closeStores, openStore, type StoreConfig } from '../../core';
import { syntheticStream } from './synthetic-stream';
import { warmUp } from './warm-up';

export interface ResolveWorkerData {
	config: StoreConfig;
	events: number;
	people: number;
	batch: number;
	/** The start of the next batch to take, shared by every worker. */
	next: Int32Array;
}

async function work({ config, events, people, batch, next }: ResolveWorkerData) {
	const stream = syntheticStream(events, people);
	await warmUp(config, batch, `warmup${threadId}`);
	const graph = new CustomerGraph(await openStore(config));
	parentPort!.postMessage('ready');
	await new Promise((go) => parentPort!.once('message', go));
	for (let start = Atomics.add(next, 0, batch); start < stream.length; start = Atomics.add(next, 0, batch)) {
		await graph.resolve(stream.slice(start, start + batch));
	}
	// Still connected when the main thread reads the server's CPU use: it then says when to close.
	parentPort!.postMessage('done');
	await new Promise((close) => parentPort!.once('message', close));
	await closeStores();
	parentPort!.postMessage('closed');
}

// A failure ends the thread, which the main thread receives as an 'error' event.
void work(workerData as ResolveWorkerData);
