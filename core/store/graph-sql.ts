import { eventKey, identityKey, STORED_EVENT_VERSION, storedEventBody, type CanonicalEvent, type Identity, type IdentityKind, type Traits } from '../model';
import type { SqlClient } from './database';
import type { SharedLinkRow } from './shared-identifier-sql';

/** Statements that read and write the identity graph (customers and their identifiers), set-based: one round trip per step, whatever the batch size. */

const NUL = /\u0000/g;

/** JSON for a json column: PostgreSQL text can't hold NUL characters, so they are dropped rather than failing the batch. */
export function toJsonb(value: unknown): string {
	const json = JSON.stringify(value);
	// The replacer walks every value: only pay for it when there is something to drop.
	if (!json.includes('\\u0000')) return json;
	return JSON.stringify(value, (_key, field: unknown) => (typeof field === 'string' ? field.replace(NUL, '') : field));
}

export interface CustomerRow {
	id: string;
	/** Changes whenever the row does: tells whether a customer changed between a read and its lock. */
	version: string;
	traits: Traits;
	merged_into: string | null;
}

/**
 * Which customer owns each of these identifiers (keyed "kind:value"), each owner's row version,
 * and the customers each `shareable` identifier links as a shared one (shared-identifier-sql.ts),
 * in one round trip.
 */
export async function lookupOwners(
	tx: SqlClient,
	identifiers: Identity[],
	shareable: Identity[] = [],
): Promise<{ owners: Map<string, string>; versions: Map<string, string>; links: SharedLinkRow[] }> {
	if (!identifiers.length) return { owners: new Map(), versions: new Map(), links: [] };
	// Each identifier looked up on its own by its key. The LIMIT keeps the planner from turning
	// the LATERAL into a hash join over whole tables, which it prefers on tables it has no
	// statistics for (PGlite never analyzes; servers may run without autovacuum); OFFSET 0 does
	// the same where an identifier links several customers.
	const rows = await tx.query<SharedLinkRow & { shared: boolean }>(
		`SELECT false AS shared, k.kind, k.value, i.customer_id, i.version, NULL::timestamptz AS last_used_at
		 FROM unnest($1::text[], $2::text[]) AS k(kind, value)
		 CROSS JOIN LATERAL (
		   SELECT i.customer_id, c.xmin::text AS version
		   FROM identifiers i JOIN customers c ON c.id = i.customer_id
		   WHERE i.kind = k.kind AND i.value = k.value LIMIT 1
		 ) i
		 UNION ALL
		 SELECT true, k.kind, k.value, s.customer_id, s.version, s.last_used_at
		 FROM unnest($3::text[], $4::text[]) AS k(kind, value)
		 CROSS JOIN LATERAL (
		   SELECT s.customer_id, s.last_used_at, c.xmin::text AS version
		   FROM shared_identifiers s JOIN customers c ON c.id = s.customer_id
		   WHERE s.kind = k.kind AND s.value = k.value OFFSET 0
		 ) s
		 -- Evaluated once: a store where no identifier is shared yet looks up none.
		 WHERE EXISTS (SELECT 1 FROM shared_identifiers)`,
		[identifiers.map((i) => i.kind), identifiers.map((i) => i.value), shareable.map((i) => i.kind), shareable.map((i) => i.value)],
	);
	const owned = rows.filter((row) => !row.shared);
	const links = rows.filter((row) => row.shared).map(({ shared: _shared, ...link }) => link);
	return {
		owners: new Map(owned.map((row) => [identityKey({ kind: row.kind, value: row.value }), row.customer_id])),
		versions: new Map([...owned, ...links].map((row) => [row.customer_id, row.version])),
		links,
	};
}

/** Locks these customers until the transaction ends, in id order so that workers never deadlock. */
export async function lockCustomers(tx: SqlClient, ids: string[]): Promise<CustomerRow[]> {
	if (!ids.length) return [];
	return await tx.query<CustomerRow>(
		// One index look-up per id, in id order (a LIMIT keeps it from becoming a scan of the table).
		`SELECT c.* FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS t(id) ORDER BY id) t
		 CROSS JOIN LATERAL (SELECT id, xmin::text AS version, traits, merged_into FROM customers c WHERE c.id = t.id LIMIT 1 FOR UPDATE) c`,
		[ids],
	);
}

