import { isDeepStrictEqual } from 'node:util';
import { identityKey, messageKeys, type CanonicalEvent, type Channel, type Identity, type Traits } from '../model';
import type { Database, SqlClient } from '../store/database';
import { currentCustomerId, customerIdByIdentity } from '../store/customer-sql';
import * as sql from '../store/graph-sql';
import { insertTombstones, tombstoneKey } from '../store/tombstones';
import { applyTraits } from './batch-plan';
import { withConflictRetry } from './conflict-retry';

/** A request that can't be carried out as asked; the message says what to do instead. */
export class CustomerOperationError extends Error {}

async function requireCustomer(tx: SqlClient, id: string): Promise<string> {
	const current = await currentCustomerId(tx, id.trim());
	if (!current) throw new CustomerOperationError(`No customer with id "${id}": it may have been forgotten, or the id is mistyped`);
	const [locked] = await sql.lockProfiles(tx, [current]);
	if (!locked || locked.merged_into) throw new CustomerOperationError(`Customer "${id}" changed while this ran; try again`);
	return current;
}

async function lockedTraits(tx: SqlClient, id: string): Promise<Traits> {
	return (await tx.query<{ traits: Traits }>('SELECT traits FROM profiles WHERE id = $1', [id]))[0].traits;
}

function inTransaction<T>(db: Database, work: (tx: SqlClient) => Promise<T>): Promise<T> {
	return withConflictRetry(() => db.transaction(work));
}

/** Adds an identifier (already normalized and checked) to a customer. */
export function addIdentity(db: Database, customerId: string, identity: Identity, limit: number) {
	return inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		const owner = await customerIdByIdentity(tx, identity);
		if (owner === id) return { customerId: id, added: false };
		if (owner) {
			throw new CustomerOperationError(
				`${identity.kind} ${identity.value} already belongs to customer ${owner}: if they are the same person, use Merge Customers`,
			);
		}
		const [count] = await sql.identityCounts(tx, [id]).then((rows) => rows.filter((row) => row.kind === identity.kind));
		if ((count?.n ?? 0) >= limit) {
			throw new CustomerOperationError(`Customer ${id} already has ${count.n} ${identity.kind} identifiers, the limit; remove one or raise the limit`);
		}
		await sql.insertIdentities(tx, [{ identity, profileId: id }]);
		await sql.updateTraits(tx, new Map([[id, await lockedTraits(tx, id)]]));
		return { customerId: id, added: true };
	});
}

/** Merges `secondaryId` into `primaryId` on a person's decision; protection limits don't apply. */
export function mergeCustomers(db: Database, primaryId: string, secondaryId: string, note?: string) {
	return inTransaction(db, async (tx) => {
		const targetId = await requireCustomer(tx, primaryId);
		const sourceId = await requireCustomer(tx, secondaryId);
		if (targetId === sourceId) throw new CustomerOperationError(`${primaryId} and ${secondaryId} are already the same customer (${targetId})`);
		const before = await lockedTraits(tx, targetId);
		const sourceTraits = await lockedTraits(tx, sourceId);
		await sql.mergeProfiles(tx, [{ sourceId, targetId, reason: 'manual', evidence: { note: note ?? null }, targetTraitsBefore: before }]);
		await sql.updateTraits(tx, new Map([[targetId, { ...sourceTraits, ...before }]]));
		return { customerId: targetId, merged: [sourceId] };
	});
}

interface MergeRow {
	id: string;
	target_id: string;
	moved_identities: [string, string][];
	moved_events: [string, string][];
	target_traits_before: Traits;
}

