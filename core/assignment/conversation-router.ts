import { selectQueues } from '../store/queue-sql';
import { selectAgentsWithLoad } from '../store/agent-sql';
import {
	clearAssignee,
	lockAgents,
	lockConversations,
	markAssigned,
	selectLastContacts,
	selectPreviousAgents,
	selectRoutableConversations,
	writeRoutings,
	type RoutableConversation,
	type RoutingWrite,
} from '../store/assignment-sql';
import { isCustomerId } from '../store/customer-sql';
import type { Database, SqlClient } from '../store/database';
import { decideRoute, toMillis, type FallbackRoute, type Moment, type PreviousAgent, type Priority, type Route, type RoutingDecision, type RoutingFacts } from '../routing';
import { responseDueAt } from './response-due';
import { TeamSnapshot } from './team-snapshot';

/** The routes of a Router: tried in order, then the fallback. */
export interface RoutingPlan {
	routes: Route[];
	fallback?: FallbackRoute;
}

export interface RouteRequest {
	conversationId: string;
	/** What the router knows of the item; previousAgents, when absent, come from the store. */
	facts: RoutingFacts;
}

/** The routing a conversation keeps (conversations.routing). */
export interface ConversationRouting {
	queue: string | null;
	agent: { id: string; name: string } | null;
	priority: Priority;
	/** When its next answer is due by the queue's targets. */
	dueAt: string | null;
	reason: string;
}

export type RouteOutcome =
	| {
			conversationId: string;
			routing: ConversationRouting;
			decision: RoutingDecision;
			/** The conversation already had an agent: it stays with them, and no route was tried. */
			kept?: boolean;
			error?: undefined;
	  }
	| { conversationId: string; error: string; routing?: undefined; decision?: undefined };

export type RoutedConversation = Extract<RouteOutcome, { routing: ConversationRouting }>;

/** A conversation given to an agent by hand (assignTo). */
export interface AssignedConversation {
	conversationId: string;
	routing: ConversationRouting;
	/** The agent who had it before, when it was someone else. */
	previousAgent?: string;
	/** It was already with this agent: nothing changed. */
	unchanged: boolean;
}

/** A conversation that can't be routed as asked: the message says why. */
export class AssignmentError extends Error {}

/** Decisions whose agent filled up meanwhile are decided again this many times in all, then wait in their queue. */
export const MAX_ROUTING_ATTEMPTS = 3;

interface Decided {
	request: RouteRequest;
	conversation: RoutableConversation;
	decision: RoutingDecision;
	dueAt: Date | undefined;
	/** When the agent was given the conversation, in milliseconds. */
	assignedAt?: number;
}

const usesPreviousAgents = (plan: RoutingPlan) =>
	plan.routes.some((route) => route.assignment?.sticky || route.conditions?.hasPreviousAgent !== undefined) || plan.fallback?.assignment?.sticky === true;

/**
 * Routes conversations to queues and agents, and never gives an agent more work than their
 * capacity, however many routers run at once. A batch is decided in memory from one snapshot of
 * the team; then one transaction locks the conversations and the chosen agents (in id order),
 * recounts those agents' load under the lock, and writes only what still fits. A decision whose
 * agent filled up or went away meanwhile is decided again from a fresh snapshot, and after
 * MAX_ROUTING_ATTEMPTS waits in its queue.
 */
export class ConversationRouter {
	constructor(private readonly db: Database) {}

	/** Routes one conversation; throws an AssignmentError when it can't be routed (unknown, resolved, folded). */
	async routeConversation(conversationId: string, { routes, fallback, facts, now }: RoutingPlan & { facts: RoutingFacts; now?: Moment }): Promise<RoutedConversation> {
		const [outcome] = await this.routeConversations([{ conversationId, facts }], { routes, fallback }, { now });
		if (outcome.error !== undefined) throw new AssignmentError(outcome.error);
		return outcome;
	}

