import { isDeepStrictEqual } from 'node:util';
import type { Identity, Traits } from '../model';
import type { Database, SqlClient } from '../store/database';
import { tablesToCompact } from '../store/compaction';
import { currentCustomerId, customerIdByIdentifier } from '../store/customer-sql';
import { customerTables } from '../store/customer-tables';
import { customerTree, eraseCustomers } from '../store/forget-sql';
import * as sql from '../store/graph-sql';
import { writeMerges } from '../store/merge-sql';
import { tombstoneKey } from '../store/tombstones';
import { customersSharing } from '../store/shared-identifier-sql';
import { mergeInForce, undoMerge } from '../store/unmerge-sql';
import type { ConsentChange } from '../consent/consent-change';
import { insertConsentChanges } from '../store/consent-sql';
import { applyTraits } from './batch-plan';
import { withConflictRetry } from './conflict-retry';

/** A request that can't be carried out as asked; the message says what to do instead. */
export class CustomerOperationError extends Error {}

export async function requireCustomer(tx: SqlClient, id: string): Promise<string> {
	const current = await currentCustomerId(tx, id.trim());
	if (!current) throw new CustomerOperationError(`No customer with id "${id}": it may have been forgotten, or the id is mistyped`);
	const [locked] = await sql.lockCustomers(tx, [current]);
	if (!locked || locked.merged_into) throw new CustomerOperationError(`Customer "${id}" changed while this ran; try again`);
	return current;
}

export function inTransaction<T>(db: Database, work: (tx: SqlClient) => Promise<T>): Promise<T> {
	return withConflictRetry(() => db.transaction(work));
}

/** Adds an identifier (already normalized and checked) to a customer. */
export function addIdentifier(db: Database, customerId: string, identifier: Identity, limit: number) {
	return inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		const owner = await customerIdByIdentifier(tx, identifier);
		if (owner === id) return { customerId: id, added: false };
		const sharing = await customersSharing(tx, identifier);
		if (sharing.length) {
			throw new CustomerOperationError(`${identifier.kind} ${identifier.value} is shared by ${sharing.length} customers (${sharing.join(', ')}): it links whoever writes from it with an e-mail or another personal identifier, and can't be given to one`);
		}
		if (owner) {
			throw new CustomerOperationError(
				`${identifier.kind} ${identifier.value} already belongs to customer ${owner}: if they are the same person, use Merge Customers`,
			);
		}
		const [count] = await sql.identifierCounts(tx, [id]).then((rows) => rows.filter((row) => row.kind === identifier.kind));
		if ((count?.n ?? 0) >= limit) {
			throw new CustomerOperationError(`Customer ${id} already has ${count.n} ${identifier.kind} identifiers, the limit; remove one or raise the limit`);
		}
		await sql.insertIdentifiers(tx, [{ identifier, customerId: id }]);
		await sql.updateTraits(tx, new Map([[id, await sql.customerTraits(tx, id)]]));
		return { customerId: id, added: true };
	});
}

/** Records a consent change a person or a form made (or an import brought) for a customer. */
export function changeConsent(db: Database, customerId: string, change: ConsentChange) {
	return inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		await insertConsentChanges(tx, [{ ...change, customerId: id }]);
		return { customerId: id, ...change };
	});
}

/**
 * Removes an identifier from a customer, when what it names is gone (a CRM record deleted or
 * merged away); the customer stays, known by the rest. Removing one the customer does not hold
 * changes nothing.
 */
export function removeIdentifier(db: Database, customerId: string, identifier: Identity) {
	return inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		const removed = await sql.deleteIdentifier(tx, id, identifier);
		// Rewritten so that the row's version changes, as for an identifier added: resolution sees it moved.
		if (removed) await sql.updateTraits(tx, new Map([[id, await sql.customerTraits(tx, id)]]));
		return { customerId: id, removed };
	});
}

/** Merges `secondaryId` into `primaryId` on a person's decision; protection limits don't apply. */
export function mergeCustomers(db: Database, primaryId: string, secondaryId: string, note?: string) {
	return inTransaction(db, async (tx) => {
		const targetId = await requireCustomer(tx, primaryId);
		const sourceId = await requireCustomer(tx, secondaryId);
		if (targetId === sourceId) throw new CustomerOperationError(`${primaryId} and ${secondaryId} are already the same customer (${targetId})`);
		const before = await sql.customerTraits(tx, targetId);
		const sourceTraits = await sql.customerTraits(tx, sourceId);
		await writeMerges(tx, [{ sourceId, targetId, reason: 'manual', evidence: { note: note ?? null }, targetTraitsBefore: before }]);
		await sql.updateTraits(tx, new Map([[targetId, { ...sourceTraits, ...before }]]));
		return { customerId: targetId, merged: [sourceId] };
	});
}

/** Undoes the merge of `mergedId` into another customer: both are again as they were before it. */
export function unmergeCustomer(db: Database, mergedId: string) {
	return inTransaction(db, async (tx) => {
		const sourceId = mergedId.trim();
		const merge = await mergeInForce(tx, sourceId);
		if (!merge) throw new CustomerOperationError(`Customer "${mergedId}" is not merged into another customer: give the id of the customer that was merged away`);
		const targetId = await requireCustomer(tx, merge.targetId);
		await sql.lockCustomers(tx, [sourceId]);
		// Only what is still where the merge put it goes back; what moved since stays.
		await undoMerge(tx, merge, sourceId, targetId);
		// Traits the merge brought over are taken back, unless they were changed since.
		const sourceTraits = await sql.customerTraits(tx, sourceId);
		const traits = { ...(await sql.customerTraits(tx, targetId)) };
		for (const [key, value] of Object.entries(sourceTraits)) {
			if (!(key in merge.targetTraitsBefore) && isDeepStrictEqual(traits[key], value)) delete traits[key];
		}
		await sql.updateTraits(tx, new Map([[targetId, traits]]));
		return { customerId: sourceId, unmergedFrom: targetId };
	});
}

/**
 * Erases a customer (right to erasure, GDPR/LGPD): the customer, every customer merged into it,
 * their rows in every per-customer table (identifiers, history, …) and their merge audit. Only
 * tombstones stay (keyed hashes, see store/tombstones.ts), written by the tables that keep them
 * (store/customer-tables.ts): of their events and of the messages those were about, so that a
 * redelivered webhook, a late receipt, an edit or a reaction stores nothing; and of their
 * identifiers, which bulk imports skip. A store that compacts itself then rewrites the tables,
 * so that the erased rows leave its files.
 */
export async function forgetCustomer(db: Database, customerId: string) {
	const key = await tombstoneKey(db);
	const { deleted, ...result } = await inTransaction(db, async (tx) => {
		const id = await requireCustomer(tx, customerId);
		const deleted = await eraseCustomers(tx, await customerTree(tx, id), key);
		// Counted under the names the summary has always had (identities, events, …).
		const perTable = Object.fromEntries(customerTables().map(({ table, formerName }) => [formerName ?? table, deleted[table]]));
		return { customerId: id, customers: deleted.customers, ...perTable, deleted };
	});
	if (!db.compactsAfterErasure) return { ...result, compacted: false };
	try {
		await db.compact(tablesToCompact(deleted));
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
		const traits = applyTraits(await sql.customerTraits(tx, id), changes);
		await sql.updateTraits(tx, new Map([[id, traits]]));
		return { customerId: id, traits };
	});
}
