import { CustomerGraph, describeStore, openStore, parseStoreLocation, type Database, type StoreConfig } from '../core';
import { CliError, failure, usageError } from './cli-io';

/** `--store`, taken by every command. */
export const STORE_OPTION = { store: { type: 'string' } } as const;

export const STORE_HELP = `  --store <folder | postgres://URL | memory://>
      Where customers are kept: a folder for the embedded store, a PostgreSQL server
      (postgres://user:password@host:5432/database, add ?schema=name for a schema other
      than "omnichannel"), or memory:// for a trial that keeps nothing.
      Default: $OMNICHANNEL_STORE when set (the same location syntax), else the embedded
      store in the n8n user folder ($N8N_USER_FOLDER/.n8n/omnichannel).`;

/** Reads `--store`; a malformed URL is a usage error. */
export function storeConfig(location: string | undefined): StoreConfig {
	try {
		return parseStoreLocation(location?.trim() || undefined);
	} catch {
		throw usageError(`--store: not a valid postgres:// URL; write postgres://user:password@host:5432/database`);
	}
}

const HINTS: [RegExp, string][] = [
	[/ECONNREFUSED/, 'connection refused: is the server running, and are the host and port right?'],
	[/ENOTFOUND|EAI_AGAIN/, 'host not found: check the host name'],
	[/ETIMEDOUT|timeout/i, 'the server did not answer in time: check the host, the port and any firewall'],
	[/password authentication failed|role ".*" does not exist/, 'check the user and password in the URL'],
	[/database ".*" does not exist/, 'create that database or fix its name in the URL'],
	[/EACCES|EPERM/, 'this user may not write there: choose another folder or fix its permissions'],
];

/** A store failure as one line: which store (without its password), what happened, what to check. */
export function storeFailure(config: StoreConfig, error: unknown) {
	const description = describeStore(config);
	const raw = error instanceof Error ? error.message : String(error);
	const reason = raw.replace(`Could not open the ${description}: `, '').replace(/\s+/g, ' ').trim() || 'the driver gave no detail';
	const hint = HINTS.find(([pattern]) => pattern.test(reason))?.[1];
	return failure(`--store ${description.replace(/^PostgreSQL /, '')}: ${hint ? `${hint} (${reason})` : reason}`);
}

export interface OpenStore {
	db: Database;
	config: StoreConfig;
	/** Runs store work; a failure of the store becomes an exit-1 message naming it (CliErrors pass through). */
	guard<T>(work: () => Promise<T>): Promise<T>;
}

/** Opens (and migrates) the store `--store` names. */
export async function openStoreOption(location: string | undefined): Promise<OpenStore> {
	const config = storeConfig(location);
	const guard = async <T>(work: () => Promise<T>): Promise<T> => {
		try {
			return await work();
		} catch (error) {
			throw error instanceof CliError ? error : storeFailure(config, error);
		}
	};
	const db = await guard(() => openStore(config));
	return { db, config, guard };
}

export interface OpenGraph extends Omit<OpenStore, 'db'> {
	graph: CustomerGraph;
}

/** Opens (and migrates) the store `--store` names, as a CustomerGraph. */
export async function openGraph(location: string | undefined): Promise<OpenGraph> {
	const { db, config, guard } = await openStoreOption(location);
	return { graph: new CustomerGraph(db), config, guard };
}