/**
 * Reserves the identifiers a batch is about to resolve, before it looks them up: a worker
 * that wants one of them waits for this transaction to commit and then finds it, instead of
 * racing to insert it and failing. Taken in hash order so that workers never deadlock.
 */
export async function reserveIdentifiers(tx: SqlClient, identifiers: Identity[]): Promise<void> {
	if (!identifiers.length) return;
	await tx.query(
		`SELECT pg_advisory_xact_lock(h) FROM (
		   SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h
		 ) reserved`,
		[identifiers.map(identityKey)],
	);
}

/** How many identifiers of each kind these customers hold. */
export async function identifierCounts(tx: SqlClient, ids: string[]): Promise<{ customer_id: string; kind: IdentityKind; n: number }[]> {
	if (!ids.length) return [];
	return await tx.query(
		`SELECT u.id AS customer_id, c.kind, c.n FROM unnest($1::uuid[]) AS u(id)
		 CROSS JOIN LATERAL (SELECT kind, count(*)::int AS n FROM identifiers WHERE customer_id = u.id GROUP BY kind) c`,
		[ids],
	);
}

/** An event as the history stores it, serialized before the transaction that records it. */
export interface HistoryRow {
	/** The event key, "channel:account:externalId" (eventKey). */
	key: string;
	channel: string;
	/** The events table's external_id: the event key within its channel, "account:externalId". */
	keyInChannel: string;
	/** The provider's id: rows recorded before accounts were part of keys have it as external_id. */
	externalId: string;
	account: string;
	authorType: string | null;
	category: string | null;
	type: string;
	direction: string;
	timestamp: string;
	/** The canonical event without its raw payload, with its schemaVersion, as JSON. */
	body: string;
}

/** storedEventBody(event) as JSON, without copying the event when it has no raw payload to leave out. */
function storedEventJson(event: CanonicalEvent): string {
	if (event.raw !== undefined) return toJsonb(storedEventBody(event));
	return `{"schemaVersion":${STORED_EVENT_VERSION},${toJsonb(event).slice(1)}`;
}

export function historyRow(event: CanonicalEvent): HistoryRow {
	const { channel, account, externalId, type, direction, timestamp } = event;
	const key = eventKey(event);
	return {
		key,
		channel,
		keyInChannel: key.slice(channel.length + 1),
		externalId,
		account,
		authorType: event.author?.type ?? null,
		category: event.category ?? null,
		type,
		direction,
		timestamp,
		body: storedEventJson(event),
	};
}

export async function insertCustomers(tx: SqlClient, customers: { id: string; traits: Traits }[]): Promise<void> {
	if (!customers.length) return;
	await tx.query(
		'INSERT INTO customers (id, traits) SELECT id, traits::jsonb FROM unnest($1::uuid[], $2::text[]) AS t(id, traits)',
		[customers.map((c) => c.id), customers.map((c) => toJsonb(c.traits))],
	);
}

export async function insertIdentifiers(tx: SqlClient, rows: { identifier: Identity; customerId: string }[]): Promise<void> {
	if (!rows.length) return;
	// Sorted, so that two workers inserting the same identifiers wait on each other instead of deadlocking.
	const sorted = rows.map((row) => ({ key: identityKey(row.identifier), ...row })).sort((a, b) => (a.key < b.key ? -1 : 1));
	await tx.query('INSERT INTO identifiers (kind, value, customer_id) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[])', [
		sorted.map((r) => r.identifier.kind),
		sorted.map((r) => r.identifier.value),
		sorted.map((r) => r.customerId),
	]);
}

/** Removes one identifier from a customer; true when the customer held it. */
export async function deleteIdentifier(tx: SqlClient, customerId: string, identifier: Identity): Promise<boolean> {
	const rows = await tx.query('DELETE FROM identifiers WHERE kind = $1 AND value = $2 AND customer_id = $3 RETURNING customer_id', [identifier.kind, identifier.value, customerId]);
	return rows.length > 0;
}

