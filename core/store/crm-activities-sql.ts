import type { CrmActivityResult, CrmKind } from '../crm/types';
import type { LedgerClaim, LedgerEntry } from '../crm/activity-ledger';
import type { SqlClient } from './database';

/** Statements of the CRM activity ledger (table crm_activities, schema version 10). */

/** A claim whose execution died before the CRM answered may be taken again after this long. */
const ABANDONED_AFTER = "interval '10 minutes'";

/**
 * Claims the entry in one statement: inserted, or taken over when an earlier claim was abandoned.
 * Otherwise the row as the first claim left it.
 */
export async function claimCrmActivity(db: SqlClient, entry: LedgerEntry): Promise<LedgerClaim> {
	const params = [entry.crm, entry.contactId, entry.key, entry.customerId ?? null];
	const claimed = await db.query(
		`INSERT INTO crm_activities (crm, contact_id, activity_key, customer_id) VALUES ($1, $2, $3, $4::uuid)
		 ON CONFLICT (crm, contact_id, activity_key) DO UPDATE SET claimed_at = now(), customer_id = coalesce(EXCLUDED.customer_id, crm_activities.customer_id)
		 WHERE crm_activities.record_id IS NULL AND crm_activities.claimed_at < now() - ${ABANDONED_AFTER}
		 RETURNING 1`,
		params,
	);
	if (claimed.length) return { claimed: true };
	const [row] = await db.query<{ record_id: string | null; record_type: string | null }>(
		'SELECT record_id, record_type FROM crm_activities WHERE crm = $1 AND contact_id = $2 AND activity_key = $3',
		params.slice(0, 3),
	);
	return { claimed: false, record: row?.record_id ? { id: row.record_id, objectType: row.record_type ?? '' } : undefined };
}

export async function recordCrmActivity(db: SqlClient, entry: LedgerEntry, record: CrmActivityResult): Promise<void> {
	await db.query('UPDATE crm_activities SET record_id = $4, record_type = $5 WHERE crm = $1 AND contact_id = $2 AND activity_key = $3', [
		entry.crm,
		entry.contactId,
		entry.key,
		record.id,
		record.objectType,
	]);
}

/** Releases a claim whose CRM call failed, so that the next try logs it. */
export async function releaseCrmActivity(db: SqlClient, entry: LedgerEntry): Promise<void> {
	await db.query('DELETE FROM crm_activities WHERE crm = $1 AND contact_id = $2 AND activity_key = $3 AND record_id IS NULL', [entry.crm, entry.contactId, entry.key]);
}

export async function forgetCrmContactActivities(db: SqlClient, crm: CrmKind, contactId: string): Promise<void> {
	await db.query('DELETE FROM crm_activities WHERE crm = $1 AND contact_id = $2', [crm, contactId]);
}
