import type { Channel } from '../model';
import type { Moment } from './moment';

/** What an agent can be busy with; each has its own capacity, such as {chat: 3, call: 1, email: 10}. */
export type WorkKind = string;

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** An agent as the router sees it at the moment of a decision. */
export interface AgentSnapshot {
	id: string;
	name: string;
	status: AgentStatus;
	/** The queues the agent works in. */
	queues: string[];
	skills?: string[];
	/** Languages spoken, as codes such as "pt" or "pt-BR". */
	languages?: string[];
	/** How many of each kind of work the agent takes at once; a kind not listed is not taken. */
	capacity: Partial<Record<WorkKind, number>>;
	/** How many of each kind the agent has now. */
	load?: Partial<Record<WorkKind, number>>;
	lastAssignedAt?: Moment;
}

/** The kind of work a conversation on a channel is: calls, e-mails, and chats for everything else. */
export function workKindOf(channel: Channel | string): WorkKind {
	if (channel === 'voice') return 'call';
	if (channel === 'email') return 'email';
	return 'chat';
}

export function loadOf(agent: AgentSnapshot, kind: WorkKind): number {
	return agent.load?.[kind] ?? 0;
}

export function capacityOf(agent: AgentSnapshot, kind: WorkKind): number {
	return agent.capacity[kind] ?? 0;
}

/**
 * The capacity rule: an agent may take one more piece of work of a kind while their load of
 * that kind is below their capacity for it. The store applies the same rule when it assigns.
 */
export function hasCapacity(agent: AgentSnapshot, kind: WorkKind): boolean {
	return loadOf(agent, kind) < capacityOf(agent, kind);
}

/** Online and with capacity: the only agents a decision assigns to. */
export function canTake(agent: AgentSnapshot, kind: WorkKind): boolean {
	return agent.status === 'online' && hasCapacity(agent, kind);
}
