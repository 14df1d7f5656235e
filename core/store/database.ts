/** Runs SQL; the same statements run on the embedded store and on a PostgreSQL server. */
export interface SqlClient {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Runs a script of several statements without parameters (migrations). */
	exec(sql: string): Promise<void>;
}

/** A connection to one store: the embedded PGlite folder or a PostgreSQL server. */
export interface Database extends SqlClient {
	/** Where the data lives, for messages: a folder, or a server without its password. */
	readonly description: string;
	/**
	 * Whether erasing data compacts the store right away (see `compact`): the embedded store,
	 * which nobody else vacuums. A server is left to its administrator, since rewriting a table
	 * locks out every worker that uses it.
	 */
	readonly compactsAfterErasure: boolean;
	/** Runs `work` in one transaction: all of it is committed, or none of it. */
	transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
	/**
	 * Rewrites these tables (VACUUM FULL), outside any transaction: deleted rows leave their
	 * files, which until then still hold them.
	 */
	compact(tables: string[]): Promise<void>;
	close(): Promise<void>;
}
