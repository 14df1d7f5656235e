import { newCustomerId } from '../identity/customer-id';
import type { Channel } from '../model';
import { iso } from './customer-sql';
import type { SqlClient } from './database';
import { toJsonb } from './graph-sql';

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

/**
 * Records these sends in one statement, with their messages; the ids are made before, so that
 * the decisions name them. A batch's sends mostly carry one message: each distinct content is
 * written once.
 */
export async function insertSends(tx: SqlClient, sends: Omit<EngagementSend, 'outcome' | 'settledAt'>[]): Promise<void> {
	if (!sends.length) return;
	const messageOfContent = new Map<unknown, string>();
	const messageOfText = new Map<string, string>();
	const messageIds = sends.map((send) => {
		let id = messageOfContent.get(send.content);
		if (id === undefined) {
			const text = toJsonb(send.content);
			id = messageOfText.get(text) ?? newCustomerId();
			messageOfText.set(text, id);
			messageOfContent.set(send.content, id);
		}
		return id;
	});
	await tx.query(
		`WITH messages AS (INSERT INTO engagement_messages (id, content) SELECT * FROM unnest($7::uuid[], $8::json[]))
		 INSERT INTO engagement_sends (id, customer_id, message_key, channel, recipient, purpose, message_id, decided_at)
		 SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $9::uuid[], $10::timestamptz[])`,
		[
			sends.map((send) => send.id),
			sends.map((send) => send.customerId),
			sends.map((send) => send.messageKey),
			sends.map((send) => send.channel),
			sends.map((send) => send.recipient),
			sends.map((send) => send.purpose),
			[...messageOfText.values()],
			[...messageOfText.keys()],
			messageIds,
			sends.map((send) => send.decidedAt),
		],
	);
}

/** Deletes these messages unless a send still carries them: what a forgotten customer's sends alone carried. */
export async function deleteUncarriedMessages(tx: SqlClient, messageIds: string[]): Promise<void> {
	if (!messageIds.length) return;
	await tx.query(
		`DELETE FROM engagement_messages m WHERE m.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM engagement_sends s WHERE s.message_id = m.id)`,
		[messageIds],
	);
}

/** Sends with their message's content. */
const SENDS = 'engagement_sends s JOIN engagement_messages m ON m.id = s.message_id';

/** The customer's sends of one message, oldest first: the channels its chain has tried. */
export async function sendsOfMessage(tx: SqlClient, customerId: string, messageKey: string): Promise<EngagementSend[]> {
	const rows = await tx.query<SendRow>(`SELECT s.*, m.content FROM ${SENDS} WHERE s.customer_id = $1 AND s.message_key = $2 ORDER BY s.decided_at, s.id`, [customerId, messageKey]);
	return rows.map(fromRow);
}

/** The sends of each of these customers' messages, oldest first, in one round trip. */
export async function sendsOfMessages(tx: SqlClient, wanted: { customerId: string; messageKey: string }[]): Promise<EngagementSend[]> {
	if (!wanted.length) return [];
	const rows = await tx.query<SendRow>(
		`SELECT s.* FROM (SELECT DISTINCT customer_id, message_key FROM unnest($1::uuid[], $2::text[]) AS k(customer_id, message_key)) k
		 CROSS JOIN LATERAL (SELECT s.*, m.content FROM ${SENDS} WHERE s.customer_id = k.customer_id AND s.message_key = k.message_key OFFSET 0) s
		 ORDER BY s.decided_at, s.id`,
		[wanted.map((entry) => entry.customerId), wanted.map((entry) => entry.messageKey)],
	);
	return rows.map(fromRow);
}

export async function sendById(tx: SqlClient, id: string): Promise<EngagementSend | undefined> {
	const [row] = await tx.query<SendRow>(`SELECT s.*, m.content FROM ${SENDS} WHERE s.id = $1`, [id]);
	return row && fromRow(row);
}

/** The customer's latest send on a channel not yet settled, decided at or before `at`: what a status of that channel is about. */
export async function openSendOnChannel(tx: SqlClient, customerId: string, channel: Channel, at: string): Promise<EngagementSend | undefined> {
	const [row] = await tx.query<SendRow>(
		`SELECT s.*, m.content FROM ${SENDS} WHERE s.customer_id = $1 AND s.channel = $2 AND s.settled_at IS NULL AND s.decided_at <= $3
		 ORDER BY s.decided_at DESC, s.id DESC LIMIT 1`,
		[customerId, channel, at],
	);
	return row && fromRow(row);
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
	const rows = await db.query<SendRow>(`SELECT s.*, m.content FROM ${SENDS} WHERE s.settled_at IS NULL AND s.decided_at <= $1 ORDER BY s.decided_at, s.id LIMIT $2`, [before, limit]);
	return rows.map(fromRow);
}
