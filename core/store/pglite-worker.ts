import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { quoteIdentifier } from './sql-identifier';

/**
 * The embedded store's own thread. PGlite runs PostgreSQL as WebAssembly, synchronously: on
 * n8n's main thread every statement would hold up webhooks, n8n's own database and timers.
 * Here it runs beside them; pglite-database.ts sends one request at a time.
 */

export interface WorkerOptions {
	folder?: string;
	schema: string;
}

export type WorkerRequest = { id: number; op: 'query'; sql: string; params?: unknown[] } | { id: number; op: 'exec'; sql: string } | { id: number; op: 'close' };

export type WorkerReply = { id: number; rows?: unknown[] } | { id: number; error: SerializedError };

/** A PostgreSQL error as it crosses threads: its message and fields (code, detail, constraint…). */
export type SerializedError = Record<string, unknown> & { message: string };

function serialize(error: unknown): SerializedError {
	if (!(error instanceof Error)) return { message: String(error) };
	const fields = Object.fromEntries(Object.entries(error).filter(([, value]) => ['string', 'number'].includes(typeof value)));
	return { ...fields, message: error.message };
}

async function run(options: WorkerOptions): Promise<void> {
	const port = parentPort!;
	let db: PGlite;
	try {
		db = new PGlite(options.folder);
		await db.waitReady;
		await db.exec(`SET search_path TO ${quoteIdentifier(options.schema)}`);
		port.postMessage({ id: 0 } satisfies WorkerReply);
	} catch (error) {
		port.postMessage({ id: 0, error: serialize(error) } satisfies WorkerReply);
		return;
	}
	port.on('message', async (request: WorkerRequest) => {
		try {
			if (request.op === 'query') port.postMessage({ id: request.id, rows: (await db.query(request.sql, request.params)).rows } satisfies WorkerReply);
			else if (request.op === 'exec') port.postMessage({ id: request.id, rows: void (await db.exec(request.sql)) } satisfies WorkerReply);
			else {
				if (!db.closed) await db.close();
				port.postMessage({ id: request.id } satisfies WorkerReply);
				port.close();
			}
		} catch (error) {
			port.postMessage({ id: request.id, error: serialize(error) } satisfies WorkerReply);
		}
	});
}

if (parentPort) void run(workerData as WorkerOptions);
