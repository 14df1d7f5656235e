import { randomUUID } from 'node:crypto';
import { CustomerGraph, type Database } from '../../core';

let people = 0;

/** New customers, created the way Customer Merge creates them; returns their ids. */
export async function newCustomers(db: Database, count: number): Promise<string[]> {
	const inputs = Array.from({ length: count }, () => ({ identities: [{ kind: 'email' as const, value: `person-${process.pid}-${++people}@example.org` }] }));
	const outcomes = await new CustomerGraph(db).resolve(inputs);
	return outcomes.map((outcome) => outcome.customerId!);
}

export interface ConversationFields {
	status?: 'open' | 'pending' | 'snoozed' | 'resolved';
	assigneeId?: string;
	kind?: string;
	queue?: string;
	lastChannel?: string;
	openedAt?: string;
	firstInboundAt?: string;
	firstResponseAt?: string;
	resolvedAt?: string;
	mergedInto?: string;
}

/**
 * A conversation row as the conversation layer would leave it, written directly: routing tests
 * need conversations in given states, not the way they came about.
 */
export async function insertConversation(db: Database, customerId: string, fields: ConversationFields = {}): Promise<string> {
	const id = randomUUID();
	await db.query(
		`INSERT INTO conversations (id, customer_id, status, assignee_id, kind, queue, last_channel, opened_at, first_inbound_at, first_response_at, resolved_at, merged_into)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		[
			id,
			customerId,
			fields.status ?? 'open',
			fields.assigneeId ?? null,
			fields.kind ?? 'chat',
			fields.queue ?? null,
			fields.lastChannel ?? null,
			fields.openedAt ?? new Date().toISOString(),
			fields.firstInboundAt ?? null,
			fields.firstResponseAt ?? null,
			fields.resolvedAt ?? null,
			fields.mergedInto ?? null,
		],
	);
	return id;
}

/** The routing columns of a conversation as stored. */
export async function storedRouting(db: Database, id: string) {
	const [row] = await db.query<{ assignee_id: string | null; queue: string | null; priority: string; kind: string; due_at: Date | string | null; routing: Record<string, unknown> | null }>(
		'SELECT assignee_id, queue, priority, kind, due_at, routing FROM conversations WHERE id = $1',
		[id],
	);
	return { ...row, due_at: row.due_at === null ? null : new Date(row.due_at).toISOString() };
}

/** A message an agent sent the customer, recorded in their history as Customer Merge records outbound events. */
export async function insertAgentMessage(db: Database, customerId: string, agentId: string, channel: string, occurredAt: string): Promise<void> {
	const externalId = randomUUID();
	const body = { channel, direction: 'outbound', externalId, timestamp: occurredAt, author: { type: 'agent', id: agentId } };
	await db.query(
		`INSERT INTO events (customer_id, channel, external_id, type, direction, occurred_at, body, account, author_type) VALUES ($1, $2, $3, 'message', 'outbound', $4, $5, 'business', 'agent')`,
		[customerId, channel, externalId, occurredAt, JSON.stringify(body)],
	);
}
