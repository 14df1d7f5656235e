import { mkdirSync } from 'node:fs';
import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { vacuumFullSql } from './compaction';
import type { Database, SqlClient } from './database';
import { lockFolder } from './folder-lock';
import { quoteIdentifier } from './sql-identifier';

/** A statement prepared on the store: its name, the types of its parameters, the description of its rows. */
interface PreparedStatement {
	name: string;
	types: number[];
	rows: Awaited<ReturnType<PGlite['execProtocol']>>['messages'];
	/** The count of statements run on the store after which it is prepared again. */
	replanAfter: number;
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in a folder, no server. One
 * process at a time may open a folder (a lock enforces it); PGlite runs one statement
 * at a time, so concurrent transactions in this process are queued, never interleaved.
 */
export class PgliteDatabase implements Database {
	private constructor(
		private readonly db: PGlite,
		readonly description: string,
		private readonly unlock: () => void,
	) {}

	/** Nobody else vacuums an embedded store, and erased data must leave its files. */
	readonly compactsAfterErasure = true;

	/** Opens (or creates) the store in `folder`; without a folder the data lives in memory only. */
	static async open(folder: string | undefined, schema: string): Promise<PgliteDatabase> {
		if (folder) mkdirSync(folder, { recursive: true });
		const unlock = folder ? await lockFolder(folder) : () => undefined;
		try {
			const db = new PGlite(folder);
			await db.waitReady;
			await db.exec(`SET search_path TO ${quoteIdentifier(schema)}`);
			return new PgliteDatabase(db, folder ? `embedded store in ${folder}` : 'in-memory embedded store', unlock);
		} catch (error) {
			unlock();
			throw error;
		}
	}

	async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
		return (await this.db.query<T>(sql, params)).rows;
	}

	async exec(sql: string): Promise<void> {
		await this.db.exec(sql);
	}

	async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
		return await this.db.transaction(async (tx) =>
			work({
				query: <R>(sql: string, params?: unknown[]) => this.runPrepared<R>(sql, params),
				exec: async (sql: string) => void (await tx.exec(sql)),
			}),
		);
	}

	/** Statements prepared on this store, by their text. */
	private readonly prepared = new Map<string, PreparedStatement>();
	/** Statements prepared so far (their names) and run so far (their age). */
	private statements = 0;
	private runs = 0;

	/**
	 * Runs a statement of a transaction as a prepared statement, prepared once on this store and
	 * then only bound and run, as the server store does per connection: PostgreSQL keeps its plan
	 * (PGlite's own query plans every statement anew, which costs more than running some). Each
	 * exchange ends with a Sync, so that an error leaves the protocol ready for the next one.
	 *
	 * A kept plan was made for the tables as they were: a table too small for its index then is
	 * read whole. A server analyzes growing tables, which makes its connections plan again;
	 * nothing does here, so a statement is prepared again once this store has run twice as many
	 * statements (and a thousand more) as when it was: by then its tables may have doubled.
	 */
	private runPrepared<R>(sql: string, params: unknown[] = []): Promise<R[]> {
		const { serialize } = protocol;
		const send = async (...messages: Uint8Array[]) => (await this.db.execProtocol(Buffer.concat([...messages, serialize.sync()]), { syncToFs: false })).messages;
		return this.db.runExclusive(async () => {
			let statement = this.prepared.get(sql);
			this.runs++;
			if (!statement || this.runs > statement.replanAfter) {
				this.prepared.delete(sql);
				const name = `omnichannel_${++this.statements}`;
				const close = statement ? [serialize.close({ type: 'S', name: statement.name })] : [];
				const described = await send(...close, serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }));
				const rows = described.filter((message) => message.name === 'rowDescription');
				statement = { name, types: parse.parseDescribeStatementResults(described), rows, replanAfter: 2 * this.runs + 1000 };
				this.prepared.set(sql, statement);
			}
			const { types } = statement;
			const values = params.map((value, i) => (value == null ? null : (this.db.serializers[types[i]]?.(value) ?? String(value))));
			const results = await send(serialize.bind({ statement: statement.name, values }), serialize.execute({}));
			return parse.parseResults([...statement.rows, ...results], this.db.parsers)[0].rows as R[];
		});
	}

	async compact(tables: string[]): Promise<void> {
		await this.db.query(vacuumFullSql(tables));
		// The write-ahead log still holds the rows: move to a new segment, and have the checkpoint
		// delete the old one rather than keep it for reuse with its contents.
		await this.db.exec('SET wal_recycle = off');
		await this.db.query('SELECT pg_switch_wal()');
		await this.db.query('CHECKPOINT');
	}

	async close(): Promise<void> {
		if (!this.db.closed) await this.db.close();
		this.unlock();
	}
}
