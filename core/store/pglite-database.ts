import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { vacuumFullSql } from './compaction';
import type { Database, SqlClient } from './database';
import { lockFolder } from './folder-lock';
import type { SerializedError, WorkerOptions, WorkerReply, WorkerRequest } from './pglite-worker';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The worker's script: compiled JavaScript in the package; from sources (tests, scripts) through ts-node. */
function startWorker(options: WorkerOptions): Worker {
	const script = join(__dirname, `pglite-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
	if (script.endsWith('.js')) return new Worker(script, { workerData: options });
	return new Worker(`require('ts-node/register/transpile-only'); require(${JSON.stringify(script)});`, { eval: true, workerData: options });
}

function revive(serialized: SerializedError): Error {
	return Object.assign(new Error(serialized.message), serialized);
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in a folder, no server. It runs in a
 * thread of its own (pglite-worker.ts), so its statements don't stall the process that uses it.
 * One process at a time may open a folder (a lock enforces it); PGlite has one connection, so
 * transactions and statements of this process take turns, never interleaved.
 */
export class PgliteDatabase implements Database {
	private readonly pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
	private nextId = 1;
	// The end of the last turn taken on the one connection.
	private turn: Promise<unknown> = Promise.resolve();
	private exited?: Error;

	private constructor(
		private readonly worker: Worker,
		readonly description: string,
		private readonly unlock: () => void,
	) {
		worker.on('message', (reply: WorkerReply) => {
			const waiting = this.pending.get(reply.id);
			this.pending.delete(reply.id);
			if (!this.pending.size) worker.unref();
			if ('error' in reply) waiting?.reject(revive(reply.error));
			else waiting?.resolve(reply.rows ?? []);
		});
		const fail = (error: Error) => {
			this.exited = error;
			for (const waiting of this.pending.values()) waiting.reject(error);
			this.pending.clear();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`the ${description} stopped (code ${code})`)));
	}

	/** Nobody else vacuums an embedded store, and erased data must leave its files. */
	readonly compactsAfterErasure = true;

	/** Opens (or creates) the store in `folder`; without a folder the data lives in memory only. */
	static async open(folder: string | undefined, schema: string): Promise<PgliteDatabase> {
		if (folder) mkdirSync(folder, { recursive: true });
		const unlock = folder ? await lockFolder(folder) : () => undefined;
		const worker = startWorker({ folder, schema });
		const db = new PgliteDatabase(worker, folder ? `embedded store in ${folder}` : 'in-memory embedded store', unlock);
		try {
			// The worker answers request 0 when PGlite is ready.
			await db.reply(0);
			return db;
		} catch (error) {
			await worker.terminate();
			unlock();
			throw error;
		}
	}

	/** The worker keeps the process alive only while a reply is awaited, as a socket would. */
	private reply(id: number): Promise<unknown[]> {
		if (this.exited) return Promise.reject(this.exited);
		this.worker.ref();
		return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
	}

	private send(request: Request): Promise<unknown[]> {
		const id = this.nextId++;
		const replied = this.reply(id);
		if (!this.exited) this.worker.postMessage({ ...request, id } as WorkerRequest);
		return replied;
	}

	/** Runs `work` when the connection is free, holding it until `work` ends. */
	private take<T>(work: () => Promise<T>): Promise<T> {
		const mine = this.turn.then(work);
		this.turn = mine.catch(() => undefined);
		return mine;
	}

	private client: SqlClient = {
		query: async <T>(sql: string, params?: unknown[]) => (await this.send({ op: 'query', sql, params })) as T[],
		exec: async (sql: string) => void (await this.send({ op: 'exec', sql })),
	};

	query<T>(sql: string, params?: unknown[]): Promise<T[]> {
		return this.take(() => this.client.query<T>(sql, params));
	}

	exec(sql: string): Promise<void> {
		return this.take(() => this.client.exec(sql));
	}

	transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
		return this.take(async () => {
			await this.client.exec('BEGIN');
			try {
				const result = await work(this.client);
				await this.client.exec('COMMIT');
				return result;
			} catch (error) {
				await this.client.exec('ROLLBACK').catch(() => undefined);
				throw error;
			}
		});
	}

	async compact(tables: string[]): Promise<void> {
		await this.query(vacuumFullSql(tables));
		// The write-ahead log still holds the rows: move to a new segment, and have the checkpoint
		// delete the old one rather than keep it for reuse with its contents.
		await this.exec('SET wal_recycle = off');
		await this.query('SELECT pg_switch_wal()');
		await this.query('CHECKPOINT');
	}

	async close(): Promise<void> {
		if (!this.exited) {
			await this.take(() => this.send({ op: 'close' }));
			await this.worker.terminate();
		}
		this.unlock();
	}
}
