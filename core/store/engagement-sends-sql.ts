import type { Channel, Identity } from '../model';
import { newCustomerId } from '../identity/customer-id';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/** The statements of the Engagement Policy: the sends it decided, and what the history says about caps and engagement. */

export type SendPurpose = 'marketing' | 'transactional';
export type SendOutcome = 'delivered' | 'read' | 'failed' | 'unconfirmed';

/** One send the policy decided: a slot under the caps and a step of its message's fallback chain. */
export interface EngagementSend {
	id: string;
	customerId: string;
	messageKey: string;
	channel: Channel;
	recipient: string;
	purpose: SendPurpose;
	/** What a fallback needs to send the message on the next channel. */
	content: Record<string, unknown>;
	decidedAt: string;
	outcome?: SendOutcome;
	settledAt?: string;
}

interface SendRow {
	id: string;
	customer_id: string;
	message_key: string;
	channel: Channel;
	recipient: string;
	purpose: SendPurpose;
	content: Record<string, unknown> | string;
	decided_at: Date | string;
	outcome: SendOutcome | null;
	settled_at: Date | string | null;
}

const fromRow = (row: SendRow): EngagementSend => ({
	id: row.id,
	customerId: row.customer_id,
	messageKey: row.message_key,
	channel: row.channel,
	recipient: row.recipient,
	purpose: row.purpose,
	content: typeof row.content === 'string' ? (JSON.parse(row.content) as Record<string, unknown>) : row.content,
	decidedAt: iso(row.decided_at),
	...(row.outcome ? { outcome: row.outcome } : {}),
	...(row.settled_at ? { settledAt: iso(row.settled_at) } : {}),
});

export async function insertSend(tx: SqlClient, send: Omit<EngagementSend, 'id' | 'outcome' | 'settledAt'>): Promise<EngagementSend> {
	const id = newCustomerId();
	await tx.query(
		`INSERT INTO engagement_sends (id, customer_id, message_key, channel, recipient, purpose, content, decided_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
		[id, send.customerId, send.messageKey, send.channel, send.recipient, send.purpose, JSON.stringify(send.content), send.decidedAt],
	);
	return { id, ...send };
}

/** The customer's identifiers, oldest first: where the channels can reach them. */
export async function customerIdentifiers(tx: SqlClient, customerId: string): Promise<Identity[]> {
	return await tx.query<Identity>('SELECT kind, value FROM identifiers WHERE customer_id = $1 ORDER BY created_at, kind, value', [customerId]);
}

/** The customer's sends of one message, oldest first: the channels its chain has tried. */
export async function sendsOfMessage(tx: SqlClient, customerId: string, messageKey: string): Promise<EngagementSend[]> {
	const rows = await tx.query<SendRow>('SELECT * FROM engagement_sends WHERE customer_id = $1 AND message_key = $2 ORDER BY decided_at, id', [customerId, messageKey]);
	return rows.map(fromRow);
}

export async function sendById(tx: SqlClient, id: string): Promise<EngagementSend | undefined> {
	const [row] = await tx.query<SendRow>('SELECT * FROM engagement_sends WHERE id = $1', [id]);
	return row && fromRow(row);
}

/** The customer's latest send on a channel not yet settled, decided at or before `at`: what a status of that channel is about. */
export async function openSendOnChannel(tx: SqlClient, customerId: string, channel: Channel, at: string): Promise<EngagementSend | undefined> {
	const [row] = await tx.query<SendRow>(
		`SELECT * FROM engagement_sends WHERE customer_id = $1 AND channel = $2 AND settled_at IS NULL AND decided_at <= $3
		 ORDER BY decided_at DESC, id DESC LIMIT 1`,
		[customerId, channel, at],
	);
	return row && fromRow(row);
}

/**
 * When each marketing message counted against the caps was sent, since `since`: by the policy's
 * own sends (once per message, whatever the channels its fallback tried) and by the history's
 * outbound marketing messages, kept apart so the caps take whichever are more.
 */
export async function marketingSendTimes(tx: SqlClient, customerId: string, since: string): Promise<{ claims: string[]; history: string[] }> {
	// One after the other: a transaction's connection runs one statement at a time.
	const claims = await tx.query<{ at: Date | string }>(
		`SELECT min(decided_at) AS at FROM engagement_sends
		 WHERE customer_id = $1 AND purpose = 'marketing' AND decided_at > $2 GROUP BY message_key`,
		[customerId, since],
	);
	const history = await tx.query<{ at: Date | string }>(
		`SELECT occurred_at AS at FROM events
		 WHERE customer_id = $1 AND occurred_at > $2 AND direction = 'outbound' AND type = 'message' AND category = 'marketing'`,
		[customerId, since],
	);
	return { claims: claims.map((row) => iso(row.at)), history: history.map((row) => iso(row.at)) };
}

/** Per channel: when the customer last wrote, and when they last read one of our messages. */
export async function channelEngagement(tx: SqlClient, customerId: string): Promise<{ channel: Channel; lastInboundAt?: string; lastReadAt?: string }[]> {
	const rows = await tx.query<{ channel: Channel; last_inbound: Date | string | null; last_read: Date | string | null }>(
		`SELECT channel,
		   max(occurred_at) FILTER (WHERE direction = 'inbound' AND type = 'message') AS last_inbound,
		   max(occurred_at) FILTER (WHERE type = 'status' AND body->>'status' = 'read') AS last_read
		 FROM events WHERE customer_id = $1 GROUP BY channel`,
		[customerId],
	);
	return rows.map((row) => ({
		channel: row.channel,
		...(row.last_inbound ? { lastInboundAt: iso(row.last_inbound) } : {}),
		...(row.last_read ? { lastReadAt: iso(row.last_read) } : {}),
	}));
}

/** The latest of these statuses the history holds for the customer on a channel since `since`, if any. */
export async function statusSince(tx: SqlClient, customerId: string, channel: Channel, since: string, statuses: string[]): Promise<string | undefined> {
	const [row] = await tx.query<{ status: string }>(
		`SELECT body->>'status' AS status FROM events
		 WHERE customer_id = $1 AND channel = $2 AND occurred_at >= $3 AND type = 'status' AND body->>'status' = ANY($4::text[])
		 ORDER BY occurred_at DESC LIMIT 1`,
		[customerId, channel, since, statuses],
	);
	return row?.status;
}

/** Settles every open send of a message (delivered or read stops the chain) or one send (failed, unconfirmed). */
export async function settleSends(tx: SqlClient, where: { id: string } | { customerId: string; messageKey: string }, outcome: SendOutcome, at: string): Promise<void> {
	if ('id' in where) {
		await tx.query('UPDATE engagement_sends SET outcome = $2, settled_at = $3 WHERE id = $1 AND settled_at IS NULL', [where.id, outcome, at]);
		return;
	}
	await tx.query('UPDATE engagement_sends SET outcome = $3, settled_at = $4 WHERE customer_id = $1 AND message_key = $2 AND settled_at IS NULL', [
		where.customerId,
		where.messageKey,
		outcome,
		at,
	]);
}

/** Sends nobody has settled that were decided before `before`, oldest first: what the sweep looks at. */
export async function unsettledSendsBefore(db: SqlClient, before: string, limit: number): Promise<EngagementSend[]> {
	const rows = await db.query<SendRow>('SELECT * FROM engagement_sends WHERE settled_at IS NULL AND decided_at <= $1 ORDER BY decided_at, id LIMIT $2', [before, limit]);
	return rows.map(fromRow);
}
