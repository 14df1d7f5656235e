import { createHash } from 'node:crypto';
import { Pool, type PoolConfig } from 'pg';
import { vacuumFullSql } from './compaction';
import type { Database, SqlClient } from './database';

const names = new Map<string, string>();

/** Statements run in transactions are prepared once per connection, then only bound and run. */
function statementName(sql: string): string {
	let name = names.get(sql);
	if (!name) {
		name = `omnichannel_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
		names.set(sql, name);
	}
	return name;
}

/** The scale-out store: a PostgreSQL server shared by every n8n worker. */
export class PostgresDatabase implements Database {
	private constructor(
		private readonly pool: Pool,
		readonly description: string,
	) {}

	/** Left to `n8n-omnichannel vacuum` or the server's own policy: VACUUM FULL locks tables every worker uses. */
	readonly compactsAfterErasure = false;

	static async open(config: PoolConfig, description: string): Promise<PostgresDatabase> {
		const pool = new Pool({ max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 15_000, ...config });
		// An idle client that loses its server must not crash the n8n process.
		pool.on('error', () => undefined);
		const database = new PostgresDatabase(pool, description);
		await database.query('SELECT 1');
		return database;
	}

	async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
		return (await this.pool.query(sql, params)).rows as T[];
	}

	async exec(sql: string): Promise<void> {
		await this.pool.query(sql);
	}

	async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work({
				query: async <R>(sql: string, params?: unknown[]) => (await client.query({ text: sql, values: params, name: statementName(sql) })).rows as R[],
				exec: async (sql: string) => void (await client.query(sql)),
			});
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}

	async compact(tables: string[]): Promise<void> {
		await this.pool.query(vacuumFullSql(tables));
	}

	async close(): Promise<void> {
		await this.pool.end();
	}
}
