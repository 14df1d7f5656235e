import type { Database } from '../store/database';
import { claimCrmActivity, forgetCrmContactActivities, recordCrmActivity, releaseCrmActivity } from '../store/crm-activities-sql';
import type { CrmActivityResult, CrmKind } from './types';

/** One activity put on one contact's timeline in one CRM. */
export interface LedgerEntry {
	crm: CrmKind;
	contactId: string;
	/** The activity's key (CrmActivity.key). */
	key: string;
	/** Our customer, when in the store: the entry follows it on merge and goes on forget. */
	customerId?: string;
}

export type LedgerClaim = { claimed: true } | { claimed: false; record?: CrmActivityResult };

/**
 * What was already logged on CRM timelines, so that a redelivered event is logged once. An
 * entry is claimed before the CRM is called (of two executions logging the same key at once,
 * one calls the CRM), recorded with what the CRM created, or released when the call failed.
 */
export interface ActivityLedger {
	/** Claims the entry; when it was claimed before, says what was created then (nothing yet while in flight). */
	claim(entry: LedgerEntry): Promise<LedgerClaim>;
	record(entry: LedgerEntry, record: CrmActivityResult): Promise<void>;
	release(entry: LedgerEntry): Promise<void>;
	/** Forgets every entry of a contact erased in the CRM. */
	forgetContact(crm: CrmKind, contactId: string): Promise<void>;
}

/** How many activities a process remembers without a store. */
const REMEMBERED_IN_MEMORY = 50_000;

const entryKey = ({ crm, contactId, key }: LedgerEntry) => JSON.stringify([crm, contactId, key]);

/** The ledger in this process's memory, the most recent first to stay: exact in n8n's regular mode until a restart. */
export class MemoryActivityLedger implements ActivityLedger {
	private readonly entries = new Map<string, CrmActivityResult | null>();

	constructor(private readonly capacity = REMEMBERED_IN_MEMORY) {}

	async claim(entry: LedgerEntry): Promise<LedgerClaim> {
		const key = entryKey(entry);
		if (this.entries.has(key)) return { claimed: false, record: this.entries.get(key) ?? undefined };
		this.entries.set(key, null);
		// A Map iterates in insertion order: the oldest entries go first.
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.capacity) break;
			this.entries.delete(oldest);
		}
		return { claimed: true };
	}

	async record(entry: LedgerEntry, record: CrmActivityResult): Promise<void> {
		this.entries.set(entryKey(entry), record);
	}

	async release(entry: LedgerEntry): Promise<void> {
		this.entries.delete(entryKey(entry));
	}

	async forgetContact(crm: CrmKind, contactId: string): Promise<void> {
		const prefix = JSON.stringify([crm, contactId]).slice(0, -1);
		for (const key of [...this.entries.keys()]) if (key.startsWith(`${prefix},`)) this.entries.delete(key);
	}
}

/** The ledger in the store (table crm_activities): every worker agrees, and it follows its customer. */
export class StoreActivityLedger implements ActivityLedger {
	constructor(private readonly db: Database) {}

	claim(entry: LedgerEntry): Promise<LedgerClaim> {
		return claimCrmActivity(this.db, entry);
	}

	record(entry: LedgerEntry, record: CrmActivityResult): Promise<void> {
		return recordCrmActivity(this.db, entry, record);
	}

	release(entry: LedgerEntry): Promise<void> {
		return releaseCrmActivity(this.db, entry);
	}

	forgetContact(crm: CrmKind, contactId: string): Promise<void> {
		return forgetCrmContactActivities(this.db, crm, contactId);
	}
}