/**
 * Records events for their customers; returns the keys of those already recorded (redeliveries).
 *
 * An event recorded before accounts were part of keys has its provider id alone as
 * external_id and no account column, so its redelivery has another key today. It is
 * recognised when that older row recorded the same account in its body (`to.account`, which
 * every version 1 adapter but Telegram's set), and then stored nothing: for the ids that
 * repeat across accounts (Telegram's, whose version 1 bodies had no account) an older row
 * can't tell which bot it was, and taking it for the same event would drop another bot's
 * message, the loss keys with accounts end. So a Telegram update delivered before the
 * upgrade and again after it is recorded twice: once, since a redelivery needs our answer
 * to have been lost and comes within the provider's retries, and a duplicate can be seen
 * and removed where a dropped message is gone.
 */
export async function insertEvents(tx: SqlClient, events: { row: HistoryRow; customerId: string }[]): Promise<Set<string>> {
	if (!events.length) return new Set();
	// In key order, so that two workers inserting the same events wait on each other instead of deadlocking.
	const sorted = [...events].sort((a, b) => (a.row.key < b.row.key ? -1 : 1));
	const rows = sorted.map((e) => e.row);
	// The bodies go in as one JSON array, as they are: the server reads each once, where an
	// array of texts would be escaped here and unescaped there, element by element.
	const duplicates = await tx.query<{ channel: string; external_id: string }>(RECORD_EVENTS, [
		sorted.map((e) => e.customerId),
		rows.map((row) => row.channel),
		rows.map((row) => row.keyInChannel),
		rows.map((row) => row.type),
		rows.map((row) => row.direction),
		rows.map((row) => row.timestamp),
		`[${rows.map((row) => row.body).join(',')}]`,
		rows.map((row) => row.account),
		rows.map((row) => row.authorType),
		rows.map((row) => row.category),
		rows.map((row) => row.externalId),
	]);
	return new Set(duplicates.map((row) => `${row.channel}:${row.external_id}`));
}

/**
 * The events of a batch, in the order given; answers those already recorded. Only a store
 * migrated with events from before accounts has rows without one (events_before_accounts):
 * the first EXISTS, evaluated once, finds none in any other, and then no event is looked up
 * by its provider's id ($11). Where it finds some, each event is one index look-up: OFFSET 0
 * keeps the planner from hashing every older row instead, once per batch.
 */
const RECORD_EVENTS = `
	WITH recorded AS (
	  INSERT INTO events (customer_id, channel, external_id, type, direction, occurred_at, body, account, author_type, category)
	  SELECT customer_id, channel, external_id, type, direction, occurred_at, body, account, author_type, category
	  FROM ROWS FROM (
	    unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), unnest($6::timestamptz[]), json_array_elements($7::json),
	    unnest($8::text[]), unnest($9::text[]), unnest($10::text[]), unnest($11::text[])
	  ) AS e(customer_id, channel, external_id, type, direction, occurred_at, body, account, author_type, category, provider_id)
	  WHERE NOT (
	    EXISTS (SELECT 1 FROM events WHERE account IS NULL)
	    AND EXISTS (
	      SELECT 1 FROM events o
	      WHERE o.channel = e.channel AND o.external_id = e.provider_id AND o.account IS NULL AND o.body->'to'->>'account' = e.account OFFSET 0
	    )
	  )
	  ON CONFLICT (channel, external_id) DO NOTHING
	  RETURNING channel, external_id
	)
	SELECT channel, external_id FROM unnest($2::text[], $3::text[]) AS e(channel, external_id)
	EXCEPT ALL SELECT channel, external_id FROM recorded`;

/** A customer's traits; read after locking it (lockCustomers), they stay as read until the transaction ends. */
export async function customerTraits(tx: SqlClient, id: string): Promise<Traits> {
	return (await tx.query<{ traits: Traits }>('SELECT traits FROM customers WHERE id = $1', [id]))[0].traits;
}

export async function updateTraits(tx: SqlClient, traits: Map<string, Traits>): Promise<void> {
	if (!traits.size) return;
	await tx.query(
		`UPDATE customers c SET traits = t.traits::jsonb, updated_at = now()
		 FROM unnest($1::uuid[], $2::text[]) AS t(id, traits) WHERE c.id = t.id`,
		[[...traits.keys()], [...traits.values()].map(toJsonb)],
	);
}
