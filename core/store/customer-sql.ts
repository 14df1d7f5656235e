import { readStoredEvent, type Customer, type HistoryEntry, type Identity, type IdentityKind, type Traits } from '../model';
import type { SqlClient } from './database';

/** Statements that read customers: the 360 view, look-ups, counts. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCustomerId(id: string): boolean {
	return UUID.test(id);
}

/** The customer an id stands for today: itself, or the one it was merged into. */
export async function currentCustomerId(db: SqlClient, id: string): Promise<string | undefined> {
	if (!isCustomerId(id)) return undefined;
	const rows = await db.query<{ id: string }>(
		`WITH RECURSIVE chain AS (
		   SELECT id, merged_into FROM customers WHERE id = $1
		   UNION ALL SELECT c.id, c.merged_into FROM customers c JOIN chain ON c.id = chain.merged_into
		 ) SELECT id FROM chain WHERE merged_into IS NULL`,
		[id],
	);
	return rows[0]?.id;
}

/** The customer that holds this identifier, if any. */
export async function customerIdByIdentifier(db: SqlClient, identifier: Identity): Promise<string | undefined> {
	const rows = await db.query<{ customer_id: string }>('SELECT customer_id FROM identifiers WHERE kind = $1 AND value = $2', [identifier.kind, identifier.value]);
	return rows[0]?.customer_id;
}

/** A timestamp as the store's drivers return it (a Date, or text), in ISO 8601. */
export const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** A stored event body as a history entry; bodies of every version in today's shape (before version 2 the account was in `to`). */
export function historyEntry(stored: HistoryEntry['event']): HistoryEntry {
	const body = readStoredEvent(stored);
	const event = body as Record<string, string | undefined>;
	return {
		channel: event.channel as HistoryEntry['channel'],
		account: event.account,
		externalId: event.externalId!,
		type: event.type!,
		direction: event.direction as HistoryEntry['direction'],
		timestamp: event.timestamp!,
		subject: event.subject,
		text: event.text,
		event: body,
	};
}

/** The 360 view of these customers, with their `historyLimit` most recent events each. */
export async function loadCustomers(db: SqlClient, ids: string[], historyLimit: number): Promise<Map<string, Customer>> {
	const unique = [...new Set(ids)];
	const customers = new Map<string, Customer>();
	if (!unique.length) return customers;
	const [customerRows, identifiers, channels, history, merges] = await Promise.all([
		// Per customer (LATERAL), so that each reads its own index range, whatever the statistics:
		// OFFSET 0 keeps the planner from flattening it into a join over the whole table.
		db.query<{ id: string; created_at: Date; traits: Traits }>(
			'SELECT c.* FROM unnest($1::uuid[]) AS u(id) CROSS JOIN LATERAL (SELECT id, created_at, traits FROM customers WHERE id = u.id OFFSET 0) c',
			[unique],
		),
		// Shared identifiers (a family's WhatsApp) in the same round trip, once each, after the customer's own.
		db.query<{ customer_id: string; kind: IdentityKind; value: string; shared: boolean }>(
			`SELECT u.id AS customer_id, i.kind, i.value, i.shared FROM unnest($1::uuid[]) AS u(id)
			 CROSS JOIN LATERAL (
			   SELECT kind, value, created_at, false AS shared FROM identifiers WHERE customer_id = u.id
			   UNION ALL
			   SELECT kind, value, min(linked_at), true FROM shared_identifiers WHERE customer_id = u.id GROUP BY kind, value
			   OFFSET 0
			 ) i
			 ORDER BY i.shared, i.created_at, i.kind, i.value`,
			[unique],
		),
		db.query<{ customer_id: string; channel: Customer['channels'][number]['channel']; last_seen: Date }>(
			`SELECT u.id AS customer_id, c.channel, c.last_seen FROM unnest($1::uuid[]) AS u(id)
			 CROSS JOIN LATERAL (SELECT channel, max(occurred_at) AS last_seen FROM events WHERE customer_id = u.id GROUP BY channel) c
			 ORDER BY c.last_seen DESC`,
			[unique],
		),
		historyLimit > 0
			? db.query<{ customer_id: string; body: HistoryEntry['event'] }>(
					`SELECT u.id AS customer_id, e.body FROM unnest($1::uuid[]) AS u(id)
					 CROSS JOIN LATERAL (
					   SELECT body, occurred_at, external_id FROM events WHERE customer_id = u.id
					   ORDER BY occurred_at DESC, external_id DESC LIMIT $2
					 ) e
					 ORDER BY e.occurred_at DESC, e.external_id DESC`,
					[unique, historyLimit],
				)
			: Promise.resolve([]),
		db.query<{ target_id: string; source_id: string }>(
			`SELECT m.target_id, m.source_id FROM unnest($1::uuid[]) AS u(id)
			 CROSS JOIN LATERAL (SELECT id, target_id, source_id FROM merges WHERE target_id = u.id AND unmerged_at IS NULL OFFSET 0) m ORDER BY m.id`,
			[unique],
		),
	]);
	for (const row of customerRows) {
		customers.set(row.id, { id: row.id, createdAt: iso(row.created_at), identities: [], traits: row.traits, channels: [], mergedFrom: [], history: [] });
	}
	for (const row of identifiers) {
		const customer = customers.get(row.customer_id);
		customer?.identities.push({ kind: row.kind, value: row.value });
		if (customer && row.shared) (customer.sharedIdentities ??= []).push({ kind: row.kind, value: row.value });
	}
	for (const row of channels) customers.get(row.customer_id)?.channels.push({ channel: row.channel, lastSeenAt: iso(row.last_seen) });
	for (const row of history) customers.get(row.customer_id)?.history.push(historyEntry(row.body));
	for (const row of merges) customers.get(row.target_id)?.mergedFrom.push(row.source_id);
	return customers;
}

/** How many customers the store holds (not counting those merged into another). */
export async function countCustomers(db: SqlClient): Promise<number> {
	return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE merged_into IS NULL'))[0].n;
}

export interface StoreStats {
	customers: number;
	mergedCustomers: number;
	/** Identifiers per kind; named as the command's output has always named it. */
	identities: Record<string, number>;
	events: Record<string, number>;
	merges: number;
	unmerges: number;
	forgottenEvents: number;
}

export async function storeStats(db: SqlClient): Promise<StoreStats> {
	const [customers, identifiers, events, merges, forgotten] = await Promise.all([
		db.query<{ roots: number; merged: number }>('SELECT count(*) FILTER (WHERE merged_into IS NULL)::int AS roots, count(merged_into)::int AS merged FROM customers'),
		db.query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM identifiers GROUP BY kind ORDER BY kind'),
		db.query<{ channel: string; n: number }>('SELECT channel, count(*)::int AS n FROM events GROUP BY channel ORDER BY channel'),
		db.query<{ active: number; undone: number }>('SELECT count(*) FILTER (WHERE unmerged_at IS NULL)::int AS active, count(unmerged_at)::int AS undone FROM merges'),
		db.query<{ n: number }>('SELECT count(*)::int AS n FROM forgotten_events'),
	]);
	return {
		customers: customers[0].roots,
		mergedCustomers: customers[0].merged,
		identities: Object.fromEntries(identifiers.map((row) => [row.kind, row.n])),
		events: Object.fromEntries(events.map((row) => [row.channel, row.n])),
		merges: merges[0].active,
		unmerges: merges[0].undone,
		forgottenEvents: forgotten[0].n,
	};
}
