import { createHash } from 'node:crypto';
import type { SqlClient } from './database';

/** Statements of the delivery ledger: which webhook events were already received. */

// Keys are kept as hashes: they name chats and messages, and nothing here needs them back.
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** Inserts the keys not yet there, in one statement; returns the ones inserted now. */
export async function claimDeliveries(db: SqlClient, keys: string[]): Promise<Set<string>> {
	if (!keys.length) return new Set();
	const byHash = new Map(keys.map((key) => [hashOf(key), key]));
	// Inserted in hash order: two processes claiming overlapping keys then never deadlock.
	const rows = await db.query<{ key_hash: string }>(
		'INSERT INTO deliveries (key_hash) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING key_hash',
		[[...byHash.keys()].sort()],
	);
	return new Set(rows.map((row) => byHash.get(row.key_hash) as string));
}

/** Forgets deliveries older than the providers retry. */
export async function pruneDeliveries(db: SqlClient, days: number): Promise<void> {
	await db.query('DELETE FROM deliveries WHERE received_at < now() - make_interval(days => $1)', [days]);
}