	/**
	 * Routes a batch; one outcome per request, in order. A conversation asked for twice is routed
	 * once; one that already has an agent stays with them.
	 */
	async routeConversations(requests: RouteRequest[], plan: RoutingPlan, { now = Date.now() }: { now?: Moment } = {}): Promise<RouteOutcome[]> {
		const at = toMillis(now);
		const outcomes = new Map<string, RouteOutcome>();
		let pending: RouteRequest[] = [];
		const seen = new Set<string>();
		for (const request of requests) {
			if (seen.has(request.conversationId)) continue;
			seen.add(request.conversationId);
			if (isCustomerId(request.conversationId)) pending.push(request);
			else outcomes.set(request.conversationId, { conversationId: request.conversationId, error: `"${request.conversationId}" is not a conversation id (a UUID)` });
		}
		for (let attempt = 1; pending.length && attempt <= MAX_ROUTING_ATTEMPTS; attempt++) {
			const decided = await this.decide(pending, plan, at, outcomes);
			pending = await this.db.transaction((tx) => this.assign(tx, decided, attempt === MAX_ROUTING_ATTEMPTS, outcomes));
		}
		return requests.map((request) => outcomes.get(request.conversationId)!);
	}

	/**
	 * Gives the conversation to this agent, in one transaction that locks the conversation, then
	 * the agent (the order routing takes them in), and counts the agent's load under the lock: an
	 * agent who is full, away or offline is refused with an AssignmentError that says so, unless
	 * `force` (a supervisor's choice to go over capacity or to give work to someone not online).
	 * A conversation already with the agent stays as it is; one with another agent moves.
	 */
	async assignTo(conversationId: string, agentId: string, { force = false, reason }: { force?: boolean; reason?: string } = {}): Promise<AssignedConversation> {
		const id = conversationId.trim();
		const wanted = agentId.trim();
		if (!isCustomerId(id)) throw new AssignmentError(`"${conversationId}" is not a conversation id (a UUID)`);
		if (!wanted) throw new AssignmentError('No agent given: name the agent to assign the conversation to');
		return await this.db.transaction(async (tx) => {
			const conversation = (await lockConversations(tx, [id])).get(id);
			const problem = unroutable(id, conversation);
			if (problem || !conversation) throw new AssignmentError(problem);
			const agent = (await lockAgents(tx, [wanted])).get(wanted);
			if (!agent) throw new AssignmentError(`No agent has the id "${wanted}": check it in the agents list, or add the agent first`);
			if (conversation.assigneeId === wanted) return { conversationId: id, routing: keptWithAgent(conversation, agent.name).routing, unchanged: true };
			const kind = conversation.kind;
			const load = agent.load[kind] ?? 0;
			const capacity = agent.capacity[kind] ?? 0;
			const room = `${agent.name} has ${load} of ${capacity} ${workNoun(kind, capacity)}`;
			const full = load >= capacity;
			if (!force && agent.status !== 'online') throw new AssignmentError(`${agent.name} is ${agent.status}: set them online first, or exceed capacity to assign anyway`);
			if (!force && full) throw new AssignmentError(`${room}: no room for this conversation`);
			const notes = [agent.status !== 'online' && `while ${agent.status}`, full && `over capacity (${load + 1} of ${capacity} ${workNoun(kind, capacity)})`].filter(Boolean);
			const routing: ConversationRouting = {
				queue: conversation.queue,
				agent: { id: wanted, name: agent.name },
				priority: conversation.priority as Priority,
				dueAt: conversation.dueAt ?? null,
				reason: reason ?? `assigned to ${agent.name} by hand${notes.length ? `, ${notes.join(' and ')}` : ''}`,
			};
			await writeRoutings(tx, [{ id, assigneeId: wanted, queue: routing.queue, priority: routing.priority, kind, dueAt: routing.dueAt, routing }]);
			await markAssigned(tx, [{ agentId: wanted, at: Date.now() }]);
			return { conversationId: id, routing, unchanged: false, ...(conversation.assigneeId ? { previousAgent: conversation.assigneeId } : {}) };
		});
	}

