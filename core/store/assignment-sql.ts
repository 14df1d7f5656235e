import type { AgentStatus, PreviousAgent } from '../routing';
import { OPEN_ASSIGNED } from './agent-sql';
import { iso } from './customer-sql';
import type { SqlClient } from './database';

/** Statements that route conversations: what a decision reads, the locks that keep capacity, and its writes. */

/** A conversation as routing sees it. */
export interface RoutableConversation {
	id: string;
	customerId: string;
	assigneeId: string | null;
	kind: string;
	status: string;
	mergedInto: string | null;
	openedAt: string;
	firstInboundAt?: string;
	firstResponseAt?: string;
	waitingSince?: string;
	queue: string | null;
	priority: string;
	dueAt?: string;
	/** The last routing stored; null when none was. */
	routing: unknown;
}

interface ConversationRow {
	id: string;
	customer_id: string;
	assignee_id: string | null;
	kind: string;
	status: string;
	merged_into: string | null;
	opened_at: Date | string;
	first_inbound_at: Date | string | null;
	first_response_at: Date | string | null;
	waiting_since: Date | string | null;
	queue: string | null;
	priority: string;
	due_at: Date | string | null;
	routing: unknown;
}

const CONVERSATION_COLUMNS = 'id, customer_id, assignee_id, kind, status, merged_into, opened_at, first_inbound_at, first_response_at, waiting_since, queue, priority, due_at, routing';

function routableConversation(row: ConversationRow): RoutableConversation {
	return {
		id: row.id,
		customerId: row.customer_id,
		assigneeId: row.assignee_id,
		kind: row.kind,
		status: row.status,
		mergedInto: row.merged_into,
		openedAt: iso(row.opened_at),
		firstInboundAt: optionalIso(row.first_inbound_at),
		firstResponseAt: optionalIso(row.first_response_at),
		waitingSince: optionalIso(row.waiting_since),
		queue: row.queue,
		priority: row.priority,
		dueAt: optionalIso(row.due_at),
		routing: row.routing,
	};
}

const optionalIso = (value: Date | string | null) => (value === null ? undefined : iso(value));

