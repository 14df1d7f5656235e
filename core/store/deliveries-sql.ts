import { createHash } from 'node:crypto';
import type { Database, SqlClient } from './database';
import { tombstoneKey, type TombstoneKey } from './tombstones';

/** Statements of the delivery ledger: which webhook events were already received. */

const sha256 = (...parts: (Buffer | string)[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();

// Keys name chats and messages and nothing needs them back: they are kept as HMACs under the
// store's key, like tombstones, so that guessing ids can't tell whose they were.
const hashOf = (key: string, { inner, outer }: TombstoneKey) => sha256(outer, sha256(inner, key)).toString('hex');

/** Inserts the keys not yet there, in one statement; returns the ones inserted now. */
export async function claimDeliveries(db: Database, keys: string[]): Promise<Set<string>> {
	if (!keys.length) return new Set();
	const secret = await tombstoneKey(db);
	const byHash = new Map(keys.map((key) => [hashOf(key, secret), key]));
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
