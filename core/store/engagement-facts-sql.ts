import type { Channel, Identity, Traits } from '../model';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/**
 * What the Engagement Policy reads about a batch of customers, set-based: one statement per
 * kind of fact, whatever the batch size. Each customer reads its own index range (a LATERAL per
 * customer; the LIMIT or OFFSET 0 keeps the planner from turning it into a join over the whole
 * table, which it prefers on tables it has no statistics for), so a batch costs the same on the
 * first and the millionth customer.
 */

/** A customer an id led to (itself, or the one it was merged into), locked. */
export interface LockedCurrentCustomer {
	/** The id asked for. */
	asked: string;
	id: string;
	traits: Traits;
	/** Set when the customer was merged away between the look-up and the lock. */
	merged_into: string | null;
}

/**
 * Locks the customers these ids stand for today (themselves, or those they were merged into)
 * until the transaction ends, in id order so that workers never deadlock. Ids of no customer
 * are left out.
 */
export async function lockCurrentCustomers(tx: SqlClient, ids: string[]): Promise<LockedCurrentCustomer[]> {
	if (!ids.length) return [];
	// An audience lists customers of today: one index probe and one lock each.
	const current = await tx.query<LockedCurrentCustomer>(
		'SELECT id AS asked, id, traits, merged_into FROM customers WHERE id = ANY($1::uuid[]) AND merged_into IS NULL ORDER BY id FOR UPDATE',
		[ids],
	);
	const locked = new Set(current.map((row) => row.asked));
	const merged = ids.filter((id) => !locked.has(id.toLowerCase()));
	return merged.length ? [...current, ...(await lockSurvivors(tx, merged))] : current;
}

/**
 * The customers that merged ids lead to, locked in id order, in one round trip. Locked after
 * the batch's other customers: a worker locking one of them the other way round deadlocks,
 * and the server's detection turns that into a retry (see withConflictRetry).
 */
async function lockSurvivors(tx: SqlClient, ids: string[]): Promise<LockedCurrentCustomer[]> {
	return await tx.query<LockedCurrentCustomer>(
		`WITH RECURSIVE chain AS (
		   SELECT u.id AS asked, c.id, c.merged_into FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS t(id)) u
		   CROSS JOIN LATERAL (SELECT id, merged_into FROM customers WHERE id = u.id LIMIT 1) c
		   UNION ALL
		   SELECT chain.asked, c.id, c.merged_into FROM chain
		   CROSS JOIN LATERAL (SELECT id, merged_into FROM customers WHERE id = chain.merged_into LIMIT 1) c
		 ),
		 survivors AS (SELECT asked, id FROM chain WHERE merged_into IS NULL),
		 locked AS (
		   SELECT c.* FROM (SELECT DISTINCT id FROM survivors ORDER BY id) t
		   CROSS JOIN LATERAL (SELECT id, traits, merged_into FROM customers c WHERE c.id = t.id LIMIT 1 FOR UPDATE) c
		 )
		 SELECT survivors.asked, locked.* FROM survivors JOIN locked ON locked.id = survivors.id`,
		[ids],
	);
}

/** Each customer's identifiers, oldest first: where the channels can reach them. */
export async function identifiersOf(tx: SqlClient, customerIds: string[]): Promise<Map<string, Identity[]>> {
	const found = new Map<string, Identity[]>(customerIds.map((id) => [id, []]));
	if (!customerIds.length) return found;
	const rows = await tx.query<Identity & { customer_id: string }>(
		`SELECT u.id AS customer_id, i.kind, i.value FROM unnest($1::uuid[]) AS u(id)
		 CROSS JOIN LATERAL (SELECT kind, value, created_at FROM identifiers WHERE customer_id = u.id OFFSET 0) i
		 ORDER BY u.id, i.created_at, i.kind, i.value`,
		[customerIds],
	);
	for (const row of rows) found.get(row.customer_id)?.push({ kind: row.kind, value: row.value });
	return found;
}

export interface ChannelEngagement {
	channel: Channel;
	lastInboundAt?: string;
	lastReadAt?: string;
}

/** Per customer and channel: when the customer last wrote, and when they last read one of our messages. */
export async function channelEngagementOf(tx: SqlClient, customerIds: string[]): Promise<Map<string, ChannelEngagement[]>> {
	const found = new Map<string, ChannelEngagement[]>(customerIds.map((id) => [id, []]));
	if (!customerIds.length) return found;
	const rows = await tx.query<{ customer_id: string; channel: Channel; last_inbound: Date | string | null; last_read: Date | string | null }>(
		`SELECT u.id AS customer_id, e.channel, e.last_inbound, e.last_read FROM unnest($1::uuid[]) AS u(id)
		 CROSS JOIN LATERAL (
		   SELECT channel,
		     max(occurred_at) FILTER (WHERE direction = 'inbound' AND type = 'message') AS last_inbound,
		     max(occurred_at) FILTER (WHERE type = 'status' AND body->>'status' = 'read') AS last_read
		   FROM events WHERE customer_id = u.id GROUP BY channel
		 ) e`,
		[customerIds],
	);
	for (const row of rows) {
		found.get(row.customer_id)?.push({
			channel: row.channel,
			...(row.last_inbound ? { lastInboundAt: iso(row.last_inbound) } : {}),
			...(row.last_read ? { lastReadAt: iso(row.last_read) } : {}),
		});
	}
	return found;
}

/** When each marketing message counted against the caps went out, per customer: the policy's claims and the history's messages. */
export interface MarketingSendTimes {
	/** The policy's own sends, once per message whatever the channels its fallback tried. */
	claims: string[];
	/** The history's outbound marketing messages (the policy's own once a sender recorded them, and those sent without it). */
	history: string[];
}

/** Each customer's marketing send times since `since`, kept apart so that the caps take whichever are more. */
export async function marketingSendTimesOf(tx: SqlClient, customerIds: string[], since: string): Promise<Map<string, MarketingSendTimes>> {
	const found = new Map<string, MarketingSendTimes>(customerIds.map((id) => [id, { claims: [], history: [] }]));
	if (!customerIds.length) return found;
	// Both in one round trip: the claims grouped per message, the history's messages one by one.
	const rows = await tx.query<{ customer_id: string; claim: boolean; at: Date | string }>(
		`SELECT u.id AS customer_id, s.claim, s.at FROM unnest($1::uuid[]) AS u(id)
		 CROSS JOIN LATERAL (
		   SELECT true AS claim, min(decided_at) AS at FROM engagement_sends
		   WHERE customer_id = u.id AND purpose = 'marketing' AND decided_at > $2 GROUP BY message_key
		   UNION ALL
		   SELECT false, occurred_at FROM events
		   WHERE customer_id = u.id AND occurred_at > $2 AND direction = 'outbound' AND type = 'message' AND category = 'marketing'
		 ) s`,
		[customerIds, since],
	);
	for (const row of rows) {
		const times = found.get(row.customer_id);
		(row.claim ? times?.claims : times?.history)?.push(iso(row.at));
	}
	return found;
}