export async function selectRoutableConversations(db: SqlClient, ids: string[]): Promise<Map<string, RoutableConversation>> {
	const rows = await db.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ANY($1::uuid[])`, [ids]);
	return new Map(rows.map((row) => [row.id, routableConversation(row)]));
}

// How far back in a customer's history to look for agents who wrote to them.
const RECENT_EVENTS = 200;

/**
 * Who served each customer, per channel, and when last: the assignees of their conversations
 * (on the conversation's last channel) and the agents who wrote their recent outbound events.
 * Only agents still on the team count.
 */
export async function selectPreviousAgents(db: SqlClient, customerIds: string[]): Promise<Map<string, PreviousAgent[]>> {
	const result = new Map<string, PreviousAgent[]>(customerIds.map((id) => [id, []]));
	if (!customerIds.length) return result;
	const rows = await db.query<{ customer_id: string; agent_id: string; channel: string; served_at: Date | string }>(
		`SELECT u.customer_id, served.agent_id, served.channel, max(served.served_at) AS served_at
		 FROM unnest($1::uuid[]) AS u(customer_id)
		 CROSS JOIN LATERAL (
		   SELECT c.assignee_id AS agent_id, c.last_channel AS channel, coalesce(c.resolved_at, c.first_response_at, c.opened_at) AS served_at
		   FROM conversations c WHERE c.customer_id = u.customer_id AND c.assignee_id IS NOT NULL AND c.last_channel IS NOT NULL
		   UNION ALL
		   SELECT e.body->'author'->>'id', e.channel, e.occurred_at
		   FROM (SELECT channel, occurred_at, author_type, body FROM events WHERE customer_id = u.customer_id ORDER BY occurred_at DESC LIMIT ${RECENT_EVENTS}) e
		   WHERE e.author_type = 'agent'
		 ) served
		 JOIN agents a ON a.id = served.agent_id
		 GROUP BY u.customer_id, served.agent_id, served.channel`,
		[customerIds],
	);
	for (const row of rows) result.get(row.customer_id)?.push({ agentId: row.agent_id, channel: row.channel, servedAt: iso(row.served_at) });
	return result;
}

/** Locks these conversations, in id order (so that routers never wait on each other in a circle), and reads them as they are now. */
export async function lockConversations(tx: SqlClient, ids: string[]): Promise<Map<string, RoutableConversation>> {
	const rows = await tx.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
	return new Map(rows.map((row) => [row.id, routableConversation(row)]));
}

export interface LockedAgent {
	name: string;
	status: AgentStatus;
	capacity: Record<string, number>;
	/** Their conversations not resolved now, per kind, counted under the lock. */
	load: Record<string, number>;
}

/**
 * Locks these agents in id order and counts their load under the lock: until the transaction
 * ends, no other router can give them work, so a count below capacity stays true.
 */
export async function lockAgents(tx: SqlClient, ids: string[]): Promise<Map<string, LockedAgent>> {
	const agents = await tx.query<{ id: string; name: string; status: AgentStatus; capacity: Record<string, number> }>('SELECT id, name, status, capacity FROM agents WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [ids]);
	const loads = await tx.query<{ assignee_id: string; kind: string; n: number }>(
		`SELECT assignee_id, kind, count(*)::int AS n FROM conversations WHERE assignee_id = ANY($1::text[]) AND ${OPEN_ASSIGNED} GROUP BY assignee_id, kind`,
		[ids],
	);
	const locked = new Map<string, LockedAgent>(agents.map((agent) => [agent.id, { name: agent.name, status: agent.status, capacity: agent.capacity, load: {} }]));
	for (const row of loads) {
		const agent = locked.get(row.assignee_id);
		if (agent) agent.load[row.kind] = row.n;
	}
	return locked;
}

/** What one routing writes on its conversation. */
export interface RoutingWrite {
	id: string;
	assigneeId: string | null;
	queue: string | null;
	priority: string;
	kind: string;
	dueAt: string | null;
	routing: unknown;
}

/** Writes the routing of these conversations in one statement. */
export async function writeRoutings(tx: SqlClient, writes: RoutingWrite[]): Promise<void> {
	if (!writes.length) return;
	await tx.query(
		`UPDATE conversations c SET assignee_id = r.assignee_id, queue = r.queue, priority = r.priority, kind = r.kind, due_at = r.due_at, routing = r.routing, updated_at = now()
		 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, assignee_id text, queue text, priority text, kind text, due_at timestamptz, routing jsonb)
		 WHERE c.id = r.id`,
		[JSON.stringify(writes.map((write) => ({ id: write.id, assignee_id: write.assigneeId, queue: write.queue, priority: write.priority, kind: write.kind, due_at: write.dueAt, routing: write.routing })))],
	);
}

/** Records when each agent was last given work (round robin takes turns by it); `at` in milliseconds, fractions kept as microseconds. */
export async function markAssigned(tx: SqlClient, assigned: { agentId: string; at: number }[]): Promise<void> {
	if (!assigned.length) return;
	await tx.query(
		`UPDATE agents a SET last_assigned_at = to_timestamp(r.at / 1000) FROM unnest($1::text[], $2::float8[]) AS r(id, at)
		 WHERE a.id = r.id AND (a.last_assigned_at IS NULL OR a.last_assigned_at < to_timestamp(r.at / 1000))`,
		[assigned.map((entry) => entry.agentId), assigned.map((entry) => entry.at)],
	);
}

/** Takes a conversation from its agent; it stays in its queue. Returns whether it had one. */
export async function clearAssignee(db: SqlClient, id: string, reason: string): Promise<{ found: boolean; hadAgent?: string }> {
	const rows = await db.query<{ previous: string | null }>(
		`UPDATE conversations c SET assignee_id = NULL, updated_at = now(),
		   routing = coalesce(c.routing, jsonb_build_object('queue', c.queue, 'priority', c.priority, 'dueAt', c.due_at)) || jsonb_build_object('agent', NULL, 'reason', $2::text)
		 FROM (SELECT id, assignee_id AS previous FROM conversations WHERE id = $1::uuid FOR UPDATE) before
		 WHERE c.id = before.id RETURNING before.previous`,
		[id, reason],
	);
	return rows.length ? { found: true, ...(rows[0].previous ? { hadAgent: rows[0].previous } : {}) } : { found: false };
}

/**
 * Per request, when the customer last wrote or called (an inbound message, button press or call)
 * strictly before `before`, or undefined when they never did: the event being routed is not its
 * own last contact. Each request reads its customer's own index range, newest first.
 */
export async function selectLastContacts(db: SqlClient, requests: { customerId: string; before: string }[]): Promise<(string | undefined)[]> {
	const result: (string | undefined)[] = requests.map(() => undefined);
	if (!requests.length) return result;
	const rows = await db.query<{ i: number; at: Date | string }>(
		`SELECT r.i::int AS i, last.at FROM unnest($1::uuid[], $2::timestamptz[]) WITH ORDINALITY AS r(customer_id, before, i)
		 CROSS JOIN LATERAL (
		   SELECT occurred_at AS at FROM events
		   WHERE customer_id = r.customer_id AND occurred_at < r.before AND direction = 'inbound' AND type IN ('message', 'action', 'call')
		   ORDER BY occurred_at DESC LIMIT 1
		 ) last`,
		[requests.map((request) => request.customerId), requests.map((request) => request.before)],
	);
	for (const row of rows) result[row.i - 1] = iso(row.at);
	return result;
}
