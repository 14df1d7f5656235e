import type { Identity, IdentityKind } from '../model';
import type { SqlClient } from './database';
import { toJsonb } from './graph-sql';

/**
 * Statements on shared identifiers: a phone (or WhatsApp account id) several customers share
 * has no row in identifiers, it has one link per customer in shared_identifiers (schema
 * version 11), each with why it was made and when that customer last used it as themselves.
 * Links are per-customer rows (store/customer-tables.ts): merges move them, forget deletes them.
 */

export interface SharedLinkRow {
	kind: IdentityKind;
	value: string;
	customer_id: string;
	last_used_at: Date | string | null;
	/** The customer row's version, as lookupOwners reads it. */
	version: string;
}

/** Takes these identifiers away from their customers, which are changed (their row version moves), as any move of identifiers does. */
export async function unownIdentifiers(tx: SqlClient, rows: { identifier: Identity; customerId: string }[]): Promise<void> {
	if (!rows.length) return;
	await tx.query('DELETE FROM identifiers i USING unnest($1::text[], $2::text[], $3::uuid[]) AS t(kind, value, customer_id) WHERE i.kind = t.kind AND i.value = t.value AND i.customer_id = t.customer_id', [
		rows.map((row) => row.identifier.kind),
		rows.map((row) => row.identifier.value),
		rows.map((row) => row.customerId),
	]);
	await tx.query('UPDATE customers SET updated_at = now() WHERE id = ANY($1::uuid[])', [rows.map((row) => row.customerId)]);
}

export async function insertSharedLinks(tx: SqlClient, links: { identifier: Identity; customerId: string; used: boolean; reason: unknown }[]): Promise<void> {
	if (!links.length) return;
	await tx.query(
		`INSERT INTO shared_identifiers (kind, value, customer_id, last_used_at, reason)
		 SELECT kind, value, customer_id, CASE WHEN used THEN now() END, reason::jsonb FROM unnest($1::text[], $2::text[], $3::uuid[], $4::boolean[], $5::text[]) AS t(kind, value, customer_id, used, reason)`,
		[links.map((l) => l.identifier.kind), links.map((l) => l.identifier.value), links.map((l) => l.customerId), links.map((l) => l.used), links.map((l) => toJsonb(l.reason))],
	);
}

/** Records that these customers used these shared identifiers as themselves now (or confirmed it). */
export async function markSharedUsed(tx: SqlClient, rows: { identifier: Identity; customerId: string }[]): Promise<void> {
	if (!rows.length) return;
	await tx.query(
		`UPDATE shared_identifiers s SET last_used_at = now() FROM unnest($1::text[], $2::text[], $3::uuid[]) AS t(kind, value, customer_id)
		 WHERE s.kind = t.kind AND s.value = t.value AND s.customer_id = t.customer_id`,
		[rows.map((row) => row.identifier.kind), rows.map((row) => row.identifier.value), rows.map((row) => row.customerId)],
	);
}

/** The shared identifiers of these customers. */
export async function sharedIdentifiersOf(db: SqlClient, customerIds: string[]): Promise<{ customer_id: string; kind: IdentityKind; value: string }[]> {
	if (!customerIds.length) return [];
	return await db.query(
		`SELECT DISTINCT u.id AS customer_id, s.kind, s.value FROM unnest($1::uuid[]) AS u(id)
		 CROSS JOIN LATERAL (SELECT kind, value FROM shared_identifiers WHERE customer_id = u.id OFFSET 0) s
		 ORDER BY s.kind, s.value`,
		[customerIds],
	);
}

/** The customers that share an identifier, if it is shared. */
export async function customersSharing(db: SqlClient, identifier: Identity): Promise<string[]> {
	const rows = await db.query<{ customer_id: string }>('SELECT DISTINCT customer_id::text FROM shared_identifiers WHERE kind = $1 AND value = $2 ORDER BY 1', [identifier.kind, identifier.value]);
	return rows.map((row) => row.customer_id);
}
