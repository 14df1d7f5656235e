import { createHash, randomBytes } from 'node:crypto';
import type { Database, SqlClient } from './database';

/**
 * Tombstones: what stays of a forgotten customer, so that nothing brings it back. A tombstone
 * is HMAC-SHA256, under a secret key of the store, of sha256 (in hex) of a key: a message an
 * event is or is about (messageKey, core/model/message-reference.ts) or an identifier
 * ("kind:value"). Without the key, guessing ids can't find whose they are. The inner sha256
 * is what tombstones were before they had a key: those were re-keyed in place, so every
 * tombstone is hashed one way and each key is checked in one look-up (a Telegram message is
 * looked up under two keys, see messageKeyForms).
 */

/** The tables of tombstones: events and the messages they were about, and identifiers. */
export type TombstoneTable = 'forgotten_events' | 'forgotten_identifiers';

/** The store's key as HMAC uses it: zero-padded to SHA-256's 64-byte block, xor ipad and xor opad. */
export interface TombstoneKey {
	inner: Buffer;
	outer: Buffer;
}

const BLOCK = 64;
const KEY_SETTING = 'tombstone_key';

export function hmacPads(key: Buffer): TombstoneKey {
	if (key.length > BLOCK) throw new Error(`a tombstone key has at most ${BLOCK} bytes`);
	const block = Buffer.alloc(BLOCK);
	key.copy(block);
	return { inner: Buffer.from(block.map((byte) => byte ^ 0x36)), outer: Buffer.from(block.map((byte) => byte ^ 0x5c)) };
}

/**
 * HMAC-SHA256 (RFC 2104) in SQL with built-in functions only, as hex: sha256((K xor opad) ||
 * sha256((K xor ipad) || message)). `inner` and `outer` are the parameters holding the pads.
 */
export function hmacSql(message: string, inner: string, outer: string): string {
	return `encode(sha256(${outer}::bytea || sha256(${inner}::bytea || convert_to(${message}, 'UTF8'))), 'hex')`;
}

/** The tombstone of a key, as hex: computed here rather than in SQL, so the database only looks it up. */
export function tombstoneOf(value: string, key: TombstoneKey): string {
	const inner = createHash('sha256').update(key.inner).update(createHash('sha256').update(value).digest('hex')).digest();
	return createHash('sha256').update(key.outer).update(inner).digest('hex');
}

const keys = new WeakMap<Database, Promise<TombstoneKey>>();

/** The store's tombstone key, read once per open store (and made on first use). */
export function tombstoneKey(db: Database): Promise<TombstoneKey> {
	let key = keys.get(db);
	if (!key) {
		key = readOrMakeKey(db);
		keys.set(db, key);
		key.catch(() => keys.delete(db));
	}
	return key;
}

async function readOrMakeKey(db: Database): Promise<TombstoneKey> {
	const read = async (client: SqlClient) => (await client.query<{ value: string }>('SELECT value FROM store_settings WHERE name = $1', [KEY_SETTING]))[0]?.value;
	const stored = await read(db);
	if (stored) return hmacPads(Buffer.from(stored, 'hex'));
	const { key, rekeyed } = await db.transaction(async (tx) => {
		// Workers opening a new store at once: the first insert wins, the others wait for it and read its key.
		const made = randomBytes(BLOCK);
		const [inserted] = await tx.query('INSERT INTO store_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING 1', [KEY_SETTING, made.toString('hex')]);
		if (!inserted) return { key: hmacPads(Buffer.from((await read(tx))!, 'hex')), rekeyed: 0 };
		const pads = hmacPads(made);
		// Tombstones from before keys are sha256 in hex: HMAC over them gives the form of all others.
		const [{ n }] = await tx.query<{ n: number }>(
			`WITH rekeyed AS (UPDATE forgotten_events SET key_hash = ${hmacSql('key_hash', '$1', '$2')} RETURNING 1) SELECT count(*)::int AS n FROM rekeyed`,
			[pads.inner, pads.outer],
		);
		return { key: pads, rekeyed: n };
	});
	// The guessable hashes they replaced are still in the table's file until it is rewritten.
	if (rekeyed && db.compactsAfterErasure) await db.compact(['forgotten_events']);
	return key;
}

/** Remembers these keys in `table`, as tombstones. */
export async function insertTombstones(tx: SqlClient, table: TombstoneTable, values: string[], key: TombstoneKey): Promise<void> {
	if (!values.length) return;
	// In hash order: two Forgets writing the same tombstone (a reaction of one to a message of the other) wait on each other instead of deadlocking.
	const hashes = [...new Set(values.map((value) => tombstoneOf(value, key)))].sort();
	await tx.query(`INSERT INTO ${table} (key_hash) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`, [hashes]);
}

/** Of these keys (listed only when the table holds any tombstone), the ones `table` holds a tombstone of. */
export async function tombstonedKeys(tx: SqlClient, table: TombstoneTable, keysToCheck: () => string[], key: TombstoneKey): Promise<Set<string>> {
	// Most stores hold no tombstones yet: one cheap look at the table spares listing and hashing every key of the batch.
	if (!(await tx.query(`SELECT 1 FROM ${table} ORDER BY key_hash LIMIT 1`)).length) return new Set();
	const values = keysToCheck();
	if (!values.length) return new Set();
	const byHash = new Map(values.map((value) => [tombstoneOf(value, key), value]));
	// One index look-up per key (the LIMIT keeps it one on tables without statistics).
	const found = await tx.query<{ hash: string }>(
		`SELECT k.hash FROM unnest($1::text[]) AS k(hash) CROSS JOIN LATERAL (SELECT 1 FROM ${table} WHERE key_hash = k.hash LIMIT 1) f`,
		[[...byHash.keys()]],
	);
	return new Set(found.map((row) => byHash.get(row.hash)!));
}
