import type { Conversation, ConversationNote, ConversationStatus } from '../conversations/conversation';
import type { ConversationCounters } from '../conversations/counters';
import type { HistoryEntry } from '../model';
import { historyEntry, iso } from './customer-sql';
import type { SqlClient } from './database';
import { toJsonb } from './graph-sql';

/** Statements that read and write conversations, their notes and which events belong to them. */

interface ConversationRow {
	id: string;
	customer_id: string;
	status: ConversationStatus;
	snoozed_until: Date | null;
	merged_into: string | null;
	assignee_id: string | null;
	assignee_name: string | null;
	assignee_status: 'online' | 'away' | 'offline' | null;
	queue: string | null;
	priority: string;
	kind: string;
	tags: string[];
	opened_at: Date;
	first_inbound_at: Date | null;
	first_response_at: Date | null;
	last_channel: string | null;
	channels: ConversationCounters['channels'];
	channel_switches: number;
	waiting_since: Date | null;
	due_at: Date | null;
	resolved_at: Date | null;
	routing: unknown;
}

const COLUMNS = `c.id, c.customer_id, c.status, c.snoozed_until, c.merged_into, c.assignee_id, a.name AS assignee_name, a.status AS assignee_status,
	c.queue, c.priority, c.kind, c.tags, c.opened_at, c.first_inbound_at, c.first_response_at, c.last_channel, c.channels, c.channel_switches,
	c.waiting_since, c.due_at, c.resolved_at, c.routing`;
const SELECT = `SELECT ${COLUMNS} FROM conversations c LEFT JOIN agents a ON a.id = c.assignee_id`;

/** Not resolved and not folded into another: the conversation a customer is in. */
const LIVE = `c.status <> 'resolved' AND c.merged_into IS NULL`;

const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function toConversation(row: ConversationRow): Conversation & { mergedInto: string | null } {
	return {
		id: row.id,
		customerId: row.customer_id,
		status: row.status,
		snoozedUntil: isoOrNull(row.snoozed_until),
		mergedInto: row.merged_into,
		assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name!, status: row.assignee_status! },
		queue: row.queue,
		priority: row.priority,
		kind: row.kind,
		tags: row.tags,
		openedAt: iso(row.opened_at),
		firstInboundAt: isoOrNull(row.first_inbound_at),
		firstResponseAt: isoOrNull(row.first_response_at),
		channels: row.channels,
		lastChannel: row.last_channel,
		channelSwitches: row.channel_switches,
		waitingSince: isoOrNull(row.waiting_since),
		dueAt: isoOrNull(row.due_at),
		resolvedAt: isoOrNull(row.resolved_at),
		routing: row.routing,
	};
}

export type StoredConversation = ReturnType<typeof toConversation>;

/** The conversation with this id, or the one it was folded into (at any depth). */
export async function conversationById(tx: SqlClient, id: string): Promise<StoredConversation | undefined> {
	const rows = await tx.query<ConversationRow>(
		`WITH RECURSIVE chain AS (
		   SELECT id, merged_into FROM conversations WHERE id = $1
		   UNION ALL SELECT n.id, n.merged_into FROM conversations n JOIN chain ON n.id = chain.merged_into
		 ) ${SELECT} WHERE c.id = (SELECT id FROM chain WHERE merged_into IS NULL)`,
		[id],
	);
	return rows[0] && toConversation(rows[0]);
}

/** The customer's conversation: the one not resolved, else the latest resolved one. */
export async function latestConversation(tx: SqlClient, customerId: string): Promise<StoredConversation | undefined> {
	const rows = await tx.query<ConversationRow>(`${SELECT} WHERE c.customer_id = $1 AND c.merged_into IS NULL ORDER BY c.status <> 'resolved' DESC, c.opened_at DESC, c.id DESC LIMIT 1`, [customerId]);
	return rows[0] && toConversation(rows[0]);
}

/** The conversations of these customers that are not resolved nor folded: more than one per customer only right after a merge. */
export async function liveConversations(tx: SqlClient, customerIds: string[]): Promise<StoredConversation[]> {
	const rows = await tx.query<ConversationRow>(
		// Per customer (LATERAL), so that each reads its own index range whatever the statistics: it runs after every merge.
		`SELECT ${COLUMNS} FROM (SELECT DISTINCT unnest($1::uuid[]) AS id) t
		 CROSS JOIN LATERAL (SELECT * FROM conversations c WHERE c.customer_id = t.id AND ${LIVE} OFFSET 0) c
		 LEFT JOIN agents a ON a.id = c.assignee_id
		 ORDER BY c.customer_id, c.opened_at DESC, c.id DESC`,
		[customerIds],
	);
	return rows.map(toConversation);
}

