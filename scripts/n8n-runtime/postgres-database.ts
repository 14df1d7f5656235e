/**
 * PostgreSQL for the local n8n: one database holds n8n's tables (schema public) and the
 * customer store (schema omnichannel), created on first use.
 */
import { Client } from 'pg';
import type { N8nDatabase } from './n8n-process';

export interface PostgresSetup {
	/** n8n's DB_* settings. */
	n8n: N8nDatabase;
	/** OMNICHANNEL_STORE for the Customer Merge nodes without a store credential. */
	storeUrl: string;
	/** The server and database, without the password. */
	description: string;
}

/** `url` naming another database of the same server. */
export function databaseUrl(url: string, database: string): string {
	const other = new URL(url);
	other.pathname = `/${database}`;
	return other.toString();
}

/** A client of the server's maintenance database, to create and drop others. */
function adminClient(url: string): Client {
	return new Client({ connectionString: databaseUrl(url, 'postgres'), connectionTimeoutMillis: 5000 });
}

/** Drops the database of `url` (e.g. a benchmark's own), once nothing uses it any more. */
export async function dropPostgresDatabase(url: string): Promise<void> {
	const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
	const client = adminClient(url);
	await client.connect();
	try {
		await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
	} finally {
		await client.end();
	}
}

/** Creates the database of `url` when the server does not have it yet. */
export async function preparePostgres(url: string): Promise<PostgresSetup> {
	const parsed = new URL(url);
	const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'n8n_omnichannel_local';
	const client = adminClient(url);
	try {
		await client.connect();
	} catch (error) {
		throw new Error(`PostgreSQL is not reachable at ${parsed.host}: ${(error as Error).message}`, { cause: error });
	}
	try {
		const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
		if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
	} finally {
		await client.end();
	}
	const store = new URL(url);
	store.searchParams.set('schema', 'omnichannel');
	const shown = new URL(url);
	if (shown.password) shown.password = '***';
	return {
		n8n: {
			type: 'postgres',
			host: parsed.hostname,
			port: Number(parsed.port || 5432),
			database,
			user: decodeURIComponent(parsed.username) || 'postgres',
			password: decodeURIComponent(parsed.password),
		},
		storeUrl: store.toString(),
		description: `PostgreSQL ${shown.host}/${database}`,
	};
}
