import type { HistoryEntry } from '../model';
import type { ConversationCounters } from './counters';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
/** open: the team's turn; pending: waiting on the customer; snoozed: set aside until a time; resolved: done. */
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** The agent a conversation is assigned to, with their presence (agents table). */
export interface Assignee {
	id: string;
	name: string;
	status: 'online' | 'away' | 'offline';
}

/** A conversation as workflows read it; times are ISO 8601, absent ones null. */
export interface Conversation extends ConversationCounters {
	id: string;
	customerId: string;
	status: ConversationStatus;
	snoozedUntil: string | null;
	assignee: Assignee | null;
	queue: string | null;
	priority: string;
	/** The kind of work whose capacity the assignee uses: chat, call or email. */
	kind: string;
	tags: string[];
	openedAt: string;
	dueAt: string | null;
	resolvedAt: string | null;
	/** The last routing decision: {queue, agent, priority, dueAt, reason}. */
	routing: unknown;
}

export interface ConversationNote {
	id: string;
	conversationId: string;
	author: string | null;
	text: string;
	createdAt: string;
}

/** One conversation with what an agent reads before answering. */
export interface ConversationDetail extends Conversation {
	/** Conversations a merge folded into this one; their events and notes are part of it. */
	foldedFrom: string[];
	notes: ConversationNote[];
	/** Events across channels, oldest first. */
	history: HistoryEntry[];
	/** The last messages, one line each: "[2026-11-30 14:02 WhatsApp] Customer: where is my order?". */
	transcript: string;
}
