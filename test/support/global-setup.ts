import { Client } from 'pg';
import { TEST_POSTGRES_URL } from './postgres';

/** Checks once whether the PostgreSQL server is there: in CI its absence fails the run, elsewhere its tests are skipped. */
export default async function globalSetup(): Promise<void> {
	const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
	} catch (error) {
		if (process.env.CI) throw new Error(`PostgreSQL is required in CI and is not reachable at ${TEST_POSTGRES_URL}: ${(error as Error).message}`);
		process.env.OMNICHANNEL_TEST_POSTGRES_UNAVAILABLE = '1';
		process.stdout.write(`\nPostgreSQL not reachable at ${TEST_POSTGRES_URL}: its store tests are skipped (set OMNICHANNEL_TEST_POSTGRES_URL to run them).\n`);
	} finally {
		await client.end().catch(() => undefined);
	}
}