	/** Takes the conversation from its agent; it keeps waiting in its queue. Throws an AssignmentError for an unknown conversation. */
	async unassign(conversationId: string, reason = 'unassigned: waiting in queue'): Promise<{ previousAgent?: string }> {
		if (!isCustomerId(conversationId)) throw new AssignmentError(`"${conversationId}" is not a conversation id (a UUID)`);
		const result = await clearAssignee(this.db, conversationId, reason);
		if (!result.found) throw new AssignmentError(`no conversation has the id ${conversationId}`);
		return result.hadAgent ? { previousAgent: result.hadAgent } : {};
	}

	/** Who served the customer before, per channel, and when last (for sticky routing). */
	async previousAgents(customerId: string): Promise<PreviousAgent[]> {
		if (!isCustomerId(customerId)) return [];
		return (await selectPreviousAgents(this.db, [customerId])).get(customerId) ?? [];
	}

	/**
	 * When each customer last wrote or called before a time (for "minutes since last contact"),
	 * one per request, in order; undefined: never before then, or not a customer id.
	 */
	async lastContacts(requests: { customerId: string; before: Moment }[]): Promise<(string | undefined)[]> {
		const valid = requests.flatMap((request, index) => (isCustomerId(request.customerId) ? [{ index, customerId: request.customerId, before: new Date(toMillis(request.before)).toISOString() }] : []));
		const found = await selectLastContacts(this.db, valid);
		const result: (string | undefined)[] = requests.map(() => undefined);
		valid.forEach((request, position) => (result[request.index] = found[position]));
		return result;
	}

	/** Decides every pending request from one snapshot, loads updated as it goes; unroutable ones get their outcome. */
	private async decide(pending: RouteRequest[], plan: RoutingPlan, now: number, outcomes: Map<string, RouteOutcome>): Promise<Decided[]> {
		const [agents, queues, conversations] = await Promise.all([selectAgentsWithLoad(this.db), selectQueues(this.db), selectRoutableConversations(this.db, pending.map((request) => request.conversationId))]);
		const team = new TeamSnapshot(agents, queues);
		const needPrevious = usesPreviousAgents(plan) ? pending.filter((request) => !request.facts.previousAgents).map((request) => conversations.get(request.conversationId)?.customerId) : [];
		const previous = await selectPreviousAgents(this.db, [...new Set(needPrevious.filter((id): id is string => id !== undefined))]);
		const decided: Decided[] = [];
		for (const request of pending) {
			const conversation = conversations.get(request.conversationId);
			const problem = unroutable(request.conversationId, conversation);
			if (problem || !conversation) {
				outcomes.set(request.conversationId, { conversationId: request.conversationId, error: problem! });
				continue;
			}
			if (conversation.assigneeId !== null) {
				outcomes.set(request.conversationId, keptWithAgent(conversation, team.agent(conversation.assigneeId)?.name));
				continue;
			}
			const facts = request.facts.previousAgents ? request.facts : { ...request.facts, previousAgents: previous.get(conversation.customerId) ?? [] };
			const decision = decideRoute({ facts, routes: plan.routes, fallback: plan.fallback, agents: team.agents, schedules: team.schedules, now });
			const assignedAt = decision.agent ? team.take(decision.agent.id, decision.kind, now) : undefined;
			decided.push({ request, conversation, decision, dueAt: responseDueAt(team.queue(decision.queue), conversation), assignedAt });
		}
		return decided;
	}

