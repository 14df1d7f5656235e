import type { ConsentChange } from '../consent/consent-change';
import { newCustomerId } from '../identity/customer-id';
import type { SqlClient } from './database';
import { iso } from './customer-sql';

export interface StoredConsentChange extends ConsentChange {
	customerId: string;
	recordedAt: string;
}

export async function insertConsentChanges(tx: SqlClient, changes: (ConsentChange & { customerId: string })[]): Promise<void> {
	if (!changes.length) return;
	await tx.query(
		`INSERT INTO consent_changes (id, customer_id, channel, purpose, state, source, evidence, changed_at)
		 SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
		[
			// Time-ordered ids: a trail is read in the order it was written when two changes share a time.
			changes.map(() => newCustomerId()),
			changes.map((change) => change.customerId),
			changes.map((change) => change.channel),
			changes.map((change) => change.purpose),
			changes.map((change) => change.state),
			changes.map((change) => change.source),
			changes.map((change) => change.evidence),
			changes.map((change) => change.changedAt),
		],
	);
}

interface ConsentRow {
	customer_id: string;
	channel: ConsentChange['channel'];
	purpose: ConsentChange['purpose'];
	state: ConsentChange['state'];
	source: ConsentChange['source'];
	evidence: string;
	changed_at: Date | string;
	recorded_at: Date | string;
}

const fromRow = (row: ConsentRow): StoredConsentChange => ({
	customerId: row.customer_id,
	channel: row.channel,
	purpose: row.purpose,
	state: row.state,
	source: row.source,
	evidence: row.evidence,
	changedAt: iso(row.changed_at),
	recordedAt: iso(row.recorded_at),
});

/** The latest change of each channel and purpose of these customers: their consent now. */
export async function latestConsentChanges(db: SqlClient, customerIds: string[]): Promise<StoredConsentChange[]> {
	if (!customerIds.length) return [];
	const rows = await db.query<ConsentRow>(
		`SELECT c.* FROM unnest($1::uuid[]) AS u(id)
		 CROSS JOIN LATERAL (
		   SELECT DISTINCT ON (channel, purpose) * FROM consent_changes WHERE customer_id = u.id
		   ORDER BY channel, purpose, changed_at DESC, id DESC
		 ) c`,
		[[...new Set(customerIds)]],
	);
	return rows.map(fromRow);
}

/** Every consent change of a customer, oldest first: the audit trail. */
export async function consentTrail(db: SqlClient, customerId: string): Promise<StoredConsentChange[]> {
	const rows = await db.query<ConsentRow>('SELECT * FROM consent_changes WHERE customer_id = $1 ORDER BY changed_at, id', [customerId]);
	return rows.map(fromRow);
}
