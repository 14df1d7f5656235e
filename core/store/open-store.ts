import type { Database } from './database';
import { migrate } from './migrations';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import { tombstoneKey } from './tombstones';
import { DEFAULT_SCHEMA, describeStore, type StoreConfig } from './store-config';

// One open database per location in this process: n8n runs many executions at once, and an
// embedded folder must never be opened twice.
const openStores = new Map<string, Promise<Database>>();

async function connect(config: StoreConfig): Promise<Database> {
	const schema = config.schema ?? DEFAULT_SCHEMA;
	const description = describeStore(config);
	let db: Database;
	try {
		if (config.type === 'embedded') {
			db = await PgliteDatabase.open(config.folder, schema);
		} else {
			const { connectionString, host, port, database, user, password, ssl } = config;
			// No JIT: our statements are short look-ups and inserts, which compiling only slows down,
			// and on tables without statistics the planner may think them big enough for it.
			const options = `-c search_path=${schema} -c jit=off`;
			db = await PostgresDatabase.open(
				{ connectionString, host, port, database, user, password, ssl: ssl === 'require' ? { rejectUnauthorized: false } : ssl === 'verify' ? true : undefined, options },
				description,
			);
		}
	} catch (error) {
		throw new Error(`Could not open the ${description}: ${(error as Error).message}`, { cause: error });
	}
	await migrate(db, schema);
	// Read once per open store; the first open of a store makes it (and re-keys old tombstones).
	await tombstoneKey(db);
	return db;
}

/** The database at `config`, opened and migrated once per process and shared. */
export function openStore(config: StoreConfig): Promise<Database> {
	const key = JSON.stringify(config);
	let db = openStores.get(key);
	if (!db) {
		db = connect(config);
		openStores.set(key, db);
		db.catch(() => openStores.delete(key));
	}
	return db;
}

/** Closes every store this process opened (the CLI and tests, at exit). */
export async function closeStores(): Promise<void> {
	const all = [...openStores.values()];
	openStores.clear();
	await Promise.all(all.map(async (db) => (await db.catch(() => undefined))?.close()));
}
