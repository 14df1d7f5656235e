import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the store suite runs against (database `test` on this machine by default). */
export const TEST_POSTGRES_URL = process.env.OMNICHANNEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Set by the global setup when the server can't be reached outside CI: those tests are skipped. */
export const postgresUnavailable = process.env.OMNICHANNEL_TEST_POSTGRES_UNAVAILABLE === '1';

/** A fresh schema name per suite, dropped afterwards, so suites never see each other's customers. */
export function uniqueSchema(prefix = 'omni_test'): string {
	return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
	const client = new Client({ connectionString: TEST_POSTGRES_URL });
	await client.connect();
	try {
		await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	} finally {
		await client.end();
	}
}
