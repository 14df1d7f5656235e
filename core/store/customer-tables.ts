import { identityKey, messageKeys, type CanonicalEvent, type Channel, type IdentityKind } from '../model';
import { foldConversations, unfoldConversations } from './conversation-folds';
import type { SqlClient } from './database';
import { deleteUncarriedMessages } from './engagement-sends-sql';
import { insertTombstones, type TombstoneKey } from './tombstones';

/** A row a Forget deleted: its key columns and whatever its hook asked for, by column name. */
export type ErasedRow = Record<string, unknown>;

/** What a table does once Forget deleted its customer's rows: leave tombstones so that nothing brings the data back, delete what only those rows used. */
export interface ErasureHook {
	/** Expressions the hook needs of each deleted row besides its key columns, e.g. "body->'thread' AS thread". */
	returning?: string[];
	/** Runs on the rows just deleted; tombstones are keyed hashes only (see tombstones.ts). */
	after(tx: SqlClient, rows: ErasedRow[], key: TombstoneKey): Promise<void>;
}

/**
 * A table of per-customer data: its rows belong to one customer each and follow it, moving on
 * merge, moving back on unmerge, deleted on forget. The customer column holds the customer's
 * uuid and needs an index (merges, unmerges and forgets look rows up by it); the key columns
 * identify a row whatever customer holds it (the audit of a merge names the rows it moved by
 * them, so changing them means rewriting the audit's keys in the same migration).
 */
export interface CustomerTable {
	table: string;
	keyColumns: string[];
	customerColumn: string;
	/**
	 * The name the table had before a migration renamed it: merge audits written until then
	 * name its rows by it, and Forget's summary keeps counting them under it, the field that
	 * workflows and scripts already read.
	 */
	formerName?: string;
	/**
	 * Tables whose rows belong to this table's rows and are deleted with them (ON DELETE
	 * CASCADE): compacted with it, so that what they held leaves the files too.
	 */
	dependents?: string[];
	/** Runs after a merge moved rows of this table to these customers (merge targets, their rows locked); not when it moved none. */
	afterMerge?(tx: SqlClient, targetIds: string[]): Promise<void>;
	/** Runs after an unmerge moved rows back between these customers. */
	afterUnmerge?(tx: SqlClient, customerIds: string[]): Promise<void>;
	/** Forget deletes the rows, then runs this hook on them. */
	erased?: ErasureHook;
}

const identifiers: CustomerTable = {
	table: 'identifiers',
	keyColumns: ['kind', 'value'],
	customerColumn: 'customer_id',
	// Called identities until schema version 7.
	formerName: 'identities',
	// Bulk imports skip forgotten customers' identifiers.
	erased: {
		after: (tx, rows, key) => insertTombstones(tx, 'forgotten_identifiers', rows.map((row) => identityKey({ kind: row.kind as IdentityKind, value: row.value as string })), key),
	},
};

// A link of a shared phone follows its customer; it names no one else, so it leaves no tombstone.
const sharedIdentifiers: CustomerTable = {
	table: 'shared_identifiers',
	keyColumns: ['id'],
	customerColumn: 'customer_id',
};

const events: CustomerTable = {
	table: 'events',
	keyColumns: ['channel', 'external_id'],
	customerColumn: 'customer_id',
	// A redelivery, a late receipt, an edit, a reaction or a reply to one of these messages stores nothing.
	erased: {
		// The provider's id is in the body (external_id is the key within the channel); rows from before accounts have no account.
		returning: [`account`, `coalesce(body->>'externalId', external_id) AS provider_id`, `body->'thread' AS thread`],
		after: (tx, rows, key) => {
			const keys = rows.flatMap((row) =>
				messageKeys({
					channel: row.channel as Channel,
					account: (row.account as string | null) ?? undefined,
					externalId: row.provider_id as string,
					thread: (row.thread as CanonicalEvent['thread'] | null) ?? undefined,
				}),
			);
			return insertTombstones(tx, 'forgotten_events', keys, key);
		},
	},
};

// A conversation follows its customer; its notes follow it (they reference it), and events
// name it by id, which no merge changes.
const conversations: CustomerTable = {
	table: 'conversations',
	keyColumns: ['id'],
	customerColumn: 'customer_id',
	dependents: ['conversation_notes'],
	// A customer has at most one conversation going: those a merge brings together are folded into one.
	afterMerge: foldConversations,
	afterUnmerge: unfoldConversations,
};

// What the CRM nodes logged on contacts' timelines (crm/activity-ledger.ts): the customer's
// ledger goes where the customer goes, and a forgotten customer's goes with it.
const crmActivities: CustomerTable = {
	table: 'crm_activities',
	keyColumns: ['crm', 'contact_id', 'activity_key'],
	customerColumn: 'customer_id',
};

// Consent follows its customer: a merged customer's consent now is the latest change of either.
const consentChanges: CustomerTable = {
	table: 'consent_changes',
	keyColumns: ['id'],
	customerColumn: 'customer_id',
};

// The sends an Engagement Policy decided follow their customer: a merged customer's caps count both
// histories. A message no other customer's send carries goes with them: an expression may have
// written them into it.
const engagementSends: CustomerTable = {
	table: 'engagement_sends',
	keyColumns: ['id'],
	customerColumn: 'customer_id',
	dependents: ['engagement_messages'],
	erased: {
		returning: ['message_id'],
		after: (tx, rows) => deleteUncarriedMessages(tx, [...new Set(rows.map((row) => row.message_id as string))]),
	},
};

// Tables of the store that are not per-customer data, or whose names a Forget's summary uses.
const RESERVED = new Set(['customers', 'merges', 'forgotten_events', 'forgotten_identifiers', 'deliveries', 'store_settings', 'schema_migrations', 'compacted', 'agents', 'queues', 'conversation_notes', 'engagement_messages']);
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const registered: CustomerTable[] = [identifiers, sharedIdentifiers, events, conversations, crmActivities, consentChanges, engagementSends];
let version = 0;

/** The per-customer tables, in the order merges, unmerges and forgets go through them. */
export function customerTables(): readonly CustomerTable[] {
	return registered;
}

/** Changes whenever the registry does: statements built from it are rebuilt. */
export function customerTablesVersion(): number {
	return version;
}

/**
 * Registers a table of per-customer data (created by a migration, in every store this process
 * opens): merge, unmerge and forget then act on it too. Returns a function that unregisters it.
 */
export function registerCustomerTable(entry: CustomerTable): () => void {
	const names = [entry.table, entry.customerColumn, ...entry.keyColumns, ...(entry.formerName === undefined ? [] : [entry.formerName])];
	const bad = names.find((name) => !SQL_NAME.test(name));
	if (bad !== undefined) throw new Error(`"${bad}" is not a plain lower-case SQL name`);
	if (!entry.keyColumns.length) throw new Error(`${entry.table} needs at least one key column`);
	const taken = (name: string) => RESERVED.has(name) || registered.some((table) => table.table === name || table.formerName === name);
	if (taken(entry.table)) throw new Error(`${entry.table} is already a table of the store`);
	if (entry.formerName !== undefined && taken(entry.formerName)) throw new Error(`${entry.formerName} is already a table of the store`);
	registered.push(entry);
	version++;
	return () => {
		const index = registered.indexOf(entry);
		if (index >= 0) registered.splice(index, 1);
		version++;
	};
}