export async function insertConversation(tx: SqlClient, conversation: { id: string; customerId: string; openedAt: string }): Promise<void> {
	await tx.query('INSERT INTO conversations (id, customer_id, opened_at) VALUES ($1, $2, $3)', [conversation.id, conversation.customerId, conversation.openedAt]);
}

/** What a change may set, each with the column and the type it is written as. */
const PATCHABLE = {
	status: ['status', 'text'],
	snoozedUntil: ['snoozed_until', 'timestamptz'],
	mergedInto: ['merged_into', 'uuid'],
	assigneeId: ['assignee_id', 'text'],
	queue: ['queue', 'text'],
	priority: ['priority', 'text'],
	tags: ['tags', 'text[]'],
	firstInboundAt: ['first_inbound_at', 'timestamptz'],
	firstResponseAt: ['first_response_at', 'timestamptz'],
	channels: ['channels', 'jsonb'],
	lastChannel: ['last_channel', 'text'],
	channelSwitches: ['channel_switches', 'int'],
	waitingSince: ['waiting_since', 'timestamptz'],
	dueAt: ['due_at', 'timestamptz'],
	resolvedAt: ['resolved_at', 'timestamptz'],
} as const;

export type ConversationChange = Partial<{ [K in keyof typeof PATCHABLE]: K extends keyof StoredConversation ? StoredConversation[K] : string | null }>;

