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
	/** Runs `work` in one transaction: all of it is committed, or none of it. */
	transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
