import { closeStores, openStore, type Database, type StoreConfig } from '../../core';
import { migrate } from '../../core/store/migrations';
import { PgliteDatabase } from '../../core/store/pglite-database';
import { PostgresDatabase } from '../../core/store/postgres-database';
import { dropSchema, postgresUnavailable, TEST_POSTGRES_URL, uniqueSchema } from './postgres';

export interface TestStore {
	name: string;
	/** A store of its own for one suite: in-memory PGlite, or a fresh schema on the server. */
	config(): StoreConfig;
	available: boolean;
}

export const TEST_STORES: TestStore[] = [
	{ name: 'embedded (PGlite)', available: true, config: () => ({ type: 'embedded' }) },
	{
		name: 'PostgreSQL server',
		available: !postgresUnavailable,
		config: () => ({ type: 'postgres', connectionString: TEST_POSTGRES_URL, schema: uniqueSchema() }),
	},
];

/** Opens a fresh store for a suite and cleans it up after: call inside a describe. */
export function useStore(store: TestStore): { db: () => Database; config: () => StoreConfig } {
	let config: StoreConfig;
	let db: Database;
	beforeAll(async () => {
		config = store.config();
		db = await openStore(config);
	});
	afterAll(async () => {
		await closeStores();
		if (config.type === 'postgres' && config.schema) await dropSchema(config.schema);
	});
	return { db: () => db, config: () => config };
}

/** describe.each over both drivers, skipping the server when it is not reachable outside CI. */
export function describeEachStore(name: string, body: (store: TestStore) => void): void {
	for (const store of TEST_STORES) {
		(store.available ? describe : describe.skip)(`${name} — ${store.name}`, () => body(store));
	}
}

/** A store at schema version `version`, as an earlier release left it: in memory, or in `schema` on the server. */
export async function storeAtVersion(version: number, server: boolean, schema: string): Promise<Database> {
	const db = server ? await PostgresDatabase.open({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}` }, 'test server') : await PgliteDatabase.open(undefined, schema);
	await migrate(db, schema, version);
	return db;
}

/**
 * `count` connections of their own (one each) to a fresh schema on the server, as n8n
 * queue-mode workers have, migrated before the suite and dropped after: call inside a describe.
 */
export function useWorkerConnections(prefix: string, count: number): PostgresDatabase[] {
	const schema = uniqueSchema(prefix);
	const workers: PostgresDatabase[] = [];
	beforeAll(async () => {
		for (let i = 0; i < count; i++) {
			workers.push(await PostgresDatabase.open({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}`, max: 1 }, `worker ${i}`));
		}
		await migrate(workers[0], schema);
	});
	afterAll(async () => {
		await Promise.all(workers.map((db) => db.close()));
		await dropSchema(schema);
	});
	return workers;
}