/** Writes the fields given, and nothing else: routing may be writing others of the same row. */
export async function updateConversation(tx: SqlClient, id: string, change: ConversationChange): Promise<void> {
	const fields = (Object.keys(change) as (keyof typeof PATCHABLE)[]).filter((field) => change[field] !== undefined);
	if (!fields.length) return;
	const sets = fields.map((field, i) => `${PATCHABLE[field][0]} = $${i + 2}::${PATCHABLE[field][1]}`);
	const values = fields.map((field) => (field === 'channels' ? toJsonb(change.channels) : change[field]));
	await tx.query(`UPDATE conversations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...values]);
}

/** An event of the history, as far as conversations care. */
export interface StoredEventFacts {
	channel: string;
	externalId: string;
	customerId: string;
	conversationId: string | null;
	type: string;
	direction: 'inbound' | 'outbound';
	occurredAt: string;
	authorType: string | null;
}

/** The recorded event with this key ("channel:account:externalId", eventKey in core/model). */
export async function storedEvent(tx: SqlClient, key: string): Promise<StoredEventFacts | undefined> {
	const split = key.indexOf(':');
	if (split < 1) return undefined;
	const rows = await tx.query<{ customer_id: string; conversation_id: string | null; type: string; direction: 'inbound' | 'outbound'; occurred_at: Date; author_type: string | null }>(
		'SELECT customer_id, conversation_id, type, direction, occurred_at, author_type FROM events WHERE channel = $1 AND external_id = $2',
		[key.slice(0, split), key.slice(split + 1)],
	);
	const row = rows[0];
	return (
		row && {
			channel: key.slice(0, split),
			externalId: key.slice(split + 1),
			customerId: row.customer_id,
			conversationId: row.conversation_id,
			type: row.type,
			direction: row.direction,
			occurredAt: iso(row.occurred_at),
			authorType: row.author_type,
		}
	);
}

export async function linkEvent(tx: SqlClient, event: { channel: string; externalId: string }, conversationId: string): Promise<void> {
	await tx.query('UPDATE events SET conversation_id = $3 WHERE channel = $1 AND external_id = $2', [event.channel, event.externalId, conversationId]);
}

/**
 * The conversation and those folded into it, at any depth. Folded conversations belong to the
 * customer of the one they were folded into, so that customer's few rows are all there is to read.
 */
const FAMILY = `WITH RECURSIVE mine AS (SELECT id, merged_into FROM conversations WHERE customer_id = $2),
	family AS (SELECT $1::uuid AS id UNION ALL SELECT m.id FROM mine m JOIN family f ON m.merged_into = f.id)`;

/** The ids of the conversations folded into this one. */
export async function foldedInto(tx: SqlClient, conversation: { id: string; customerId: string }): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(`${FAMILY} SELECT id FROM family WHERE id <> $1 ORDER BY id`, [conversation.id, conversation.customerId]);
	return rows.map((row) => row.id);
}

/** The latest `limit` events of the conversation and of those folded into it, oldest first. */
export async function conversationHistory(tx: SqlClient, conversation: { id: string; customerId: string }, limit: number): Promise<HistoryEntry[]> {
	if (limit <= 0) return [];
	const rows = await tx.query<{ body: HistoryEntry['event'] }>(
		`${FAMILY}
		 SELECT e.body FROM family f
		 CROSS JOIN LATERAL (SELECT body, occurred_at, external_id FROM events WHERE conversation_id = f.id ORDER BY occurred_at DESC, external_id DESC LIMIT $3) e
		 ORDER BY e.occurred_at DESC, e.external_id DESC LIMIT $3`,
		[conversation.id, conversation.customerId, limit],
	);
	return rows.reverse().map((row) => historyEntry(row.body));
}

/** Every event of the conversation and of those folded into it, as its counters see them. */
export async function conversationActivity(tx: SqlClient, conversation: { id: string; customerId: string }) {
	const rows = await tx.query<{ type: string; direction: 'inbound' | 'outbound'; channel: string; occurred_at: Date; author_type: string | null }>(
		`${FAMILY} SELECT e.type, e.direction, e.channel, e.occurred_at, e.author_type FROM family f
		 CROSS JOIN LATERAL (SELECT type, direction, channel, occurred_at, author_type FROM events WHERE conversation_id = f.id OFFSET 0) e`,
		[conversation.id, conversation.customerId],
	);
	return rows.map((row) => ({ type: row.type, direction: row.direction, channel: row.channel, occurredAt: iso(row.occurred_at), authorType: row.author_type }));
}

export async function insertNote(tx: SqlClient, note: Omit<ConversationNote, 'createdAt'> & { createdAt: string }): Promise<void> {
	await tx.query('INSERT INTO conversation_notes (id, conversation_id, author, text, created_at) VALUES ($1, $2, $3, $4, $5)', [note.id, note.conversationId, note.author, note.text, note.createdAt]);
}

/** The notes of the conversation and of those folded into it, oldest first. */
export async function conversationNotes(tx: SqlClient, conversation: { id: string; customerId: string }): Promise<ConversationNote[]> {
	const rows = await tx.query<{ id: string; conversation_id: string; author: string | null; text: string; created_at: Date }>(
		`${FAMILY} SELECT n.id, n.conversation_id, n.author, n.text, n.created_at FROM family f
		 CROSS JOIN LATERAL (SELECT * FROM conversation_notes WHERE conversation_id = f.id OFFSET 0) n ORDER BY n.created_at, n.id`,
		[conversation.id, conversation.customerId],
	);
	return rows.map((row) => ({ id: row.id, conversationId: row.conversation_id, author: row.author, text: row.text, createdAt: iso(row.created_at) }));
}

export async function agentExists(tx: SqlClient, agentId: string): Promise<boolean> {
	return (await tx.query('SELECT 1 FROM agents WHERE id = $1', [agentId])).length > 0;
}

export interface ConversationFilter {
	statuses: ConversationStatus[];
	queue?: string;
	/** An agent's id; null: unassigned ones; undefined: whoever. */
	assigneeId?: string | null;
	/** true: past their due time; false: not past it (or without one). */
	breached?: boolean;
	now: string;
	limit: number;
}

/** Conversations not folded into another, those waiting longest first. */
export async function listConversations(tx: SqlClient, filter: ConversationFilter): Promise<StoredConversation[]> {
	const rows = await tx.query<ConversationRow>(
		`${SELECT} WHERE c.merged_into IS NULL AND c.status = ANY($1::text[])
		   AND ($2::text IS NULL OR c.queue = $2)
		   AND (NOT $3::boolean OR c.assignee_id IS NOT DISTINCT FROM $4::text)
		   AND ($5::boolean IS NULL OR (c.due_at IS NOT NULL AND c.due_at <= $6::timestamptz) = $5)
		 ORDER BY c.waiting_since NULLS LAST, c.opened_at, c.id LIMIT $7`,
		[filter.statuses, filter.queue ?? null, filter.assigneeId !== undefined, filter.assigneeId ?? null, filter.breached ?? null, filter.now, filter.limit],
	);
	return rows.map(toConversation);
}

/** Open or pending conversations whose customer has waited for an answer since before `since`, longest first. */
export async function waitingSince(tx: SqlClient, since: string, limit: number): Promise<StoredConversation[]> {
	const rows = await tx.query<ConversationRow>(
		`${SELECT} WHERE c.status IN ('open', 'pending') AND c.merged_into IS NULL AND c.waiting_since <= $1 ORDER BY c.waiting_since, c.id LIMIT $2`,
		[since, limit],
	);
	return rows.map(toConversation);
}

/** Open or pending conversations assigned to an agent who is away or offline, longest waiting first. */
export async function withOfflineAssignee(tx: SqlClient, limit: number): Promise<StoredConversation[]> {
	const rows = await tx.query<ConversationRow>(
		`${SELECT} WHERE c.status IN ('open', 'pending') AND c.merged_into IS NULL AND a.status <> 'online'
		 ORDER BY c.waiting_since NULLS LAST, c.opened_at, c.id LIMIT $1`,
		[limit],
	);
	return rows.map(toConversation);
}