/** Undoes the merge of `mergedId` into another customer: both are again as they were before it. */
export function unmergeCustomer(db: Database, mergedId: string) {
	return inTransaction(db, async (tx) => {
		const sourceId = mergedId.trim();
		const [merge] = await tx.query<MergeRow>(
			`SELECT id, target_id, moved_identities, moved_events, target_traits_before
			 FROM merges WHERE source_id::text = $1 AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1`,
			[sourceId],
		);
		if (!merge) throw new CustomerOperationError(`Customer "${mergedId}" is not merged into another customer: give the id of the customer that was merged away`);
		const targetId = await requireCustomer(tx, merge.target_id);
		await sql.lockProfiles(tx, [sourceId]);
		// Only what is still where the merge put it goes back; what moved since stays.
		const moveBack = (table: string, keys: [string, string][], [a, b]: [string, string]) =>
			tx.query(
				`UPDATE ${table} t SET profile_id = $1 FROM unnest($2::text[], $3::text[]) AS k(a, b) WHERE t.${a} = k.a AND t.${b} = k.b AND t.profile_id = $4`,
				[sourceId, keys.map((key) => key[0]), keys.map((key) => key[1]), targetId],
			);
		await moveBack('identities', merge.moved_identities, ['kind', 'value']);
		await moveBack('events', merge.moved_events, ['channel', 'external_id']);
		await tx.query('UPDATE profiles SET merged_into = NULL, merged_at = NULL, updated_at = now() WHERE id = $1', [sourceId]);
		await tx.query('UPDATE merges SET unmerged_at = now() WHERE id = $1', [merge.id]);
		// Traits the merge brought over are taken back, unless they were changed since.
		const sourceTraits = await lockedTraits(tx, sourceId);
		const traits = { ...(await lockedTraits(tx, targetId)) };
		for (const [key, value] of Object.entries(sourceTraits)) {
			if (!(key in merge.target_traits_before) && isDeepStrictEqual(traits[key], value)) delete traits[key];
		}
		await sql.updateTraits(tx, new Map([[targetId, traits]]));
		return { customerId: sourceId, unmergedFrom: targetId };
	});
}

/** The tables forgetting deletes from, in the order it does. */
const ERASED_TABLES = ['events', 'identities', 'merges', 'profiles'] as const;

/**
 * Erases a customer (right to erasure, GDPR/LGPD): the customer, every customer merged into it,
 * their identifiers, history and merge audit. Only tombstones stay (keyed hashes, see
 * store/tombstones.ts): of their events and of the messages those were about, so that a
 * redelivered webhook, a late receipt, an edit or a reaction stores nothing; and of their
 * identifiers, which bulk imports skip. A store that compacts itself then rewrites the tables,
 * so that the erased rows leave its files.
 */
export async function forgetCustomer(db: Database, customerId: string) {
	const key = await tombstoneKey(db);
	const { deleted, ...result } = await inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		const tree = (
			await tx.query<{ id: string }>(
				`WITH RECURSIVE tree AS (
				   SELECT id FROM profiles WHERE id = $1
				   UNION ALL SELECT p.id FROM profiles p JOIN tree t ON p.merged_into = t.id
				 ) SELECT id FROM tree`,
				[id],
			)
		).map((row) => row.id);
		const events = await tx.query<{ channel: Channel; external_id: string; thread: CanonicalEvent['thread'] | null }>(
			`DELETE FROM events WHERE profile_id = ANY($1::uuid[]) RETURNING channel, external_id, body->'thread' AS thread`,
			[tree],
		);
		const identities = await tx.query<Identity>('DELETE FROM identities WHERE profile_id = ANY($1::uuid[]) RETURNING kind, value', [tree]);
		const messages = events.flatMap((row) => messageKeys({ channel: row.channel, externalId: row.external_id, thread: row.thread ?? undefined }));
		await insertTombstones(tx, 'forgotten_events', messages, key);
		await insertTombstones(tx, 'forgotten_identities', identities.map(identityKey), key);
		const count = async (statement: string) => (await tx.query<{ n: number }>(`WITH gone AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [tree]))[0].n;
		const merges = await count('DELETE FROM merges WHERE target_id = ANY($1::uuid[]) OR source_id = ANY($1::uuid[])');
		const customers = await count('DELETE FROM profiles WHERE id = ANY($1::uuid[])');
		const deleted = { events: events.length, identities: identities.length, merges, profiles: customers };
		return { customerId: id, customers, identities: identities.length, events: events.length, deleted };
	});
	if (!db.compactsAfterErasure) return { ...result, compacted: false };
	try {
		await db.compact(ERASED_TABLES.filter((table) => deleted[table] > 0));
		return { ...result, compacted: true };
	} catch (error) {
		// The erasure is committed; only its traces in the table files remain, until a compaction.
		return { ...result, compacted: false, compactionError: `${(error as Error).message}: run n8n-omnichannel vacuum` };
	}
}

/** Sets traits on a customer; a null value removes that trait. */
export function updateCustomerTraits(db: Database, customerId: string, changes: Traits) {
	return inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		const traits = applyTraits(await lockedTraits(tx, id), changes);
		await sql.updateTraits(tx, new Map([[id, traits]]));
		return { customerId: id, traits };
	});
}