	/**
	 * Writes the decisions that still hold under lock, and returns the requests to decide again:
	 * those whose agent has no room left or is no longer online (on the last attempt, these wait
	 * in their queue instead).
	 */
	private async assign(tx: SqlClient, decided: Decided[], lastAttempt: boolean, outcomes: Map<string, RouteOutcome>): Promise<RouteRequest[]> {
		if (!decided.length) return [];
		const current = await lockConversations(tx, decided.map((item) => item.conversation.id));
		const agents = await lockAgents(tx, [...new Set(decided.flatMap((item) => (item.decision.agent ? [item.decision.agent.id] : [])))]);
		const writes: RoutingWrite[] = [];
		const assigned = new Map<string, number>();
		const retry: RouteRequest[] = [];
		const settle = (item: Decided, decision: RoutingDecision) => {
			const routing: ConversationRouting = {
				queue: decision.queue ?? null,
				agent: decision.agent ?? null,
				priority: decision.priority,
				dueAt: item.dueAt?.toISOString() ?? null,
				reason: decision.reason,
			};
			writes.push({ id: item.conversation.id, assigneeId: decision.agent?.id ?? null, queue: routing.queue, priority: decision.priority, kind: decision.kind, dueAt: routing.dueAt, routing });
			outcomes.set(item.request.conversationId, { conversationId: item.request.conversationId, routing, decision });
		};
		for (const item of decided) {
			const id = item.request.conversationId;
			const now = current.get(item.conversation.id);
			const problem = unroutable(id, now);
			if (problem) {
				outcomes.set(id, { conversationId: id, error: problem });
				continue;
			}
			// Another router gave it to an agent since the snapshot: it stays with them.
			if (now!.assigneeId !== null) {
				outcomes.set(id, keptWithAgent(now!));
				continue;
			}
			const agentId = item.decision.agent?.id;
			if (agentId === undefined) {
				settle(item, item.decision);
				continue;
			}
			const agent = agents.get(agentId);
			const kind = item.decision.kind;
			const load = agent?.load[kind] ?? 0;
			if (agent && agent.status === 'online' && load < (agent.capacity[kind] ?? 0)) {
				agent.load[kind] = load + 1;
				assigned.set(agentId, Math.max(assigned.get(agentId) ?? 0, item.assignedAt!));
				settle(item, item.decision);
			} else if (!lastAttempt) {
				retry.push(item.request);
			} else {
				const why = !agent ? 'left the team' : agent.status !== 'online' ? `went ${agent.status}` : 'was given other work meanwhile and has no room left';
				settle(item, { ...item.decision, agent: undefined, reason: `${item.decision.reason}; but ${item.decision.agent!.name} ${why}: waiting in queue` });
			}
		}
		await writeRoutings(tx, writes);
		await markAssigned(tx, [...assigned].map(([agentId, at]) => ({ agentId, at })));
		return retry;
	}
}

/**
 * A conversation that has an agent stays with them: routing it again (the customer wrote
 * again, or two routers raced for it) keeps the assignment. Use unassign to move it.
 */
function keptWithAgent(conversation: RoutableConversation, agentName?: string): RoutedConversation {
	const stored = (conversation.routing ?? {}) as Partial<ConversationRouting>;
	const id = conversation.assigneeId!;
	const agent = { id, name: stored.agent?.id === id ? stored.agent.name : (agentName ?? id) };
	const priority = conversation.priority as Priority;
	const reason = stored.agent?.id === id && stored.reason ? stored.reason : `assigned to ${agent.name}`;
	return {
		conversationId: conversation.id,
		kept: true,
		routing: { queue: conversation.queue, agent, priority, dueAt: conversation.dueAt ?? null, reason },
		decision: { queue: conversation.queue ?? undefined, agent, kind: conversation.kind, priority, reason: `already with ${agent.name}`, matched: [] },
	};
}

/** "chats", "calls", "e-mails": the kind of work as counted in a sentence. */
function workNoun(kind: string, count: number): string {
	const noun = kind === 'email' ? 'e-mail' : kind;
	return count === 1 ? noun : `${noun}s`;
}

/** Why a conversation can't be routed, or undefined when it can. */
function unroutable(id: string, conversation: Pick<RoutableConversation, 'status' | 'mergedInto'> | undefined): string | undefined {
	if (!conversation) return `no conversation has the id ${id}`;
	if (conversation.mergedInto) return `conversation ${id} was folded into ${conversation.mergedInto} when their customers merged: route that one`;
	if (conversation.status === 'resolved') return `conversation ${id} is resolved: reopen it before routing it`;
	return undefined;
}
