import { CustomerGraph, openStore, type StoreConfig } from '../../core';
import { syntheticStream } from './synthetic-stream';

/**
 * Resolves a small stream of other people before a timed run, as a long-running n8n worker
 * has done long before: the run then measures compiled code, not the JavaScript engine's
 * first passes over it. It writes to a store of its own beside `config` (a schema next to
 * it on the same server, or an in-memory embedded store), dropped afterwards; `tag` keeps
 * concurrent warm-ups apart.
 */
export async function warmUp(config: StoreConfig, batch: number, tag = 'warmup'): Promise<void> {
	const own: StoreConfig = config.type === 'postgres' ? { ...config, schema: `${config.schema}_${tag}` } : { type: 'embedded' };
	const graph = new CustomerGraph(await openStore(own));
	const stream = syntheticStream(5_000, 2_000, 7);
	for (let i = 0; i < stream.length; i += batch) await graph.resolve(stream.slice(i, i + batch));
	if (own.type === 'postgres') await graph.db.exec(`DROP SCHEMA ${own.schema} CASCADE`);
}
